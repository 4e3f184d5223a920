// Template harness for the Balanced pack: every template rendered with the real agents' view-models for
// the clinic-queue example (every dial), the smallest spec and a spec full of hostile text, then checked
// by the host's own validators (markdownlint with .markdownlint.json, mermaid.parse) and for content:
// traceability, visible dial effects, escaping and byte-stable output.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Dials, PackManifest, SourceSpec } from '@studio/sdk';
import { checkTraceability } from '../../../src/pipeline/traceability.js';
import { loadPack } from '../../../src/plugins/load-pack.js';
import { createRenderer } from '../../../src/render/renderer.js';
import { createMarkdownValidator } from '../../../src/validators/markdown.js';
import { createMermaidValidator } from '../../../src/validators/mermaid.js';
import { buildSpec } from '../../../src/spec/build-spec.js';
import diagrammer from '../../../plugins/agents-core/src/diagrammer.js';
import productModel from '../../../plugins/agents-core/src/product-model.js';
import prdWriter from '../../../plugins/agents-core/src/prd-writer.js';
import qaArchitect from '../../../plugins/agents-core/src/qa-architect.js';
import roadmapper from '../../../plugins/agents-core/src/roadmapper.js';
import {
  clinicQueueSpec,
  contextFor,
  minimalSpec,
  nastySpec,
} from '../../../plugins/agents-core/test/fixtures.js';

const packDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(packDir, '..', '..');
const readYaml = (rel: string): unknown => parseYaml(readFileSync(join(repoRoot, rel), 'utf8'));
const manifest = JSON.parse(readFileSync(join(packDir, 'pack.json'), 'utf8')) as PackManifest;
const renderer = createRenderer({ packId: manifest.id, searchPaths: [join(packDir, 'templates')] });
const markdown = createMarkdownValidator();
const mermaid = createMermaidValidator();

/** Output path → artifact id, for the traceability check. */
const artifactOf = new Map<string, string>();

/** Render every artifact of the pack for one spec, as the host does: agents, then templates. */
function renderPack(spec: SourceSpec): Map<string, string> {
  const ctx = contextFor(spec);
  const context: Record<string, unknown> = {
    spec: ctx.spec,
    pack: { id: manifest.id, title: manifest.title, template_set: manifest.template_set },
  };
  for (const agent of [prdWriter, diagrammer, roadmapper, qaArchitect])
    context[agent.produces] = agent.run(ctx);
  const files = new Map<string, string>();
  for (const artifact of manifest.artifacts) {
    if (!artifact.each) {
      artifactOf.set(artifact.path, artifact.id);
      files.set(artifact.path, renderer.render(artifact.template, context));
      continue;
    }
    let list: unknown = context;
    for (const part of artifact.each.split('.')) list = (list as Record<string, unknown>)[part];
    for (const item of list as Record<string, unknown>[]) {
      const path = artifact.path.replace(/\{(\w+)\}/g, (_, f: string) => String(item[f]));
      expect(files.has(path), `duplicate path ${path}`).toBe(false);
      artifactOf.set(path, artifact.id);
      files.set(path, renderer.render(artifact.template, { ...context, item }));
    }
  }
  return files;
}

async function findings(files: Map<string, string>): Promise<string[]> {
  const all = [...files].map(([path, content]) => ({ path, content }));
  const found = [
    ...(await markdown.validate(all.filter((f) => f.path.endsWith('.md')))),
    ...(await mermaid.validate(all.filter((f) => f.path.endsWith('.mmd')))),
  ];
  return found.map((f) => `${f.path}:${f.line ?? '?'} ${f.rule} ${f.message}`);
}

const DIALS: Dials[] = [];
for (const audience of ['Balanced', 'Engineering', 'Executive'] as const)
  for (const flow of ['Dual-Track', 'Scrum', 'Kanban'] as const)
    for (const test of ['Pyramid', 'Trophy', 'Diamond'] as const) DIALS.push({ audience, flow, test });

