import { describe, expect, it } from 'vitest';
import ciAuthor, { actionsText } from '../src/ci-author.js';
import { canonicalStep, parseRuntime } from '../src/lib/ci-runtimes.js';
import { exampleSpec, hostileSpec, minimalSpec, runAgent } from './fixtures.js';

function withCi(runtime: string, steps: string[], environments = ['staging', 'production']) {
  const spec = exampleSpec('ledgerly');
  spec.ops.ci = { provider: 'github-actions', runtime, steps };
  spec.ops.environments = environments;
  return spec;
}

describe('runtime parsing', () => {
  it('reads language and version in the usual spellings', () => {
    expect(parseRuntime('node@20')).toMatchObject({
      version: '20',
      recipe: { language: 'node', uses: 'actions/setup-node@v4' },
    });
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
  it('node: setup-node with the version, npm commands, one deploy job per environment chained by needs', async () => {
    const vm = await runAgent(ciAuthor, exampleSpec('ledgerly'));
    const [build, staging, production] = vm.jobs;
    expect(build!.steps.map((s) => s.uses ?? s.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'npm run lint',
      'npm test',
      'npm run build',
    ]);
    expect(build!.steps[1]!.with).toContainEqual({ key: 'node-version', value: '20' });
    expect(staging).toMatchObject({ id: 'deploy-staging', environment: 'staging', needs: ['build'] });
    expect(production).toMatchObject({
      id: 'deploy-production',
      environment: 'production',
      needs: ['deploy-staging'],
    });
    expect(vm.notes).toEqual([]);
  });

  it('python: setup-python and python commands', async () => {
    const vm = await runAgent(ciAuthor, withCi('python@3.11', ['install', 'lint', 'test']));
    const steps = vm.jobs[0]!.steps;
    expect(steps[1]).toMatchObject({
      uses: 'actions/setup-python@v5',
      with: expect.arrayContaining([{ key: 'python-version', value: '3.11' }]),
    });
    expect(steps.slice(2).map((s) => s.run)).toEqual([
      'python -m pip install -r requirements.txt',
      'python -m ruff check .',
      'python -m pytest',
    ]);
    expect(vm.jobs).toHaveLength(1);
    expect(vm.notes.join(' ')).toContain('no deploy step');
  });

  it('unknown runtime and steps: no setup step, placeholders that pass user text only through env', async () => {
    const vm = await runAgent(ciAuthor, withCi('elixir 1.16', ['test', 'make coffee $(id)'], []));
    const steps = vm.jobs[0]!.steps;
    expect(steps.map((s) => s.uses).filter((u) => u !== null)).toEqual(['actions/checkout@v4']);
    const coffee = steps.find((s) => s.name.startsWith('make coffee'))!;
    expect(coffee.run).not.toContain('make coffee');
    expect(coffee.env).toEqual([{ key: 'STUDIO_STEP', value: 'make coffee $(id)' }]);
    expect(vm.runtime).toMatchObject({ supported: false, language: null });
    expect(vm.notes.join(' ')).toContain('elixir 1.16');
    expect(vm.steps.map((s) => s.mapped_to)).toEqual([null, null]);
  });

  it('no ops.ci: a checkout-only starting point with a note', async () => {
    const vm = await runAgent(ciAuthor, minimalSpec());
    expect(vm.jobs).toHaveLength(1);
    expect(vm.jobs[0]!.steps).toHaveLength(1);
    expect(vm.notes[0]).toContain('ops.ci is empty');
  });

  it('user text never carries a GitHub expression or a line break into the workflow', async () => {
    expect(actionsText('a ${{ secrets.X }}\nb\u0000c')).toBe('a $ {{ secrets.X }} bc');
    const vm = await runAgent(ciAuthor, hostileSpec());
    const strings = JSON.stringify(vm);
    expect(strings).not.toContain('${{');
    for (const job of vm.jobs) expect(job.id).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(new Set(vm.jobs.map((j) => j.id)).size).toBe(vm.jobs.length);
  });
});
