// studio:qa-architect — test_plan.md's view-model: one traceable test case per acceptance criterion
// (won't-have features excluded), each with preconditions, steps, data, expected result and negative
// paths from the feature's declared flow; the level chosen from what the criterion needs; the resulting
// mix compared with the test dial's target; and the cases the product model defines for threats,
// constraints, decisions, SLOs and accessibility, under the ids the other documents cite.
import type {
  AgentContext,
  AgentDefinition,
  DeepReadonly,
  Feature,
  ReadonlySpec,
  TestDial,
} from '@studio/sdk';
import { audienceProfile } from './audience.js';
import { chooseLevel, DEFAULT_LEVEL, LEVELS, TARGET_MIX } from './qa-levels.js';
import { priorityLabel, scoreRisk } from './spec-helpers.js';
import type { LevelMix, Model, OtherCase, QaView, TestCase, TestLevel } from './types.js';

type Spec = ReadonlySpec;

const LEVEL_LABEL: Record<TestLevel, string> = {
  unit: 'Unit',
  integration: 'Integration',
  e2e: 'End-to-end',
};

const SCOPE: Record<TestDial, Record<TestLevel, string>> = {
  Pyramid: {
    unit: 'Rules and calculations in isolation; fast, run on every change. The bulk of the suite.',
    integration: 'One component with its real neighbours (database, gateway) behind its own interface.',
    e2e: 'A few critical journeys through the deployed product.',
  },
  Trophy: {
    unit: 'Only for logic too intricate to cover through an integration test.',
    integration: 'The product wired together with realistic data; the widest layer of the trophy.',
    e2e: 'The main journeys as a user performs them.',
  },
  Diamond: {
    unit: 'Kept to genuinely algorithmic code.',
    integration: 'Service and API tests at component boundaries; almost all criteria are proved here.',
    e2e: 'A thin smoke layer over the deployed product.',
  },
};

const STRATEGY: Record<TestDial, string> = {
  Pyramid:
    'Pyramid: most checks are fast unit tests, fewer are integration tests, and only a handful run end to end. Failures point at one rule, and the suite stays fast enough to run on every change.',
  Trophy:
    'Trophy: static checks catch typos and type errors for free, and integration tests carry most of the weight because they test the product the way it is used while staying fast. Unit and end-to-end tests fill the gaps.',
  Diamond:
    'Diamond: the weight sits in integration and service tests at component boundaries, where this product is most likely to break; unit and end-to-end tests are kept few and focused.',
};

// The words of composed sentences, together so a locale catalog can take them over.
const WORDS = {
  declared: 'Level declared in the Idea Card.',
  flow: (level: TestLevel, names: readonly string[]) =>
    level === 'integration'
      ? `The flow reaches ${names.join(', ')}: only a test with those boundaries wired (or contract-stubbed) proves it.`
      : level === 'e2e'
        ? `A person drives it through ${names.slice(1).join(', ') || names.join(', ')}: proved end to end.`
        : `It stays inside ${names.join(', ')}: a unit test proves it.`,
  byDefault: (dial: TestDial, q: string | null) =>
    `No flow declared, so the ${dial} default level applies${q ? ` (${q})` : ''}.`,
  available: (name: string, kind: string, level: TestLevel) =>
    kind === 'external system'
      ? level === 'e2e'
        ? `${name} (external system) reachable in its sandbox`
        : `${name} (external system) replaced by a contract stub that records calls`
      : kind === 'data store'
        ? `${name} (data store) running with the current schema and an empty test dataset`
        : kind === 'person'
          ? `A test identity for ${name} (person)`
          : `${name} (${kind}) deployed at the build under test`,
  step: (from: string, to: string, message: string, reply: string | null) =>
    `${from} sends "${message}" to ${to}${reply ? `; ${to} answers "${reply}"` : ''}.`,
  negative: (message: string, failure: string) => `"${message}" fails: ${failure}.`,
  noNegative:
    'No failure is declared on this flow (add on_failure to its steps); the negative path is untested.',
  noSteps: (q: string | null) =>
    `Steps cannot be written from the spec: the feature declares no flow${q ? ` (${q})` : ''}.`,
  synthetic: (fields: readonly string[]) =>
    `Synthetic values only for ${fields.join(', ')}; never copies of production data.`,
  sameAs: (id: string) => `Chosen as for ${id}.`,
  syntheticListed: (n: number) =>
    `Synthetic values only for the ${n} classified fields listed under Test data; never copies of production data.`,
  plainData: 'Representative values for every required field of the entities involved.',
  mix: (dial: TestDial, off: readonly string[]) =>
    off.length === 0
      ? `The resulting mix is within 10 points of the ${dial} target on every level.`
      : `The resulting mix differs from the ${dial} target by more than 10 points on ${off.join(', ')}: that is what these criteria need; add lower-level tests for the rules inside the flows, or declare a level on a criterion, rather than moving cases to fit the shape.`,
  attempt: (threat: string, control: string) => `Attempt: ${threat} Expect the control to hold: ${control}`,
  constraint: (text: string) => `Check that the constraint holds in the build under test: ${text}`,
  decision: (c: string) => `Show that this consequence is handled: ${c}`,
  slo: (sli: string, objective: string, window: string, where: string | null) =>
    `Run a pre-production load at expected peak; measure "${sli}"${where ? ` at ${where}` : ''}; expect at least ${objective} good events (the ${window} objective).`,
  a11y: (feature: string) =>
    `Run automated WCAG 2.2 AA checks (axe) on every screen of ${feature}, then a keyboard-only and a screen-reader pass; see accessibility.md.`,
};

