import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPassedGates, runGates } from '../../src/gates/run-gates.js';
import type { GateReport } from '../../src/gates/types.js';
import { PACK_GATES, editJson, freshPack, target } from './helpers.js';

const gate = (report: GateReport, name: string) => report.gates.find((g) => g.name === name)!;
const messages = (report: GateReport, name: string) =>
  gate(report, name)
    .findings.map((f) => f.message)
    .join('\n');

describe('runGates on a scaffolded pack', () => {
  it('passes every gate, in order', async () => {
    const report = await runGates(target(freshPack()), { plugins: [] });
    expect(report.gates.map((g) => g.name)).toEqual(PACK_GATES);
    expect(report.gates.filter((g) => !g.ok)).toEqual([]);
    expect(report).toMatchObject({ name: '@test/sample', version: '0.1.0', ok: true });
    expect(formatPassedGates(report)).toEqual([
      '@test/sample@0.1.0: all gates passed',
      ...PACK_GATES.map((name) => `  ✓ ${name}: ok`),
    ]);
  });

  it('refuses a template that references an undefined variable, naming pack and template', async () => {
    const root = freshPack();
    writeFileSync(
      join(root, 'templates/overview.md.njk'),
      '# {{ spec.title | md }}\n\n{{ spec.no_such_field }}\n',
    );
    const report = await runGates(target(root), { plugins: [] });
    expect(report.ok).toBe(false);
    expect(gate(report, 'harness').ok).toBe(false);
    expect(messages(report, 'harness')).toMatch(/sample.*no_such_field/s);
    // Code and location are fields, printed once by the error renderer, not repeated in the message.
    expect(gate(report, 'harness').findings[0]).toMatchObject({
      code: 'E_TEMPLATE_UNDEFINED',
      file: 'overview.md.njk',
      line: 3,
    });
    expect(messages(report, 'harness')).not.toContain('E_TEMPLATE_UNDEFINED');
  });

  it('refuses an output that fails its validator', async () => {
    const root = freshPack();
    writeFileSync(join(root, 'templates/overview.md.njk'), 'no heading first\n\n\n\ntext <b>html</b>\n');
    const report = await runGates(target(root), { plugins: [] });
    expect(gate(report, 'harness').ok).toBe(false);
    expect(gate(report, 'harness').findings).toContainEqual(
      expect.objectContaining({
        code: 'E_OUTPUT_INVALID',
        file: 'sample/overview.md',
        line: expect.any(Number),
        message: expect.stringMatching(/\[MD\d+\]/),
      }),
    );
  });

  it('refuses an agent that reaches for randomness (the sandbox has none)', async () => {
    const root = freshPack();
    const file = join(root, 'agents/overview.js');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('return { features,', 'return { n: Math.random(), features,'),
    );
    const tpl = join(root, 'templates/overview.md.njk');
    writeFileSync(
      tpl,
      readFileSync(tpl, 'utf8').replace('{{ spec.one_liner | md }}', 'Run {{ sample_overview.n }}.'),
    );
    const report = await runGates(target(root), { plugins: [] });
    expect(gate(report, 'harness').ok).toBe(false);
    expect(gate(report, 'harness').findings.map((f) => f.code)).toContain('E_AGENT_FAILED');
    expect(messages(report, 'harness')).toContain('Math.random is not available to agents');
  });

  it('refuses lifecycle scripts and oclif hooks in package.json', async () => {
    const root = freshPack();
    editJson(join(root, 'package.json'), (p) => {
      p.scripts = { postinstall: 'node evil.js', test: 'echo ok' };
      p.oclif = { hooks: { init: './hook.js' } };
    });
    const report = await runGates(target(root), { plugins: [] });
    expect(messages(report, 'package')).toMatch(/"postinstall" script/);
    expect(messages(report, 'package')).toMatch(/oclif hooks/);
    expect(messages(report, 'package')).not.toMatch(/"test" script/);
    expect(gate(report, 'harness').skipped).toBeTruthy();
  });

  it('refuses duplicate keys and unknown fields in the manifest', async () => {
    const root = freshPack();
    const file = join(root, 'pack.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"title":', '"title": "One",\n  "title":'));
    const dup = await runGates(target(root), { plugins: [] });
    expect(messages(dup, 'manifest')).toMatch(/key "title" twice/);
    const root2 = freshPack();
    editJson(join(root2, 'pack.json'), (m) => {
      m.colour = 'blue';
    });
    const unknown = await runGates(target(root2), { plugins: [] });
    expect(gate(unknown, 'manifest').ok).toBe(false);
    expect(JSON.stringify(gate(unknown, 'manifest').findings)).toMatch(/colour/);
  });

  it('checks the engine and spec-version ranges against this host', async () => {
    const root = freshPack();
    editJson(join(root, 'pack.json'), (m) => {
      m.engine = '>=9.0.0';
      m.spec_versions = '^2.0.0';
    });
    const report = await runGates(target(root), { plugins: [], host: { engine: '0.1.0', spec: '1.0.0' } });
    expect(messages(report, 'engine')).toContain('needs studio >=9.0.0; this is studio 0.1.0');
    expect(messages(report, 'engine')).toContain('accepts Source Spec ^2.0.0');
  });

  it.each([
    ['../escape.md', /contains "\.\."/],
    ['/etc/passwd', /absolute/],
    ['docs\\win.md', /backslash/],
    ['C:/x.md', /drive letter|Windows refuses/],
    ['docs/aux.txt', /reserved name on Windows/],
    ['CON', /reserved name on Windows/],
  ])('refuses the artifact path %s', async (path, reason) => {
    const root = freshPack();
    editJson(join(root, 'pack.json'), (m) => {
      (m.artifacts as { path: string }[])[0]!.path = path;
    });
    const report = await runGates(target(root), { plugins: [] });
    expect(gate(report, 'paths').ok).toBe(false);
    expect(messages(report, 'paths')).toMatch(reason);
  });

  it('refuses symlinks, reserved file names and names differing only by case anywhere in the package', async () => {
    const root = freshPack();
    symlinkSync('/etc/hostname', join(root, 'templates/link.md.njk'));
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs/Readme.md'), 'a');
    writeFileSync(join(root, 'docs/README.md'), 'b');
    writeFileSync(join(root, 'docs/nul.txt'), 'c');
    const report = await runGates(target(root), { plugins: [] });
    const text = messages(report, 'paths');
    expect(text).toContain('"templates/link.md.njk" is a symbolic link');
    expect(text).toMatch(/differ only by case: docs\/README\.md, docs\/Readme\.md/);
    expect(text).toMatch(/docs\/nul\.txt.*reserved/);
  });

  it('refuses a template that does not exist', async () => {
    const root = freshPack();
    editJson(join(root, 'pack.json'), (m) => {
      (m.artifacts as { template: string }[])[0]!.template = 'missing.md.njk';
    });
    const report = await runGates(target(root), { plugins: [] });
    expect(messages(report, 'paths')).toContain('template "templates/missing.md.njk" does not exist');
  });

  it('refuses pack and agent ids another package claims and a command shadowing a core command, naming both', async () => {
    const root = freshPack();
    writeFileSync(
      join(root, 'oclif.manifest.json'),
      JSON.stringify({ version: '0.1.0', commands: { generate: { id: 'generate' } } }),
    );
    const other = {
      name: '@other/pack',
      version: '1.0.0',
      root: '/nowhere',
      type: 'core',
      studio: { packs: { sample: 'pack.json' }, agents: { 'sample:overview': 'agents/overview.js' } },
    };
    const report = await runGates(target(root), {
      plugins: [other],
      coreCommands: new Map([['generate', 'spec-to-pack-studio']]),
    });
    const text = messages(report, 'package');
    expect(text).toContain('pack id "sample" is claimed by both @test/sample and @other/pack');
    expect(text).toContain('agent id "sample:overview" is claimed by both @test/sample and @other/pack');
    expect(gate(report, 'package').findings.map((f) => f.pointer)).toEqual(
      expect.arrayContaining(['/studio/packs/sample', '/studio/agents/sample:overview']),
    );
    expect(text).toContain(
      'command "generate" of @test/sample would shadow the core command of spec-to-pack-studio',
    );
  });

  it('refuses a stale or missing oclif.manifest.json', async () => {
    const root = freshPack();
    writeFileSync(join(root, 'oclif.manifest.json'), JSON.stringify({ version: '0.0.9', commands: {} }));
    const report = await runGates(target(root), { plugins: [] });
    expect(messages(report, 'package')).toContain('oclif.manifest.json is for version 0.0.9');
  });
});
