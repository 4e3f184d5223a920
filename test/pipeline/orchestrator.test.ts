import { fileURLToPath } from 'node:url';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/plugins/discovery.js';
import { generate, STATES } from '../../src/pipeline/orchestrator.js';
import { createRunContext, type Clock } from '../../src/pipeline/run-context.js';
import type { StudioError } from '../../src/errors/studio-error.js';
import { tempDir } from '../e2e/cli.js';
import { rejected } from '../errors/studio-failure.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/pipeline/tiny-pack/', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/clinic-queue/', import.meta.url));
const catalog = buildCatalog([
  {
    name: '@fixture/tiny-pack',
    version: '1.0.0',
    root: FIXTURE,
    type: 'core',
    studio: JSON.parse(readFileSync(join(FIXTURE, 'package.json'), 'utf8')).studio,
  },
]);

const base = (out: string, packIds = ['tiny']) => ({
  ideaFile: join(EXAMPLE, 'idea.yaml'),
  decisionsFile: join(EXAMPLE, 'decisions.yaml'),
  packIds,
  outDir: out,
  catalog,
  engineVersion: '0.1.0',
  env: { SOURCE_DATE_EPOCH: '0' },
});

const failure = (p: Promise<unknown>): Promise<StudioError> => rejected(p, 'the run');

