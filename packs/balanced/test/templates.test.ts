// Template harness for the Balanced pack: every template rendered through the host's public renderPacks
// (the real agents, the strict renderer) for the clinic-queue example (every dial), the smallest spec and
// a spec full of hostile text, checked by the host's own validators and the pack's traceability rules,
// and for content: visible dial effects, escaping and byte-stable output.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Dials, PackManifest, SourceSpec } from '@studio/sdk';
import { buildSpec, catalogFromFolders, renderPacks } from 'spec-to-pack-studio';
import { clinicQueueSpec, minimalSpec, nastySpec } from '../../../plugins/agents-core/test/fixtures.js';

const packDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(packDir, '..', '..');
const agentsDir = join(repoRoot, 'plugins/agents-core');
const readYaml = (rel: string): unknown => parseYaml(readFileSync(join(repoRoot, rel), 'utf8'));
const manifest = JSON.parse(readFileSync(join(packDir, 'pack.json'), 'utf8')) as PackManifest;
const catalog = catalogFromFolders([packDir, agentsDir]);

/** Every artifact of the pack for one spec, through the host's own pipeline stages (agents, strict
 *  render, every validator and the pack's traceability rules): path → text, and the findings. */
async function renderPack(spec: SourceSpec): Promise<{ files: Map<string, string>; findings: string[] }> {
  const { artifacts, findings } = await renderPacks({ catalog, packIds: ['balanced'], spec });
  return {
    files: new Map(artifacts.map((a) => [a.path, a.content])),
    findings: findings.map((f) => `${f.path}:${f.line ?? '?'} ${f.rule} ${f.message}`),
  };
}

/** Just the files, for content checks. */
async function filesOf(spec: SourceSpec): Promise<Map<string, string>> {
  return (await renderPack(spec)).files;
}

const DIALS: Dials[] = [];
for (const audience of ['Balanced', 'Engineering', 'Executive'] as const)
  for (const flow of ['Dual-Track', 'Scrum', 'Kanban'] as const)
    for (const test of ['Pyramid', 'Trophy', 'Diamond'] as const) DIALS.push({ audience, flow, test });

