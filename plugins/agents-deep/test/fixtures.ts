// Normalized Source Specs for the deep agents and templates: the two bundled examples (the
// source_spec.json `studio generate` writes for examples/*, in clinic-queue.spec.json and
// ledgerly.spec.json), the
// smallest spec an Idea Card with only required fields becomes, and a hostile spec whose every string
// tries to break Markdown, YAML, JSON, GitHub expressions and file names.
import { readFileSync } from 'node:fs';
import type {
  AgentContext,
  AgentDefinition,
  AudienceDial,
  ReadonlySpec,
  Feature,
  SourceSpec,
} from '@studio/sdk';
import { agentContext } from 'spec-to-pack-studio';
import { migrateSpec } from '../../../src/spec/migrations/index.js';
import { undeclaredSections } from '../../../test/spec/helpers.js';
import { buildModel } from '../../agents-core/src/model/build-model.js';

/** The spec in today's format: hand-built fixtures are written in the 1.0 shape, so they go through
 *  the same migration a stored spec would (every declared fact "not declared"). */
export function current(spec: SourceSpec): SourceSpec {
  return migrateSpec(spec).spec as SourceSpec;
}

/** The agent context the host builds around `spec` (a frozen copy), with the shared product model the
 *  agents declare they need. */
export function contextFor(spec: SourceSpec): AgentContext {
  const s = current(spec);
  return agentContext(s, { model: buildModel(s as ReadonlySpec) });
}

/** Run an agent on a spec (agents here are synchronous, but the contract allows a promise). */
export async function runAgent<VM>(agent: AgentDefinition<VM>, spec: SourceSpec): Promise<VM> {
  return await agent.run(contextFor(spec));
}

/** A fresh copy of a bundled example, optionally with another audience dial. */
export function exampleSpec(name: 'clinic-queue' | 'ledgerly', audience?: AudienceDial): SourceSpec {
  const spec = JSON.parse(
    readFileSync(new URL(`./fixtures/${name}.spec.json`, import.meta.url), 'utf8'),
  ) as SourceSpec;
  if (audience !== undefined) spec.dials.audience = audience;
  return spec;
}

/** The smallest normalized spec: one feature with one criterion, every optional collection empty. */
/** Hand-built fixtures are written in the Source Spec 1.0 shape and typed as today's spec for the tests
 *  that edit them; `current` migrates them (every 1.1 fact "not declared") before any agent sees them. */
function v10<T>(value: unknown): T {
  return value as T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the 1.0 shape of a spec under edit
type Legacy = Record<string, any>;

export function minimalSpec(): SourceSpec {
  const spec = exampleSpec('clinic-queue');
  // Written in the 1.0 shape below: `current` fills every 1.1 key with its "not declared" value.
  return v10<SourceSpec>({
    ...spec,
    meta: { ...spec.meta, spec_version: '1.0.0' },
    participants: undefined as unknown as SourceSpec['participants'],
    audience: [{ name: 'Users', needs: [] }],
    non_goals: [],
    features: [{ ...spec.features[2]!, flow: [] }],
    metrics: [],
    constraints: [],
    assumptions: [],
    risks: [],
    ...undeclaredSections(),
    open_questions: [{ pointer: '/metrics', question: 'How will success be measured?', placeholder: 'TBD' }],
  });
}

/** Text that is hostile to every output format at once. */
export const NASTY =
  'Ünïcødé 日本 | pipe `tick` *star* _under_ <script>alert(1)</script> {{ spec.title }} {% raw %} ${{ github.token }} ' +
  '"quote" \'single\' ../etc/passwd # hash: colon - dash [link](http://x.y) &amp; \\ back';

/** Ledgerly with hostile text in every user string, colliding names and unparseable values. */
export function hostileSpec(): SourceSpec {
  // Parts are written in the 1.0 shape: `current` fills the 1.1 keys they lack, so the edits below are
  // checked against the 1.0 shape only at run time (the migration and the agents' tests).
  const spec = v10<Legacy>(exampleSpec('ledgerly', 'Engineering'));
  spec.meta.spec_version = '1.0.0';
  const n = (label: string): string => `${label} ${NASTY}`;
  spec.title = n('Title');
  spec.one_liner = n('One-liner');
  spec.problem = `${n('Problem')}\nsecond line\r\n- not a list`;
  spec.audience = [{ name: n('Audience'), needs: [n('Need')] }];
  spec.features = (spec.features as Feature[]).map((f) => ({
    ...f,
    name: n(f.name),
    description: n(f.description),
    acceptance: f.acceptance.map((a) => ({ ...a, text: n(a.text) })),
    flow: f.flow.map((s) => ({ from: n(s.from), to: s.to, message: n(s.message) })),
  }));
  spec.features[0]!.flow = [
    { from: 'Client', to: 'Payment gateway', message: n('charge') },
    { from: 'Payment gateway', to: 'Ledger service', message: '${{ secrets.TOKEN }}' },
  ];
  spec.constraints = [n('Constraint')];
  spec.decisions = [
    { ...spec.decisions[0]!, id: 'ADR-0002', title: n('Same title') },
    { ...spec.decisions[1]!, id: 'whatever', title: n('Same title') },
    { ...spec.decisions[0]!, id: 'ADR-0002', title: 'CON', context: n('Context') },
    {
      ...spec.decisions[1]!,
      id: 'D-9',
      title: '日本語のみ',
      choice: n('Choice'),
      alternatives: [],
      consequences: [],
    },
  ];
  spec.stack = { languages: [n('Lang')], frameworks: [], datastores: [n('Store')], hosting: n('Hosting') };
  spec.entities = [
    {
      name: 'CON',
      description: n('Entity'),
      fields: [
        { name: 'id', type: 'uuid', required: true, values: [], pii: false },
        { name: n('field'), type: 'string', required: true, values: [], pii: true },
        { name: 'kind', type: 'enum', required: false, values: [n('v1'), 'b', 'b'], pii: false },
        { name: 'empty_enum', type: 'enum', required: false, values: [], pii: false },
        { name: 'id', type: 'integer', required: true, values: [], pii: false },
      ],
    },
    {
      name: 'con',
      description: 'Second entity whose slug collides.',
      fields: [{ name: 'con_id', type: 'uuid', required: true, values: [], pii: false }],
    },
    { name: '日本', description: n('Non-Latin name'), fields: [] },
  ];
  spec.ops = {
    ci: {
      provider: n('gitlab'),
      runtime: 'rust@1.79',
      steps: ['install', n('weird step'), 'test', 'deploy'],
    },
    environments: [n('staging'), 'production', 'production'],
    slos: [
      { id: 'SLO-1', name: n('SLO'), sli: n('SLI'), objective: '99.9%', window: '30d' },
      { id: 'SLO-2', name: 'Unparseable', sli: 'n/a', objective: 'fast', window: 'forever' },
    ],
    observability: { logs: n('logs'), metrics: [n('metric'), 'webhook_lag_seconds'], traces: true },
  };
  spec.security = {
    data_classification: n('class'),
    threats_in_scope: [n('forged webhooks'), 'something unknown'],
  };
  spec.milestones = [
    { id: 'M-1', name: n('Milestone'), goal: n('Goal'), duration_weeks: null, deliverables: ['F-1', 'F-2'] },
  ];
  spec.open_questions = [{ pointer: '/metrics', question: n('Question'), placeholder: 'TBD' }];
  return v10<SourceSpec>(spec);
}