function staticChecks(spec: Spec, dial: TestDial): string[] {
  const languages = spec.stack.languages.length > 0 ? ` (${spec.stack.languages.join(', ')})` : '';
  const checks = [`Type checking${languages}`, 'Linting', 'Formatting'];
  // The trophy names static analysis as its own layer; the other shapes still run it, just not as a layer.
  return dial === 'Trophy' ? [...checks, 'Dependency and secret scanning'] : checks;
}

/** "TC-" + the criterion id; if two criteria share an id the later one gets a counter, never a clash. */
function caseIds(acIds: readonly string[]): string[] {
  const used = new Set<string>();
  return acIds.map((ac) => {
    let id = `TC-${ac}`;
    for (let n = 2; used.has(id); n += 1) id = `TC-${ac}-${n}`;
    used.add(id);
    return id;
  });
}

// A long classified-field list is printed once (QaView.data_note) and cited by each case: repeated in
// every case it made the test plan grow with features × entities.
const INLINE_DATA_CHARS = 240;
// Likewise a feature's long flow (up to 50 steps of 2,000-character messages) is printed in its first case
// of each level and cited by the others, so the plan grows with criteria + flow, not their product.
const INLINE_FLOW_CHARS = 1000;

/** What every case of the spec shares, computed once (per case it was quadratic at thousands of features). */
interface Shared {
  flows: Map<string, Model['flows'][number][]>;
  questions: Map<string, string>;
  participants: Map<string, Model['participants'][number]>;
  /** Level choice of a feature's criteria that declare none (it depends on the feature only). */
  undeclared: Map<string, ReturnType<typeof chooseLevel>>;
  /** First case printing a feature's long flow at a level, by `feature level`. */
  printed: Map<string, string>;
  data: string[];
}

function shared(model: Model): Shared & { note: string | null } {
  const flows = new Map<string, Model['flows'][number][]>();
  for (const x of model.flows) {
    const list = flows.get(x.feature_id);
    if (list) list.push(x);
    else flows.set(x.feature_id, [x]);
  }
  const questions = new Map<string, string>();
  for (const q of model.questions)
    for (const f of q.about.split(', ')) if (!questions.has(f)) questions.set(f, q.id);
  const classified = model.classified_fields.map((c) => `${c.entity}.${c.field} (${c.classification})`);
  const synthetic = classified.length > 0 ? WORDS.synthetic(classified) : null;
  const inline = synthetic === null || synthetic.length <= INLINE_DATA_CHARS;
  return {
    flows,
    questions,
    participants: new Map(model.participants.map((p) => [p.id, p])),
    undeclared: new Map(),
    printed: new Map(),
    data:
      synthetic === null
        ? [WORDS.plainData]
        : [inline ? synthetic : WORDS.syntheticListed(classified.length), WORDS.plainData],
    note: inline ? null : synthetic,
  };
}

