// studio:qa-architect — test_plan.md's view-model: one traceable test case per acceptance criterion
// (won't-have features excluded), each with preconditions, steps, data, expected result and negative
// paths from the feature's declared flow; the level chosen from what the criterion needs; the resulting
// mix compared with the test dial's target; and the cases the product model defines for threats,
// constraints, decisions, SLOs and accessibility, under the ids the other documents cite.
import {
  type DeepReadonly,
  type AgentContext,
  type AgentDefinition,
  type Message,
  type MessageArgs,
  type ReadonlySpec as Spec,
  type TestDial,
  msg,
} from '@studio/sdk';
import { audienceProfile } from './audience.js';
import { chooseLevel, DEFAULT_LEVEL, LEVELS, TARGET_MIX } from './qa-levels.js';
import { priorityLabel, scoreRisk } from './spec-helpers.js';
import type { LevelMix, Model, OtherCase, QaView, TestCase, TestLevel } from './types.js';

const LEVEL_LABEL: Record<TestLevel, string> = {
  unit: 'Unit',
  integration: 'Integration',
  e2e: 'End-to-end',
};

const DIAL: Record<TestDial, string> = { Pyramid: 'pyramid', Trophy: 'trophy', Diamond: 'diamond' };

/** Up to three level labels as one message ("Unit, End-to-end"). */
function levelList(levels: readonly TestLevel[]): Message {
  const [a, b, c] = levels.map((l) => msg(`qa.level.${l}`));
  if (c) return msg('qa.levels.three', { a: a!, b: b!, c });
  if (b) return msg('qa.levels.two', { a: a!, b });
  return msg('qa.levels.one', { a: a! });
}

// Composed sentences as messages (catalog ids `qa.*`); names, ids and user text are arguments.
const WORDS = {
  declared: msg('qa.reason.declared'),
  flow: (level: TestLevel, names: readonly string[]) =>
    level === 'integration'
      ? msg('qa.reason.integration', { names: names.join(', ') })
      : level === 'e2e'
        ? msg('qa.reason.e2e', { names: names.slice(1).join(', ') || names.join(', ') })
        : msg('qa.reason.unit', { names: names.join(', ') }),
  byDefault: (dial: TestDial, q: string | null) =>
    q ? msg('qa.reason.default_question', { dial, question: q }) : msg('qa.reason.default', { dial }),
  available: (name: string, kind: string, level: TestLevel) =>
    kind === 'external'
      ? level === 'e2e'
        ? msg('qa.pre.external_sandbox', { name })
        : msg('qa.pre.external_stub', { name })
      : kind === 'datastore'
        ? msg('qa.pre.datastore', { name })
        : kind === 'person'
          ? msg('qa.pre.person', { name })
          : msg('qa.pre.deployed', { name, kind: msg(`participant.kind.${kind}`) }),
  step: (from: string, to: string, message: string, reply: string | null) =>
    reply ? msg('qa.step.reply', { from, to, message, reply }) : msg('qa.step', { from, to, message }),
  negative: (message: string, failure: string) => msg('qa.negative', { message, failure }),
  noNegative: msg('qa.negative.none'),
  noSteps: (q: string | null) =>
    q ? msg('qa.steps_missing.question', { question: q }) : msg('qa.steps_missing'),
  synthetic: (fields: readonly string[]) => msg('qa.data.synthetic', { fields: fields.join(', ') }),
  sameAs: (id: string) => msg('qa.reason.same_as', { id }),
  syntheticListed: (n: number) => msg('qa.data.synthetic_listed', { count: n }),
  plainData: msg('qa.data.plain'),
  mix: (dial: TestDial, off: readonly TestLevel[]) =>
    off.length === 0 ? msg('qa.mix.within', { dial }) : msg('qa.mix.off', { dial, levels: levelList(off) }),
  attempt: (id: string, threat: Message, control: Message) => msg('qa.case.attempt', { id, threat, control }),
  constraint: (id: string, text: Message) => msg('qa.case.constraint', { id, text }),
  decision: (id: string, c: DeepReadonly<MessageArgs[string]>) =>
    msg('qa.case.decision', { id, consequence: c }),
  slo: (sli: string, objective: string, window: string, where: string | null) =>
    where
      ? msg('qa.case.slo.where', { sli, objective, window, where })
      : msg('qa.case.slo', { sli, objective, window }),
  a11y: (feature: string) => msg('qa.case.a11y', { feature }),
};