/** The pack's traceability rules, checked by the host's own check. */
function orphans(spec: SourceSpec, files: Map<string, string>): string[] {
  const rendered = [...files].map(([path, content]) => ({
    artifactId: artifactOf.get(path)!,
    path,
    content,
  }));
  return checkTraceability(spec, manifest.traceability ?? [], rendered).map((f) => f.message);
}

describe('balanced pack templates', () => {
  it('loads through the host as a valid pack with the agents its package declares', () => {
    const pkg = JSON.parse(readFileSync(join(packDir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      studio: { packs: Record<string, string> };
    };
    const plugin = { name: pkg.name, version: pkg.version, root: packDir, type: 'core', studio: pkg.studio };
    const loaded = loadPack({ id: 'balanced', plugin, manifest: pkg.studio.packs.balanced! });
    expect(loaded.manifest.id).toBe('balanced');
    const agentsPkg = JSON.parse(
      readFileSync(join(repoRoot, 'plugins/agents-core/package.json'), 'utf8'),
    ) as {
      studio: { agents: Record<string, string> };
    };
    expect(Object.keys(agentsPkg.studio.agents).sort()).toEqual([...loaded.manifest.agents].sort());
    expect([productModel, prdWriter, diagrammer, roadmapper, qaArchitect].map((a) => a.id).sort()).toEqual(
      [...loaded.manifest.agents].sort(),
    );
  });

  it.each(DIALS.map((d) => [`${d.audience}/${d.flow}/${d.test}`, d] as const))(
    'clinic-queue with %s: valid outputs, every id traced',
    async (_, dials) => {
      const spec = clinicQueueSpec(dials);
      const files = renderPack(spec);
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
      expect(await findings(files)).toEqual([]);
      expect(orphans(spec, files)).toEqual([]);
    },
  );

  it.each([
    ['minimal', minimalSpec],
    ['hostile-text', nastySpec],
  ] as const)('%s spec: valid outputs with every dial', async (_, make) => {
    for (const dials of DIALS) {
      const spec = make(dials);
      const files = renderPack(spec);
      expect(await findings(files)).toEqual([]);
      expect(orphans(spec, files)).toEqual([]);
    }
  });

  it('keeps hostile text literal: no HTML, no template evaluation, no Mermaid injection', () => {
    const files = renderPack(nastySpec());
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

  it('lists every open question in the brief, or says there are none', () => {
    const spec = minimalSpec();
    spec.open_questions.push({
      pointer: '/metrics',
      question: 'What does success look like?',
      placeholder: 'TBD',
    });
    const brief = renderPack(spec).get('brief.md')!;
    const section = brief.slice(brief.indexOf('## Decisions needed'));
    expect(section).toContain('How will we know F-1 works?');
    expect(section).toContain('What does success look like?');
    // With everything declared and nothing pending, the brief says so instead of inventing questions.
    const settled = clinicQueueSpec();
    settled.decisions = settled.decisions.filter((d) => d.status !== 'proposed');
    settled.features = settled.features.map((f) => ({ ...f, flow: [] }));
    settled.entities = [];
    settled.ops.slos = [];
    settled.ops.observability.metrics = [];
    settled.security.threats_in_scope = [];
    settled.milestones = [{ ...settled.milestones[0]!, deliverables: settled.features.map((f) => f.id) }];
    const settledBrief = renderPack(settled).get('brief.md')!;
    expect(settledBrief.slice(settledBrief.indexOf('## Decisions needed'))).toMatch(
      /## Decisions needed\n\n- Q-1: Who and what takes part in F-1, F-2, F-3, F-4\?/,
    );
  });

  it('shows the flow dial in the roadmap and the test dial in the test plan', () => {
    const roadmap = (flow: Dials['flow']) => renderPack(clinicQueueSpec({ flow })).get('roadmap.md')!;
    expect(roadmap('Scrum')).toMatch(/^\| Sprint 1 \| 1–2 \|/m);
    expect(roadmap('Scrum')).not.toContain('Discovery');
    expect(roadmap('Kanban')).toMatch(/^\| In progress \| \d+ \|/m);
    expect(roadmap('Kanban')).not.toContain('Sprint 1');
    expect(roadmap('Dual-Track')).toMatch(/^\| Discovery \|/m);
    expect(roadmap('Dual-Track')).toMatch(/^\| Delivery \|/m);
    const plan = (test: Dials['test']) => renderPack(clinicQueueSpec({ test })).get('test_plan.md')!;
    expect(plan('Pyramid')).toContain('| Unit | 70% |');
    expect(plan('Trophy')).toContain('## Strategy: Trophy');
    expect(plan('Diamond')).toContain('| Integration | 80% |');
  });

  it('orders the PRD by the audience dial', () => {
    const headings = (audience: Dials['audience']) =>
      [
        ...renderPack(clinicQueueSpec({ audience }))
          .get('prd.md')!
          .matchAll(/^## (.+)$/gm),
      ].map((m) => m[1]);
    const exec = headings('Executive');
    const eng = headings('Engineering');
    expect(exec.indexOf('Goals')).toBeLessThan(exec.indexOf('Features'));
    expect(exec).not.toContain('Interfaces');
    expect(eng.slice(1, 4)).toEqual(['Interfaces', 'Data', 'Operations']);
    expect(eng.indexOf('Operations')).toBeLessThan(eng.indexOf('Features'));
    expect(renderPack(clinicQueueSpec({ audience: 'Executive' })).get('prd.md')!.length).toBeLessThan(
      renderPack(clinicQueueSpec({ audience: 'Engineering' })).get('prd.md')!.length,
    );
  });

  it('draws the lifecycle from the main entity and sequences with aliased participants', () => {
    const files = renderPack(clinicQueueSpec());
    expect(files.get('lifecycle.mmd')).toMatch(/^stateDiagram-v2$/m);
    // The 1.0 fixture declares no transitions and no participants: the feature lifecycle is drawn, and
    // participants are undeclared (kinds are never guessed), so none is drawn as an actor.
    expect(files.get('lifecycle.mmd')).toContain('state "Proposed" as S1');
    expect(files.get('lifecycle.mmd')).toContain('S4 --> S3 : a test case fails');
    expect(files.get('sequence_join-the-queue.mmd')).toMatch(/^sequenceDiagram\n/);
    expect(files.get('sequence_join-the-queue.mmd')).toContain('participant P3 as SMS gateway in Undeclared');
    expect(files.get('sequence_join-the-queue.mmd')).not.toContain('actor ');
    expect(files.get('sequence_join-the-queue.mmd')).toContain('P2->>P3: send confirmation');
    expect(renderPack(minimalSpec()).get('lifecycle.mmd')).toContain('state "Shipped" as');
  });

  it('is byte-stable across runs', () => {
    const spec = nastySpec({ audience: 'Engineering', flow: 'Scrum', test: 'Diamond' });
    expect(renderPack(spec)).toEqual(renderPack(spec));
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
        const files = renderPack(spec);
        expect(await findings(files)).toEqual([]);
        expect(orphans(spec, files)).toEqual([]);
      }
    },
  );

  it('an Idea Card with only required fields renders, with its placeholders as open questions', async () => {
    const idea = readYaml('examples/clinic-queue/idea.yaml') as Record<string, unknown>;
    const required = Object.fromEntries(
      ['title', 'one_liner', 'problem', 'audience', 'goals', 'features'].map((k) => [k, idea[k]]),
    );
    const { spec } = buildSpec({ idea: required });
    const files = renderPack(spec);
    expect(await findings(files)).toEqual([]);
    const brief = files.get('brief.md')!;
    expect(spec.open_questions.length).toBeGreaterThan(0);
    for (const q of spec.open_questions) expect(brief).toContain(escapeForCheck(q.question));
  });
});

/** The open-question text as `md` renders it, for plain-text questions (letters, spaces, ?, ., ,). */
function escapeForCheck(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