function caseFor(
  spec: Spec,
  model: Model,
  f: DeepReadonly<Feature>,
  ac: { id: string; text: string; level: TestLevel | null },
  id: string,
  common: Shared,
): TestCase {
  const dial = spec.dials.test;
  const flows = common.flows.get(f.id) ?? [];
  let choice = ac.level === null ? common.undeclared.get(f.id) : undefined;
  if (choice === undefined) {
    choice = chooseLevel(ac.level, f, model, dial, flows);
    if (ac.level === null) common.undeclared.set(f.id, choice);
  }
  const q = common.questions.get(f.id) ?? null;
  const ids = [...new Set(flows.flatMap((x) => [x.from, x.to]))];
  const parts = ids.map((pid) => common.participants.get(pid)!);
  const reason =
    choice.basis === 'declared'
      ? WORDS.declared
      : choice.basis === 'flow'
        ? WORDS.flow(choice.level, choice.because)
        : WORDS.byDefault(dial, q);
  const preconditions = parts.map((p) => WORDS.available(p.name, p.kind_label, choice.level));
  const steps = flows.map((x) => WORDS.step(x.from_name, x.to_name, x.message, x.reply));
  const negative =
    flows.length === 0
      ? []
      : flows.some((x) => x.on_failure !== null)
        ? flows.filter((x) => x.on_failure !== null).map((x) => WORDS.negative(x.message, x.on_failure!))
        : [WORDS.noNegative];
  const key = `${f.id} ${choice.level}`;
  const sameAs = common.printed.get(key) ?? null;
  if (
    sameAs === null &&
    [reason, ...preconditions, ...steps, ...negative].join('').length > INLINE_FLOW_CHARS
  )
    common.printed.set(key, id);
  return {
    id,
    ac_id: ac.id,
    feature_id: f.id,
    feature_name: f.name,
    priority_label: priorityLabel(f.priority),
    criterion: ac.text,
    level: choice.level,
    level_label: LEVEL_LABEL[choice.level],
    reason: sameAs === null ? reason : WORDS.sameAs(sameAs),
    preconditions: sameAs === null ? preconditions : [],
    steps: sameAs === null ? steps : [],
    steps_missing: flows.length === 0 ? WORDS.noSteps(q) : null,
    data: [...common.data],
    negative: sameAs === null ? negative : [],
    same_as: sameAs,
  };
}

function otherCases(spec: Spec, model: Model): OtherCase[] {
  const threats = new Map(model.threats.map((t) => [t.id, t]));
  return model.tests.map((t) => {
    let steps: string[];
    if (t.kind === 'security' || t.kind === 'decision' || t.kind === 'constraint') {
      steps = t.verifies.map((id) => {
        const th = threats.get(id)!;
        if (t.kind === 'decision')
          return `${id}: ${WORDS.decision(th.threat.slice(th.threat.indexOf(': ') + 2))}`;
        if (t.kind === 'constraint') return `${id}: ${WORDS.constraint(th.element_label)}`;
        return `${id}: ${WORDS.attempt(th.threat, th.mitigation)}`;
      });
    } else if (t.kind === 'slo') {
      const slo = spec.ops.slos.find((s) => s.id === t.verifies[0])!;
      steps = [WORDS.slo(slo.good_events ?? slo.sli, slo.objective, slo.window, slo.measured_at)];
    } else {
      const f = spec.features.find((x) => x.id === t.verifies[0]);
      steps = [WORDS.a11y(f ? `${f.id} ${f.name}` : t.verifies[0]!)];
    }
    return {
      id: t.id,
      kind: t.kind,
      title: t.title,
      level: t.level,
      level_label: LEVEL_LABEL[t.level],
      verifies: [...t.verifies],
      steps,
    };
  });
}

