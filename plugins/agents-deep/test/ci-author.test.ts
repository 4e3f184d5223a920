import { describe, expect, it } from 'vitest';
import ciAuthor, { actionsText } from '../src/ci-author.js';
import { canonicalStep, parseRuntime } from '../src/lib/ci-runtimes.js';
import { english } from './english.js';
import { exampleSpec, hostileSpec, minimalSpec, runAgent } from './fixtures.js';

function withCi(
  runtime: string,
  steps: string[],
  environments = ['staging', 'production'],
  languages = ['TypeScript'],
) {
  const spec = exampleSpec('ledgerly');
  spec.stack.languages = languages;
  spec.ops.ci = { provider: 'github-actions', runtime, steps };
  spec.ops.environments = environments;
  return spec;
}

describe('runtime parsing', () => {
  it('reads language and version in the usual spellings; setup actions are pinned by SHA', () => {
    expect(parseRuntime('node@20')).toMatchObject({ version: '20', recipe: { language: 'node' } });
    expect(parseRuntime('node@20').recipe!.uses).toMatch(/^actions\/setup-node@[0-9a-f]{40}$/);
    expect(parseRuntime('Node.js 18')).toMatchObject({ version: '18', recipe: { language: 'node' } });
    expect(parseRuntime('python3.12')).toMatchObject({ version: '3.12', recipe: { language: 'python' } });
    expect(parseRuntime('go 1.22')).toMatchObject({ version: '1.22', recipe: { language: 'go' } });
    expect(parseRuntime('jdk17')).toMatchObject({ version: '17', recipe: { language: 'java' } });
    expect(parseRuntime('node')).toMatchObject({ version: '20' });
    expect(parseRuntime('rust@1.79')).toMatchObject({ recipe: null, version: '1.79' });
    expect(parseRuntime('node; rm -rf /')).toMatchObject({ recipe: null, version: null });
  });

  it('maps step spellings to canonical steps', () => {
    expect(canonicalStep('Unit tests')).toBe('test');
    expect(canonicalStep('type check')).toBe('typecheck');
    expect(canonicalStep('release')).toBe('deploy');
    expect(canonicalStep('make coffee')).toBeNull();
  });
});

describe('studio:ci-author', () => {
  it('a job per stack language with the promised checks, services for declared stores, build once and promote', async () => {
    const vm = english(
      await runAgent(
        ciAuthor,
        withCi(
          'node@20',
          ['install', 'lint', 'test', 'build', 'deploy'],
          ['staging', 'production'],
          ['TypeScript', 'Python'],
        ),
      ),
    );
    const ids = vm.jobs.map((j) => j.id);
    expect(ids).toEqual([
      'build-typescript',
      'build-python',
      'e2e',
      'package',
      'deploy-staging',
      'deploy-production',
    ]);
    const ts = vm.jobs[0]!;
    expect(ts.steps[1]!.with).toContainEqual({ key: 'node-version', value: '20' });
    for (const check of ['Typecheck', 'Lint', 'Format']) expect(ts.steps.map((s) => s.name)).toContain(check);
    expect(ts.services.map((s) => s.image)).toEqual(['postgres:16', 'redis:7']);
    expect(vm.jobs[1]!.steps[1]!.uses).toMatch(/^actions\/setup-python@[0-9a-f]{40}$/);
    for (const job of vm.jobs)
      for (const st of job.steps) if (st.uses) expect(st.uses).toMatch(/@[0-9a-f]{40}$/);
    const pkg = vm.jobs.find((j) => j.id === 'package')!;
    expect(pkg.steps.some((st) => st.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
    const [staging, production] = vm.jobs.slice(-2);
    expect(staging).toMatchObject({ environment: 'staging', needs: ['package'] });
    expect(production).toMatchObject({ environment: 'production', needs: ['deploy-staging'] });
    for (const d of [staging!, production!]) {
      expect(d.steps[0]!.uses).toMatch(/^actions\/download-artifact@/);
      expect(d.steps.some((st) => st.run?.includes('npm run build'))).toBe(false);
      // Cloud hosting: a hosted runner with short-lived OIDC credentials.
      expect(d.runs_on).toEqual(['ubuntu-latest']);
      expect(d.permissions).toEqual([{ key: 'id-token', value: 'write' }]);
    }
    expect(vm.notes.join(' ')).toContain('required reviewers');
  });

  it('on-premises hosting deploys from a self-hosted runner', async () => {
    const spec = withCi('node@20', ['test', 'deploy']);
    spec.stack.hosting_model = 'on-prem';
    const vm = english(await runAgent(ciAuthor, spec));
    for (const d of vm.jobs.filter((j) => j.id.startsWith('deploy-')))
      expect(d.runs_on).toContain('self-hosted');
  });

  it('unknown language and steps: placeholders that fail and pass user text only through env', async () => {
    const vm = english(
      await runAgent(ciAuthor, withCi('elixir 1.16', ['test', 'make coffee $(id)'], [], ['Elixir'])),
    );
    const steps = vm.jobs[0]!.steps;
    expect(steps[1]!.run).toContain('exit 1');
    expect(vm.languages).toEqual([{ name: 'Elixir', job: 'build-elixir', supported: false }]);
    const ts = english(await runAgent(ciAuthor, withCi('node@20', ['test', 'make coffee $(id)'], [])));
    const coffee = ts.jobs[0]!.steps.find((st) => st.name.startsWith('make coffee'))!;
    expect(coffee.run).not.toContain('make coffee');
    expect(coffee.run).toContain('exit 1');
    expect(coffee.env).toEqual([{ key: 'STUDIO_STEP', value: 'make coffee $(id)' }]);
    expect(JSON.stringify(ts)).not.toContain('::warning::');
  });

  it('no ops.ci: the stated default steps, with a note', async () => {
    const vm = english(await runAgent(ciAuthor, minimalSpec()));
    expect(vm.notes[0]).toContain('ops.ci is empty');
    // The fr-CA locale pack words the same note; keys and step ids stay as written.
    const fr = english(await runAgent(ciAuthor, minimalSpec()), 'fr-CA');
    expect(fr.notes[0]).toBe(
      'ops.ci est vide\u00a0: les étapes par défaut install, lint, test, build sont utilisées.',
    );
    expect(fr.jobs.map((j) => j.id)).toEqual(vm.jobs.map((j) => j.id));
    expect(vm.jobs.map((j) => j.id)).toEqual(['build', 'e2e']);
  });

  it('user text never carries a GitHub expression or a line break into the workflow', async () => {
    expect(actionsText('a ${{ secrets.X }}\nb\u0000c')).toBe('a $ {{ secrets.X }} bc');
    const vm = english(await runAgent(ciAuthor, hostileSpec()));
    const strings = JSON.stringify(vm);
    expect(strings).not.toContain('${{');
    for (const job of vm.jobs) expect(job.id).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(new Set(vm.jobs.map((j) => j.id)).size).toBe(vm.jobs.length);
  });
});
