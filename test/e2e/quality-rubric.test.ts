// The checkable items of docs/quality-rubric.md, asserted on the three bundled examples (each with its
// own dials) and on their Executive and Engineering renderings. Item ids in test names match the rubric.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMermaidValidator } from '../../src/validators/mermaid.js';
import { ROOT, ensureBuilt, example, readTree, studio, tempDir } from './cli.js';

const EXAMPLES = ['clinic-queue', 'ledgerly', 'permit-desk'] as const;
type Name = (typeof EXAMPLES)[number];
type Tree = Map<string, string>;

const runs = new Map<string, Tree>();
const specs = new Map<Name, Spec>();

interface Spec {
  features: {
    id: string;
    priority: string;
    acceptance: { id: string }[];
    flow: { reply: string | null; on_failure: string | null }[];
  }[];
  decisions: { id: string; status: string }[];
  entities: {
    name: string;
    fields: { name: string; classification: string; pattern: string | null; minimum: number | null }[];
    transitions: { from: string; to: string; event: string }[];
  }[];
  participants: { name: string; kind: string }[];
  stack: { languages: string[]; datastores: string[]; hosting_model: string | null; regions: string[] };
  ops: {
    ci: { steps: string[] } | null;
    slos: { id: string }[];
    observability: { instruments: { name: string; type: string | null }[] };
  };
  constraints: string[];
  assumptions: string[];
  milestones: { id: string }[];
  dials: { flow: string; audience: string };
  title: string;
  one_liner: string;
  problem: string;
}