function criteria(spec: Spec, model: Model): { entry: string[]; exit: string[] } {
  const entry = ['Acceptance criteria reviewed and agreed; each has the test case id listed here'];
  if (spec.ops.environments.length > 0) entry.push(`Test environment available: ${spec.ops.environments[0]}`);
  if (model.questions.length > 0)
    entry.push(
      `Open questions answered or accepted as risks (${model.questions.length} open: ${model.questions.map((q) => q.id).join(', ')})`,
    );
  const exit = [
    'Every test case passes; no must-have feature has a failing or skipped case',
    'No open defect of high severity',
    'Every High-rated threat has its verification case passing (threat_model.md)',
  ];
  for (const slo of spec.ops.slos)
    exit.push(`TC-${slo.id} passes: ${slo.name} at ${slo.objective} over ${slo.window}`);
  for (const r of spec.risks)
    if (scoreRisk(r.likelihood, r.impact).severity === 'High')
      exit.push(`Mitigation for ${r.id} demonstrated: ${r.mitigation}`);
  return { entry, exit };
}

export function architectTests(spec: Spec, model: Model): QaView {
  const dial = spec.dials.test;
  const inScope = spec.features.filter((f) => f.priority !== 'wont');
  const list = inScope.flatMap((f) => f.acceptance.map((ac) => ({ f, ac })));
  const ids = caseIds(list.map(({ ac }) => ac.id));
  const common = shared(model);
  const cases = list.map(({ f, ac }, i) => caseFor(spec, model, f, ac, ids[i]!, common));
  const tally = new Map<string, number>();
  for (const c of cases) {
    for (const key of [c.level, `${c.level} ${c.feature_id}`, ` ${c.feature_id}`])
      tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  const count = (level: TestLevel, featureId?: string) =>
    tally.get(featureId === undefined ? level : `${level} ${featureId}`) ?? 0;
  const levels: LevelMix[] = LEVELS.map((id) => {
    const actual = cases.length === 0 ? 0 : Math.round((count(id) * 100) / cases.length);
    return {
      id,
      label: LEVEL_LABEL[id],
      scope: SCOPE[dial][id],
      target_pct: TARGET_MIX[dial][id],
      actual_count: count(id),
      actual_pct: actual,
      gap: actual - TARGET_MIX[dial][id],
    };
  });
  const off = levels.filter((l) => Math.abs(l.gap) > 10).map((l) => l.label);
  const { entry, exit } = criteria(spec, model);
  const profile = audienceProfile(spec.dials.audience);
  return {
    dial,
    strategy: `${STRATEGY[dial]} A criterion without a declared level or flow is tested at the ${LEVEL_LABEL[DEFAULT_LEVEL[dial]].toLowerCase()} level.`,
    sections: profile.qa_sections,
    levels,
    mix_note: WORDS.mix(dial, off),
    static_checks: staticChecks(spec, dial),
    cases,
    other_cases: otherCases(spec, model),
    excluded: spec.features
      .filter((f) => f.priority === 'wont')
      .map((f) => ({ feature_id: f.id, feature_name: f.name, criteria: f.acceptance.map((a) => a.id) })),
    matrix: {
      rows: inScope.map((f) => ({
        feature_id: f.id,
        feature_name: f.name,
        counts: LEVELS.map((l) => count(l, f.id)),
        total: tally.get(` ${f.id}`) ?? 0,
      })),
      totals: LEVELS.map((l) => count(l)),
      total: cases.length,
    },
    environments: [...spec.ops.environments],
    entry_criteria: entry,
    exit_criteria: exit,
    case_detail: spec.dials.audience !== 'Executive',
    data_note: common.note,
  };
}

const agent = {
  id: 'studio:qa-architect',
  produces: 'qa',
  needs: ['model'],
  description:
    'Test plan: a case per acceptance criterion with steps, data and negative paths, levels from what each needs, plus security, constraint, decision, SLO and accessibility cases.',
  run: (ctx: AgentContext): QaView => architectTests(ctx.spec, ctx.inputs.model as Model),
} satisfies AgentDefinition<QaView>;

export default agent;