describe('orchestrator', () => {
  it('walks every state in order and writes the pack, expanded `each` artifacts and the records', async () => {
    const out = join(tempDir(), 'out');
    const ctx = createRunContext({ cacheDir: null });
    const result = await generate({ ...base(out), ctx });
    expect(result.stages.map((s) => s.name)).toEqual(STATES.filter((s) => s !== 'Done'));
    expect(result.stages.find((s) => s.name === 'Research')!.status).toBe('skipped');
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      'artifact_index.json',
      'audit.jsonl',
      'features',
      'run_report.html',
      'source_spec.json',
      'summary.md',
      'tiny.zip',
    ]);
    expect(readdirSync(join(out, 'features')).sort()).toEqual(['f-1.md', 'f-2.md', 'f-3.md', 'f-4.md']);
    const entered = ctx.audit.events.filter((e) => e.event === 'entered').map((e) => e.stage);
    expect(entered.slice(0, 3)).toEqual(['CollectInputs', 'BuildSpec', 'ValidateSpec']);
    expect(ctx.audit.events.some((e) => e.stage === 'RunAgents' && e.event === 'fx:echo')).toBe(true);
    const index = JSON.parse(readFileSync(join(out, 'artifact_index.json'), 'utf8'));
    expect(index.generated_at).toBe('1970-01-01T00:00:00Z');
    // The audit log on disk is the whole run, up to and including Done.
    const audit = readFileSync(join(out, 'audit.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(audit.at(-1)!)).toMatchObject({ stage: 'Done', event: 'done' });
    expect(audit).toHaveLength(ctx.audit.events.length);
  });

  it('a dry run builds the same output set and diffs it instead of committing', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const real = await generate({ ...base(out), ctx: createRunContext({ cacheDir: null }) });
    const dry = await generate({ ...base(out), dryRun: true, ctx: createRunContext({ cacheDir: null }) });
    expect(dry.index).toEqual(real.index);
    expect(dry.diff).toMatchObject({ added: [], changed: [], removed: [], hadPrevious: true });
    expect(dry.diff!.unchanged).toEqual(real.index.artifacts.map((a) => a.path));
    const fresh = join(dir, 'fresh');
    const none = await generate({ ...base(fresh), dryRun: true, ctx: createRunContext({ cacheDir: null }) });
    expect(none.diff).toMatchObject({ hadPrevious: false, unchanged: [] });
    expect(existsSync(fresh)).toBe(false);
  });

  it('a step that overruns the per-step timeout fails with StepTimeout and writes nothing', async () => {
    const out = join(tempDir(), 'out');
    // Generous against a loaded machine for the other stages; the agent sleeps far longer.
    process.env.STUDIO_FIXTURE_DELAY_MS = '8000';
    const ctx = createRunContext({
      cacheDir: null,
      budgets: { maxSteps: 100, stepTimeoutMs: 2000, totalMs: 60_000 },
    });
    const error = await failure(generate({ ...base(out, ['slowpack']), ctx }));
    expect(error.code).toBe('E_STEP_TIMEOUT');
    expect(error.message).toContain('fx:slow');
    expect(existsSync(out)).toBe(false);
    expect(ctx.audit.events.at(-1)!.stage).toBe('Failed');
  });

  it('a run over its total budget fails with BudgetExceeded', async () => {
    process.env.STUDIO_FIXTURE_DELAY_MS = '2000';
    const ctx = createRunContext({
      cacheDir: null,
      budgets: { maxSteps: 100, stepTimeoutMs: 60_000, totalMs: 300 },
    });
    const error = await failure(generate({ ...base(join(tempDir(), 'out'), ['slowpack']), ctx }));
    expect(error.code).toBe('E_BUDGET_EXCEEDED');
  });

  it('a run that needs more steps than its budget fails with BudgetExceeded', async () => {
    const ctx = createRunContext({
      cacheDir: null,
      budgets: { maxSteps: 4, stepTimeoutMs: 60_000, totalMs: 60_000 },
    });
    const error = await failure(generate({ ...base(join(tempDir(), 'out')), ctx }));
    expect(error.code).toBe('E_BUDGET_EXCEEDED');
    expect(error.message).toContain('4 steps');
  });

  it('a synchronous overrun is caught when the step returns (injected clock)', async () => {
    let now = 0;
    const clock: Clock = { now: () => new Date(0), monotonic: () => (now += 40) };
    const ctx = createRunContext({
      cacheDir: null,
      clock,
      budgets: { maxSteps: 100, stepTimeoutMs: 30, totalMs: 60_000 },
    });
    const error = await failure(generate({ ...base(join(tempDir(), 'out')), ctx }));
    expect(error.code).toBe('E_STEP_TIMEOUT');
  });

  it('an unknown pack id is PACK_NOT_FOUND naming the known packs', async () => {
    const error = await failure(
      generate({ ...base(join(tempDir(), 'out'), ['nope']), ctx: createRunContext({ cacheDir: null }) }),
    );
    expect(error.code).toBe('E_PACK_NOT_FOUND');
    expect(error.hint).toContain('slowpack, tiny');
  });

  it('an id lost on the way fails the run with E_TRACEABILITY naming the orphan, and writes nothing', async () => {
    const out = join(tempDir(), 'out');
    const error = await failure(
      generate({ ...base(out, ['orphan']), ctx: createRunContext({ cacheDir: null }) }),
    );
    expect(error.code).toBe('E_TRACEABILITY');
    expect(error.exitCode).toBe(2);
    expect(JSON.stringify(error.details)).toContain('F-4');
    expect(JSON.stringify(error.details)).not.toContain('F-1,');
    expect(existsSync(out)).toBe(false);
  });

  it('a template or validator failure names the plugin of the pack that caused it; traceability alone does not', async () => {
    const run = (pack: string) =>
      failure(
        generate({ ...base(join(tempDir(), 'out'), [pack]), ctx: createRunContext({ cacheDir: null }) }),
      );
    const rendered = await run('undef');
    expect(rendered).toMatchObject({ code: 'E_TEMPLATE_UNDEFINED', plugin: '@fixture/tiny-pack' });
    const validated = await run('broken');
    expect(validated).toMatchObject({ code: 'E_OUTPUT_INVALID', plugin: '@fixture/tiny-pack' });
    expect(JSON.stringify(validated.details)).toContain('MD041');
    expect((await run('orphan')).plugin).toBeUndefined();
  });

  it('a ready spec (--spec) is checked in ValidateSpec: schema, then semantic rules', async () => {
    const dir = tempDir();
    await generate({ ...base(join(dir, 'a')), ctx: createRunContext({ cacheDir: null }) });
    const spec = JSON.parse(readFileSync(join(dir, 'a/source_spec.json'), 'utf8'));
    spec.milestones[0].deliverables.push('F-99');
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec, null, 2));
    const { ideaFile: _i, decisionsFile: _d, ...rest } = base(join(dir, 'b'));
    const error = await failure(
      generate({ ...rest, specFile: file, ctx: createRunContext({ cacheDir: null }) }),
    );
    expect(error.code).toBe('E_SPEC_INVALID');
    const detail = error.details.find((d) => d.pointer === '/milestones/0/deliverables/2');
    // Located in the file like `studio validate --spec` locates it: file:line:column.
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(detail).toMatchObject({ file, column: expect.any(Number) });
    expect(lines[detail!.line! - 1]).toContain('"F-99"');
  });

  it('a warm run (inputs, schema passes and report HTML from the caches) writes what a run without caches writes', async () => {
    const dir = tempDir();
    const cacheDir = join(dir, 'cache');
    const cold = await generate({ ...base(join(dir, 'cold')), ctx: createRunContext({ cacheDir }) });
    for (const name of ['yaml', 'schemas', 'report'])
      expect(readdirSync(join(cacheDir, name)).length).toBeGreaterThan(0);
    const warm = await generate({ ...base(join(dir, 'warm')), ctx: createRunContext({ cacheDir }) });
    const off = await generate({ ...base(join(dir, 'off')), ctx: createRunContext({ cacheDir: null }) });
    expect(warm.spec).toEqual(off.spec);
    expect(cold.index).toEqual(off.index);
    expect(warm.index).toEqual(off.index);
    const documents = (out: string) =>
      readFileSync(join(dir, out, 'run_report.html'), 'utf8').split('<section id="documents">')[1];
    expect(documents('warm')).toBeDefined();
    expect(documents('warm')).toBe(documents('off'));
  });

  it('a run keeps the caches within STUDIO_CACHE_MAX_MB: what was written longest ago goes', async () => {
    const dir = tempDir();
    const cacheDir = join(dir, 'cache');
    // 2 MiB of old validator passes in a cache limited to 1 MiB.
    const stale = join(cacheDir, 'validation', 'old-pass');
    mkdirSync(join(cacheDir, 'validation'), { recursive: true });
    writeFileSync(stale, Buffer.alloc(2 * 2 ** 20));
    utimesSync(stale, 1_000_000, 1_000_000);
    await generate({
      ...base(join(dir, 'out')),
      env: { SOURCE_DATE_EPOCH: '0', STUDIO_CACHE_MAX_MB: '1' },
      ctx: createRunContext({ cacheDir }),
    });
    expect(existsSync(stale)).toBe(false);
    // What the run itself cached is newer, and kept.
    expect(readdirSync(join(cacheDir, 'yaml')).length).toBeGreaterThan(0);
    expect(existsSync(join(cacheDir, '.last-prune'))).toBe(true);
  });
});