function generate(name: Name, dials: string | null): Tree {
  const out = join(tempDir('studio-rubric-'), 'out');
  const { idea, decisions } = example(name);
  const args = ['generate', '--idea', idea, '--decisions', decisions, '--pack', 'deep', '-o', out];
  if (dials) args.push('--dials', dials);
  const r = studio(args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const tree: Tree = new Map();
  for (const [k, v] of readTree(out)) if (!k.endsWith('.zip')) tree.set(k, v.toString('utf8'));
  return tree;
}

// Detail checks read the Engineering edition (every table present); the example's own dials, and the
// Executive edition, are checked where the audience matters (B1, G3, G4, D1). An example whose sheet
// already names an audience is that audience's edition: it is not generated a second time.
const get = (name: Name, variant = 'Engineering'): Tree => runs.get(`${name}:${variant}`)!;
const doc = (t: Tree, path: string): string => {
  const text = t.get(path);
  if (text === undefined) throw new Error(`${path} was not generated`);
  return text;
};
const section = (md: string, heading: string): string => {
  const start = md.indexOf(`\n## ${heading}`);
  if (start < 0) return '';
  const end = md.indexOf('\n## ', start + 4);
  return md.slice(start, end < 0 ? undefined : end);
};
/** Table rows of a Markdown section whose header starts with `first`. */
const rows = (md: string, first: string): string[][] => {
  const lines = md.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  if (at < 0) return [];
  const out: string[][] = [];
  for (let i = at + 2; i < lines.length && lines[i]!.startsWith('|'); i += 1)
    out.push(lines[i]!.slice(2, -2).split(' | '));
  return out;
};

beforeAll(() => {
  ensureBuilt();
  for (const name of EXAMPLES) {
    const own = generate(name, null);
    const spec = JSON.parse(doc(own, 'source_spec.json')) as Spec;
    runs.set(`${name}:default`, own);
    specs.set(name, spec);
    for (const audience of ['Executive', 'Engineering'])
      runs.set(
        `${name}:${audience}`,
        spec.dials.audience === audience ? own : generate(name, `audience=${audience}`),
      );
  }
}, 600_000);

describe('declared facts and one model', () => {
  it('G1: no agent classifies from the words of a name', () => {
    const banned = [
      'EXTERNAL_HINTS',
      'INTERNAL_HINTS',
      'classifyParticipant',
      'PLAYBOOK',
      'playbookFor',
      'KEYWORDS',
      'keywordHits',
      'EXIT_WORDS',
      'UI_WORDS',
      'PLATFORM_WORDS',
      'DISCLOSURE_WORDS',
      'readMetric',
      'relatedMetrics',
      'relatedFeatureIds',
      'sharesKeyword',
      'mentions(',
      'categorize(',
    ];
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    for (const plugin of ['agents-core', 'agents-deep']) walk(join(ROOT, 'plugins', plugin, 'src'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const word of banned) expect(text.includes(word), `${f} contains ${word}`).toBe(false);
    }
  });

  for (const name of EXAMPLES) {
    describe(name, () => {
      it('G2: ids cited across documents resolve', () => {
        const t = get(name);
        const threats = doc(t, 'threat_model.md');
        const plan = doc(t, 'test_plan.md');
        const register = rows(threats, 'Id | Element | Category');
        expect(register.length).toBeGreaterThan(0);
        for (const row of register) expect(plan, `${row[0]} → ${row[9]}`).toContain(`### ${row[9]}:`);
        const runbooks = doc(t, 'runbooks.md');
        for (const m of doc(t, 'slos.md').matchAll(/\bRB-[A-Z0-9-]+/g))
          expect(runbooks).toContain(`### ${m[0]}:`);
        for (const d of specs.get(name)!.decisions.filter((x) => x.status !== 'superseded'))
          expect(plan).toContain(`### TC-${d.id}:`);
      });

      it('G3 / R1: one timeline in the PRD, the roadmap and the brief, under every flow dial', () => {
        for (const variant of ['default', 'Executive', 'Engineering']) {
          const t = get(name, variant);
          const prd = [
            ...doc(t, 'prd.md').matchAll(/### .+ \((M-\d+)\)\n\nGoal: .*\n\nWeeks (\d+)–(\d+)/g),
          ].map((m) => `${m[1]} ${m[2]}-${m[3]}`);
          const roadmap = rows(doc(t, 'roadmap.md'), 'Milestone').map(
            (r) => `${r[0]!.split(' ')[0]} ${r[2]!.replace(' (assumed)', '').replace('–', '-')}`,
          );
          const brief = [...doc(t, 'brief.md').matchAll(/- (M-\d+) .* \(weeks (\d+)–(\d+)\)/g)].map(
            (m) => `${m[1]} ${m[2]}-${m[3]}`,
          );
          expect(prd.length).toBe(specs.get(name)!.milestones.length);
          expect(roadmap).toEqual(prd);
          expect(brief).toEqual(prd);
        }
      });

      it('G4: open questions name proposed decisions, undeclared threats and features without flows', () => {
        const spec = specs.get(name)!;
        const decisions = section(
          doc(get(name, 'default'), 'brief.md'),
          'Open questions and decisions needed',
        );
        for (const d of spec.decisions.filter((x) => x.status === 'proposed'))
          expect(decisions).toContain(d.id);
        for (const f of spec.features.filter((x) => x.priority !== 'wont' && x.flow.length === 0))
          expect(decisions).toContain(f.id);
        expect(decisions).not.toContain('None');
      });
    });
  }
});

describe('documents', () => {
  for (const name of EXAMPLES) {
    describe(name, () => {
      it('B1 / B2: the brief has its sections for its audience and copies no PRD line', () => {
        const spec = specs.get(name)!;
        for (const variant of ['default', 'Executive', 'Engineering']) {
          const t = get(name, variant);
          const brief = doc(t, 'brief.md');
          for (const h of ['Problem', 'Milestones', 'Top risks', 'Open questions and decisions needed'])
            expect(brief).toContain(`## ${h}`);
          const audience = variant === 'default' ? spec.dials.audience : variant;
          if (audience === 'Executive')
            for (const h of ['The ask', 'Cost drivers']) expect(brief).toContain(`## ${h}`);
          else if (audience === 'Engineering') expect(brief).toContain('## Interfaces and error paths');
          else for (const h of ['Solution', 'Must-have scope']) expect(brief).toContain(`## ${h}`);
          const prdLines = new Set(doc(t, 'prd.md').split('\n'));
          const allowed = [spec.title, spec.one_liner, spec.problem].map((x) =>
            x.replace(/\s+/g, ' ').slice(0, 40),
          );
          const copied = brief
            .split('\n')
            .filter((l) => l.length > 40 && prdLines.has(l) && !allowed.some((a) => l.includes(a)));
          expect(copied).toEqual([]);
        }
      });

      it('P1 / P2: features cite their test cases; open questions have ids and a meanwhile', () => {
        const prd = doc(get(name), 'prd.md');
        for (const f of specs.get(name)!.features.filter((x) => x.priority !== 'wont'))
          expect(prd).toContain(`Verified by TC-${f.acceptance[0]!.id}`);
        const q = rows(prd, 'Id');
        expect(q.every((r) => /^Q-\d+$/.test(r[0]!) && r[3]!.length > 0)).toBe(true);
      });

      it("T1–T4: cases with steps, data and expected result; no won't cases; mix as a result; non-functional cases", () => {
        const spec = specs.get(name)!;
        const plan = doc(get(name), 'test_plan.md');
        for (const f of spec.features) {
          for (const ac of f.acceptance) {
            const heading = `### TC-${ac.id}:`;
            if (f.priority === 'wont') {
              expect(plan).not.toContain(heading);
              expect(section(plan, 'Out of scope')).toContain(ac.id);
              continue;
            }
            const at = plan.indexOf(heading);
            expect(at, heading).toBeGreaterThan(0);
            const body = plan.slice(at, plan.indexOf('\n### ', at + 1));
            expect(body).toMatch(/Steps:/);
            expect(body).toContain('Data:');
            expect(body).toContain('Expected result:');
            if (f.flow.length > 0) expect(body).toContain('Preconditions:');
            if (f.flow.some((s) => s.on_failure !== null)) expect(body).toContain('Negative paths:');
          }
        }
        expect(plan).toContain('## Resulting mix');
        expect(plan).not.toMatch(/Moved to keep|Mentions /);
        for (const s of spec.ops.slos) expect(plan).toContain(`### TC-${s.id}:`);
        spec.constraints.forEach((_, i) => expect(plan).toContain(`### TC-C-${i + 1}:`));
        expect(plan).toMatch(/### TC-A11Y-F-\d+:/);
        expect(plan).toMatch(/### TC-SEC-/);
      });

      it('R2–R4: the roadmap follows its flow dial as the method defines it', () => {
        const spec = specs.get(name)!;
        const roadmap = doc(get(name), 'roadmap.md');
        if (spec.dials.flow === 'Dual-Track') {
          spec.assumptions.forEach((_, i) => expect(roadmap).toContain(`| EXP-${i + 1} | A-${i + 1} |`));
        } else if (spec.dials.flow === 'Scrum') {
          const goals = rows(roadmap, 'Sprint').map((r) => r[3]);
          expect(goals.length).toBeGreaterThan(1);
          expect(new Set(goals).size).toBe(goals.length);
        } else {
          const classes = [...section(roadmap, 'Flow').matchAll(/- \*\*(.+?)\*\*/g)].map((m) => m[1]);
          expect(classes).toEqual(['Expedite', 'Fixed date', 'Standard', 'Intangible']);
          // A should-have that a milestone dates is Fixed date: the class follows the date, not MoSCoW.
          const backlog = rows(roadmap, 'Rank');
          const should = backlog.find((r) => r[2] === 'Should' && r[4] !== '-');
          expect(should?.[3]).toBe('Fixed date');
        }
      });

      it('L1 / S1: lifecycle from declared transitions; sequences with replies and alt branches', async () => {
        const spec = specs.get(name)!;
        const t = get(name);
        const lifecycle = doc(t, 'lifecycle.mmd');
        const entity = spec.entities.find((e) => e.transitions.length > 0)!;
        const transitions = lifecycle.split('\n').filter((l) => l.includes('-->'));
        expect(transitions).toHaveLength(entity.transitions.length);
        expect(transitions.some((l) => /^\s*(S\d+) --> \1 :/.test(l) || l.includes('--> S1 :'))).toBe(true);
        const sequences = [...t.keys()].filter((k) => k.startsWith('sequence_'));
        const all = sequences.map((k) => doc(t, k)).join('\n');
        const replies = spec.features.flatMap((f) => f.flow).filter((s) => s.reply !== null).length;
        const failures = spec.features.flatMap((f) => f.flow).filter((s) => s.on_failure !== null).length;
        expect((all.match(/-->>/g) ?? []).length).toBe(replies);
        expect((all.match(/\n\s+alt /g) ?? []).length).toBe(failures);
        expect((all.match(/\n\s+else /g) ?? []).length).toBe(failures);
      });

      it('TM1–TM4: DFD with zones, a complete register, STRIDE by element type, threats from decisions and constraints', async () => {
        const spec = specs.get(name)!;
        const threats = doc(get(name), 'threat_model.md');
        const dfd = /```mermaid\n([\s\S]*?)```/.exec(threats)![1]!;
        expect(await createMermaidValidator().validate([{ path: 'dfd.mmd', content: dfd }])).toEqual([]);
        expect((dfd.match(/subgraph /g) ?? []).length).toBeGreaterThan(1);
        expect(threats).toContain('| Trust boundary |');
        const register = rows(threats, 'Id | Element | Category');
        for (const r of register) {
          expect(r[5]).toMatch(/^(High|Medium|Low) \((low|medium|high) × (low|medium|high)\)$/);
          expect(r[6]).toMatch(/^(Mitigate|Accept)$/);
          expect(r[7]!.length).toBeGreaterThan(0);
          expect(r[8]).toMatch(/^(Open|Accepted)$/);
          expect(r[9]).toMatch(/^TC-/);
        }
        const kind = new Map(spec.participants.map((p, i) => [`P-${i + 1}`, p.kind]));
        // STRIDE-per-element rows are verified by their element's case; threats in scope by their own.
        for (const r of register.filter((x) => x[9] === `TC-SEC-${x[1]}`)) {
          const k = kind.get(r[1]!);
          if (k === 'person' || k === 'external') expect(['Spoofing', 'Repudiation']).toContain(r[2]);
          if (k === 'datastore')
            expect(['Tampering', 'Information disclosure', 'Denial of service']).toContain(r[2]);
        }
        for (const d of spec.decisions.filter((x) => x.status !== 'superseded'))
          expect(register.some((r) => r[1] === d.id)).toBe(true);
        spec.constraints.forEach((_, i) => expect(register.some((r) => r[1] === `C-${i + 1}`)).toBe(true));
        expect(threats).not.toContain('not recognised');
      });

      it('RB1–RB3: runbooks per SLO and dependency, a shared section, no near-duplicates, hosting-appropriate', () => {
        const spec = specs.get(name)!;
        const runbooks = doc(get(name), 'runbooks.md');
        expect(runbooks).toContain('## Shared: every incident');
        for (const s of spec.ops.slos) expect(runbooks).toContain(`### RB-${s.id}:`);
        spec.participants.forEach((p, i) => {
          if (p.kind === 'external' || p.kind === 'datastore')
            expect(runbooks).toContain(`### RB-P-${i + 1}:`);
        });
        expect(runbooks).toContain('### RB-HOSTING:');
        const bodies = runbooks
          .split('\n### ')
          .slice(1)
          .map(
            (b) =>
              new Set(
                b
                  .split('\n')
                  .slice(1)
                  .filter((l) => l.startsWith('- ') || /^\d+\. /.test(l)),
              ),
          );
        for (let i = 0; i < bodies.length; i += 1)
          for (let j = i + 1; j < bodies.length; j += 1) {
            const shared = [...bodies[i]!].filter((l) => bodies[j]!.has(l)).length;
            expect(shared / Math.min(bodies[i]!.size, bodies[j]!.size)).toBeLessThanOrEqual(0.5);
          }
        if (spec.stack.hosting_model === 'on-prem')
          expect(runbooks).not.toMatch(/another (cloud )?region|fail over to (another|a second) region/i);
        if (spec.stack.hosting_model === 'cloud' && spec.stack.regions.length > 1)
          expect(runbooks).toContain(`fail over to ${spec.stack.regions[1]}`);
      });

      it('SL1–SL3: objectives with %, SLI specification vs implementation, budgets in time and events, policy', () => {
        const slos = doc(get(name), 'slos.md');
        for (const r of rows(slos, 'Id')) expect(r[2]).toMatch(/%$/);
        expect(slos).toContain('SLI specification:');
        expect(slos).toContain('SLI implementation:');
        expect(slos).toMatch(/bad events for every 100,000 valid ones/);
        expect(slos).toContain('## Error budget policy');
      });

      it('CI1–CI6: jobs per language, services, SHA pins, failing placeholders, build once and promote', () => {
        const spec = specs.get(name)!;
        const text = doc(get(name), 'ci/workflow.yml');
        const wf = parseYaml(text) as {
          jobs: Record<
            string,
            {
              'runs-on': string[];
              services?: Record<string, { image: string }>;
              environment?: string;
              steps: { uses?: string; run?: string; name: string }[];
            }
          >;
        };
        const builds = Object.keys(wf.jobs).filter((k) => k.startsWith('build-'));
        expect(builds).toHaveLength(spec.stack.languages.length);
        for (const b of builds) {
          const runs = wf.jobs[b]!.steps.map((s) => s.name);
          for (const check of ['Typecheck', 'Lint', 'Format']) expect(runs).toContain(check);
          if (spec.stack.datastores.some((d) => /^postgres/i.test(d)))
            expect(Object.values(wf.jobs[b]!.services ?? {}).map((s) => s.image)).toContain('postgres:16');
        }
        for (const job of Object.values(wf.jobs))
          for (const s of job.steps) if (s.uses) expect(s.uses).toMatch(/@[0-9a-f]{40}$/);
        expect(text).not.toContain('::warning::');
        for (const job of Object.values(wf.jobs))
          for (const s of job.steps) if (s.run?.includes('::error::')) expect(s.run).toContain('exit 1');
        const deploys = Object.entries(wf.jobs).filter(([k]) => k.startsWith('deploy-'));
        const deploying = (spec.ops.ci?.steps ?? []).includes('deploy');
        expect(deploys.length).toBe(deploying ? 2 : 0);
        if (deploying)
          expect(wf.jobs['package']!.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(
            true,
          );
        for (const [, job] of deploys) {
          expect(job.environment).toBeTruthy();
          expect(job.steps.some((s) => s.uses?.startsWith('actions/download-artifact@'))).toBe(true);
          expect(
            job.steps.some((s) =>
              /npm run build|python -m build|setup-/.test(`${s.run ?? ''}${s.uses ?? ''}`),
            ),
          ).toBe(false);
          if (spec.stack.hosting_model === 'on-prem') expect(job['runs-on']).toContain('self-hosted');
        }
      });

      it('C1–C3: contracts carry declared bounds, valid examples, x-pii and the declared order', () => {
        const spec = specs.get(name)!;
        const t = get(name);
        const ajv = new Ajv2020({ strict: false, allErrors: true });
        (addFormats as unknown as (a: Ajv2020) => void)(ajv);
        for (const entity of spec.entities) {
          const path = [...t.keys()].find(
            (k) => k.startsWith('contracts/') && JSON.parse(t.get(k)!).title === entity.name,
          )!;
          const schema = JSON.parse(doc(t, path)) as {
            properties: Record<string, Record<string, unknown>>;
            examples: unknown[];
            'x-property-order': string[];
          };
          expect(ajv.validate(schema, schema.examples[0]), JSON.stringify(ajv.errors)).toBe(true);
          expect(schema['x-property-order']).toEqual(entity.fields.map((f) => f.name));
          for (const f of entity.fields) {
            const p = schema.properties[f.name]!;
            if (f.classification !== 'none')
              expect(p).toMatchObject({ 'x-pii': true, 'x-classification': f.classification });
            if (f.pattern !== null) expect(p.pattern).toBe(f.pattern);
            if (f.minimum !== null) expect(p.minimum).toBe(f.minimum);
          }
        }
      });

      it('O1 / O2: metric types as declared, queries by type, classified fields never logged', () => {
        const spec = specs.get(name)!;
        const obs = doc(get(name), 'observability.md');
        const metrics = rows(obs, 'Metric');
        for (const m of spec.ops.observability.instruments) {
          const r = metrics.find((x) => x[0]!.replace(/\\_/g, '_') === m.name)!;
          expect(r[1]).toBe(m.type ?? 'not declared');
          if (m.type === 'counter') expect(r[3]).toContain('rate(');
          if (m.type === 'histogram') expect(r[3]).toContain('histogram_quantile');
          if (m.type === 'gauge') expect(r[3]).not.toContain('rate(');
        }
        for (const e of spec.entities)
          for (const f of e.fields.filter((x) => x.classification !== 'none'))
            expect(section(obs, 'Logs')).toContain(
              `| ${e.name} | ${f.name.replace(/_/g, '\\_')} | ${f.classification} |`,
            );
      });

      it('A1: ADRs in MADR shape', () => {
        const t = get(name);
        const adrs = [...t.keys()].filter((k) => k.startsWith('adr/ADR-'));
        expect(adrs.length).toBe(specs.get(name)!.decisions.length);
        for (const a of adrs) {
          const text = doc(t, a);
          for (const s of [
            '- Status:',
            '- Date:',
            '- Deciders:',
            '## Context and problem statement',
            '## Decision drivers',
            '## Considered options',
            '## Decision outcome',
            '## Pros and cons of the chosen option',
          ])
            expect(text, `${a}: ${s}`).toContain(s);
        }
      });

      it('D1: Executive and Engineering editions of every Deep Markdown document differ in content', () => {
        const exec = get(name, 'Executive');
        const eng = get(name, 'Engineering');
        expect(exec.size).toBeGreaterThan(10);
        const docs = [...exec.keys()].filter((k) => k.endsWith('.md') && !k.startsWith('adr/'));
        docs.push([...exec.keys()].find((k) => k.startsWith('adr/ADR-'))!);
        for (const d of docs) {
          const a = new Set(doc(exec, d).split('\n'));
          const b = new Set(doc(eng, d).split('\n'));
          const same = a.size === b.size && [...a].every((l) => b.has(l));
          expect(same, `${d} only reorders`).toBe(false);
        }
      });
    });
  }
});