function staticChecks(spec: Spec, dial: TestDial): Message[] {
  const types =
    spec.stack.languages.length > 0
      ? msg('qa.static.types_of', { languages: spec.stack.languages.join(', ') })
      : msg('qa.static.types');
  const checks = [types, msg('qa.static.lint'), msg('qa.static.format')];
  // The trophy names static analysis as its own layer; the other shapes still run it, just not as a layer.
  return dial === 'Trophy' ? [...checks, msg('qa.static.scan')] : checks;
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
// The agent sees messages, not their text in the run's language: a message counts as its arguments'
// text plus this much for its own words (the same in every language, so layout never depends on it).
const MESSAGE_WORDS_CHARS = 40;

/** Length a message stands for: its arguments (nested messages included) and its own words. */
function messageChars(m: Message): number {
  let n = MESSAGE_WORDS_CHARS;
  for (const v of Object.values(m.args ?? {}))
    n += typeof v === 'object' ? messageChars(v) : String(v).length;
  return n;
}

/** What every case of the spec shares, computed once (per case it was quadratic at thousands of features). */
interface Shared {
  flows: Map<string, Model['flows'][number][]>;
  questions: Map<string, string>;
  participants: Map<string, Model['participants'][number]>;
  /** Level choice of a feature's criteria that declare none (it depends on the feature only). */
  undeclared: Map<string, ReturnType<typeof chooseLevel>>;
  /** First case printing a feature's long flow at a level, by `feature level`. */
  printed: Map<string, string>;
  data: Message[];
}

function shared(model: Model): Shared & { note: Message | null } {
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
  const inline = synthetic === null || messageChars(synthetic) <= INLINE_DATA_CHARS;
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
  f: Spec['features'][number],
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
  const preconditions = parts.map((p) => WORDS.available(p.name, p.kind, choice.level));
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
    [reason, ...preconditions, ...steps, ...negative].reduce((n, m) => n + messageChars(m), 0) >
      INLINE_FLOW_CHARS
  )
    common.printed.set(key, id);
  return {
    id,
    ac_id: ac.id,
    feature_id: f.id,
    feature_name: f.name,
    priority_label: priorityLabel(f.priority),
    priority: f.priority,
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
    let steps: Message[];
    if (t.kind === 'security' || t.kind === 'decision' || t.kind === 'constraint') {
      steps = t.verifies.map((id) => {
        const th = threats.get(id)!;
        // The obligation's message carries the consequence as an argument.
        if (t.kind === 'decision') return WORDS.decision(id, th.threat.args?.consequence ?? th.threat);
        if (t.kind === 'constraint') return WORDS.constraint(id, th.element_label);
        return WORDS.attempt(id, th.threat, th.mitigation);
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

function criteria(spec: Spec, model: Model): { entry: Message[]; exit: Message[] } {
  const entry = [msg('qa.entry.reviewed')];
  if (spec.ops.environments.length > 0)
    entry.push(msg('qa.entry.environment', { env: spec.ops.environments[0]! }));
  if (model.questions.length > 0)
    entry.push(
      msg('qa.entry.questions', {
        count: model.questions.length,
        ids: model.questions.map((q) => q.id).join(', '),
      }),
    );
  const exit = [msg('qa.exit.all_pass'), msg('qa.exit.no_defect'), msg('qa.exit.threats')];
  for (const slo of spec.ops.slos)
    exit.push(
      msg('qa.exit.slo', { id: slo.id, name: slo.name, objective: slo.objective, window: slo.window }),
    );
  for (const r of spec.risks)
    if (scoreRisk(r.likelihood, r.impact).severity === 'High')
      exit.push(msg('qa.exit.risk', { id: r.id, mitigation: r.mitigation }));
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
      scope: msg(`qa.scope.${DIAL[dial]}.${id}`),
      target_pct: TARGET_MIX[dial][id],
      actual_count: count(id),
      actual_pct: actual,
      gap: actual - TARGET_MIX[dial][id],
    };
  });
  const off = levels.filter((l) => Math.abs(l.gap) > 10).map((l) => l.id);
  const { entry, exit } = criteria(spec, model);
  const profile = audienceProfile(spec.dials.audience);
  return {
    dial,
    strategy: msg('qa.strategy', {
      shape: msg(`qa.strategy.${DIAL[dial]}`),
      level: msg(`qa.level_name.${DEFAULT_LEVEL[dial]}`),
    }),
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