describe('balanced pack templates', () => {
  it('loads through the host as a valid pack with the agents its package declares', async () => {
    expect(catalog.warnings).toEqual([]);
    expect([...catalog.packs.keys()]).toEqual(['balanced']);
    expect([...catalog.agents.keys()].sort()).toEqual([...manifest.agents].sort());
    const { files, findings } = await renderPack(minimalSpec());
    expect(findings).toEqual([]);
    expect(files.size).toBeGreaterThan(0);
  });

  it.each(DIALS.map((d) => [`${d.audience}/${d.flow}/${d.test}`, d] as const))(
    'clinic-queue with %s: valid outputs, every id traced',
    async (_, dials) => {
      const { files, findings } = await renderPack(clinicQueueSpec(dials));
      expect([...files.keys()].sort()).toEqual(
        [
          'brief.md',
          'lifecycle.mmd',
          'prd.md',
          'roadmap.md',
          'sequence_join-the-queue.mmd',
          'test_plan.md',
        ].sort(),
      );
      expect(findings).toEqual([]);
    },
  );

  it.each([
    ['minimal', minimalSpec],
    ['hostile-text', nastySpec],
  ] as const)('%s spec: valid outputs with every dial', async (_, make) => {
    for (const dials of DIALS) expect((await renderPack(make(dials))).findings).toEqual([]);
  });

  it('keeps hostile text literal: no HTML, no template evaluation, no Mermaid injection', async () => {
    const files = await filesOf(nastySpec());
    for (const [path, text] of files) {
      expect(text, path).not.toContain('<script>');
      expect(text, path).not.toMatch(/(^|[^\\])\{\{/);
      if (path.endsWith('.mmd')) {
        expect(text, path).not.toContain('"quote"');
        // One statement per line: user text never adds lines.
        expect(
          text.split('\n').every((l) => !/^\s*(note|click|style)\b/.test(l)),
          path,
        ).toBe(true);
      }
    }
    expect(files.get('prd.md')).toContain('\\{\\{ spec.title \\}\\}');
    expect([...files.keys()].filter((p) => p.startsWith('sequence_'))).toHaveLength(4);
  });

  it('lists every open question in the brief, or says there are none', async () => {
    const spec = minimalSpec();
    spec.open_questions.push({
      pointer: '/metrics',
      question: 'What does success look like?',
      placeholder: 'TBD',
    });
    const brief = (await filesOf(spec)).get('brief.md')!;
    const section = brief.slice(brief.indexOf('## Open questions'));
    expect(section).toContain('How will we know F-1 works?');
    expect(section).toContain('What does success look like?');
    expect((await filesOf(clinicQueueSpec())).get('brief.md')).toMatch(/## Open questions\n\nNone\./);
  });

  it('shows the flow dial in the roadmap and the test dial in the test plan', async () => {
    const roadmap = async (flow: Dials['flow']) =>
      (await filesOf(clinicQueueSpec({ flow }))).get('roadmap.md')!;
    expect(await roadmap('Scrum')).toMatch(/^\| Sprint 1 \| 1–2 \|/m);
    expect(await roadmap('Scrum')).not.toContain('Discovery');
    expect(await roadmap('Kanban')).toMatch(/^\| In progress \| \d+ \|/m);
    expect(await roadmap('Kanban')).not.toContain('Sprint 1');
    expect(await roadmap('Dual-Track')).toMatch(/^\| Discovery \|/m);
    expect(await roadmap('Dual-Track')).toMatch(/^\| Delivery \|/m);
    const plan = async (test: Dials['test']) =>
      (await filesOf(clinicQueueSpec({ test }))).get('test_plan.md')!;
    expect(await plan('Pyramid')).toContain('| Unit | 70% |');
    expect(await plan('Trophy')).toContain('## Strategy: Trophy');
    expect(await plan('Diamond')).toContain('| Integration | 80% |');
  });

  it('orders the PRD by the audience dial', async () => {
    const prd = async (audience: Dials['audience']) =>
      (await filesOf(clinicQueueSpec({ audience }))).get('prd.md')!;
    const headings = async (audience: Dials['audience']) =>
      [...(await prd(audience)).matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    const exec = await headings('Executive');
    const eng = await headings('Engineering');
    expect(exec.indexOf('Goals')).toBeLessThan(exec.indexOf('Features'));
    expect(exec).not.toContain('Interfaces');
    expect(eng.slice(1, 4)).toEqual(['Interfaces', 'Data', 'Operations']);
    expect(eng.indexOf('Operations')).toBeLessThan(eng.indexOf('Features'));
    expect((await prd('Executive')).length).toBeLessThan((await prd('Engineering')).length);
  });

  it('draws the lifecycle from the main entity and sequences with aliased participants', async () => {
    const files = await filesOf(clinicQueueSpec());
    expect(files.get('lifecycle.mmd')).toMatch(/^stateDiagram-v2$/m);
    expect(files.get('lifecycle.mmd')).toContain('state "waiting" as S1');
    expect(files.get('sequence_join-the-queue.mmd')).toMatch(/^sequenceDiagram\n/);
    expect(files.get('sequence_join-the-queue.mmd')).toContain('participant P3 as SMS gateway');
    expect(files.get('sequence_join-the-queue.mmd')).toContain('P2->>P3: send confirmation');
    expect((await filesOf(minimalSpec())).get('lifecycle.mmd')).toContain('state "Shipped" as');
  });

  it('is byte-stable across runs', async () => {
    const spec = nastySpec({ audience: 'Engineering', flow: 'Scrum', test: 'Diamond' });
    expect(await filesOf(spec)).toEqual(await filesOf(spec));
  });

  // The contract with the SpecBuilder: its real output, not only the hand-built fixtures, renders cleanly.
  it.each(['clinic-queue', 'ledgerly'])(
    'examples/%s through the SpecBuilder: valid outputs with every dial',
    async (name) => {
      for (const dials of DIALS) {
        const { spec } = buildSpec({
          idea: readYaml(`examples/${name}/idea.yaml`),
          decisions: readYaml(`examples/${name}/decisions.yaml`),
          dials,
        });
        expect((await renderPack(spec)).findings).toEqual([]);
      }
    },
  );

  it('an Idea Card with only required fields renders, with its placeholders as open questions', async () => {
    const idea = readYaml('examples/clinic-queue/idea.yaml') as Record<string, unknown>;
    const required = Object.fromEntries(
      ['title', 'one_liner', 'problem', 'audience', 'goals', 'features'].map((k) => [k, idea[k]]),
    );
    const { spec } = buildSpec({ idea: required });
    const { files, findings } = await renderPack(spec);
    expect(findings).toEqual([]);
    const brief = files.get('brief.md')!;
    expect(spec.open_questions.length).toBeGreaterThan(0);
    for (const q of spec.open_questions) expect(brief).toContain(escapeForCheck(q.question));
  });
});

/** The open-question text as `md` renders it, for plain-text questions (letters, spaces, ?, ., ,). */
function escapeForCheck(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
