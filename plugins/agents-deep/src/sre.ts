// studio:sre — SLOs as the SRE workbook writes them (SLI specification vs implementation, error
// budgets in time and in events, a budget policy, multiwindow burn-rate alerts), runbooks per SLO and
// per critical dependency around one shared section, and the observability plan (declared metric
// types, queries by type, PII-safe logging, spans per data flow). Built from the shared product model.
import type { AgentContext, AgentDefinition, DeepReadonly, ProductModel } from '@studio/sdk';
import type { ReadonlySpec as Spec } from '@studio/sdk';
import { type Detail, detailFor } from './lib/emphasis.js';
import {
  dependencyRunbook,
  hostingRunbook,
  type Runbook,
  type SharedRunbook,
  sharedRunbook,
  sloRunbook,
} from './lib/runbooks.js';
import {
  type BurnRateAlert,
  burnRateAlerts,
  errorBudgetMinutes,
  formatBudget,
  parseObjective,
  parseWindow,
} from './lib/slo-math.js';
import { type Message, msg } from './lib/message.js';

/** One SLO with its arithmetic done. */
export interface SloView {
  id: string;
  name: string;
  sli: string;
  /** Objective always with its percent sign ("99%"), or as written when unreadable. */
  objective: Message;
  window: string;
  objective_percent: number | null;
  window_label: Message | null;
  window_minutes: number | null;
  /** (1 − objective) × window, in minutes, and formatted ("43.2 minutes"). */
  error_budget_minutes: number | null;
  error_budget: Message | null;
  /** Share of valid events allowed to be bad, in percent (0.1). */
  allowed_bad: number | null;
  /** Event-based budget: bad events allowed per 100,000 valid events (100). */
  bad_per_100k: number | null;
  /** SLI specification: good and valid events (null when not declared). */
  good_events: string | null;
  valid_events: string | null;
  /** SLI implementation: where it is measured (null when not declared). */
  measured_at: string | null;
  /** Counters that implement the SLI. */
  counters: { good: string; valid: string };
  /** Open question ids about this SLO. */
  questions: string[];
  alerts: BurnRateAlert[];
  problems: Message[];
  /** Features it covers; empty means the whole product. */
  features: string[];
  /** Names of its dependencies (external systems and data stores in its features' flows). */
  dependencies: string[];
  runbook_id: string;
  test_id: string;
}

export interface MetricView {
  name: string;
  /** Declared type, or null. */
  type: string | null;
  description: string | null;
  /** A query that suits the type (PromQL), or null when the type is not declared. */
  query: string | null;
}

export interface ObservabilityView {
  logs: string | null;
  traces: boolean;
  metrics: MetricView[];
  /** Open question id for metrics without a declared type, or null. */
  untyped_question: string | null;
  /** The SLI counters every SLO needs. */
  sli_counters: { slo_id: string; good: string; valid: string }[];
  log_fields: Message[];
  /** Classified fields that must never be logged, with their class. */
  redact: { entity: string; field: string; classification: string }[];
  /** Spans: one per data flow. */
  spans: { id: string; from: string; to: string; message: string }[];
}

export interface SreViewModel {
  detail: Detail;
  slos: SloView[];
  budget_policy: Message[];
  runbooks: { shared: SharedRunbook; slos: Runbook[]; dependencies: Runbook[] };
  observability: ObservabilityView;
  highlights: Message[];
}

type Model = DeepReadonly<ProductModel>;

const BUDGET_POLICY = [
  'sre.policy.normal_pace',
  'sre.policy.budget_spent',
  'sre.policy.postmortem',
  'sre.policy.dependency_review',
  'sre.policy.disagreements',
].map((id) => msg(id));

const slug = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/gu, '_')
    .replace(/^_+|_+$/gu, '') || 'sli';

function queryFor(metric: string, type: string | null): string | null {
  // A PromQL metric name is an identifier: the declared name as written may hold spaces or punctuation
  // (which would also break the Markdown table the query sits in).
  const name = slug(metric);
  if (type === 'counter') return `sum(rate(${name}[5m]))`;
  if (type === 'gauge') return `max_over_time(${name}[5m])`;
  if (type === 'histogram') return `histogram_quantile(0.95, sum by (le) (rate(${name}_bucket[5m])))`;
  return null;
}

function questionsAbout(model: Model, about: string): string[] {
  return model.questions.filter((q) => q.about === about).map((q) => q.id);
}

/** External systems and data stores in the flows of `features` (all of them when empty). */
function dependenciesOf(model: Model, features: readonly string[]) {
  const flows =
    features.length === 0 ? model.flows : model.flows.filter((f) => features.includes(f.feature_id));
  const ids = new Set(flows.flatMap((f) => [f.from, f.to]));
  const all = model.participants.filter((p) => p.kind === 'external' || p.kind === 'datastore');
  return features.length === 0 ? all : all.filter((p) => ids.has(p.id));
}

function sloViews(spec: Spec, model: Model): SloView[] {
  return spec.ops.slos.map((s) => {
    const objective = parseObjective(s.objective);
    const window = parseWindow(s.window);
    const problems: Message[] = [];
    if (objective === null) problems.push(msg('sre.problem.objective', { value: s.objective }));
    if (window === null) problems.push(msg('sre.problem.window', { value: s.window }));
    const budget = objective !== null && window !== null ? errorBudgetMinutes(objective, window) : null;
    const bad = objective !== null ? (objective.badUnits * 100) / objective.totalUnits : null;
    const base = slug(s.name);
    return {
      id: s.id,
      name: s.name,
      sli: s.sli,
      objective:
        objective !== null
          ? msg('sre.percent', { value: objective.percent })
          : msg('sre.as_written', { text: s.objective }),
      window: s.window,
      objective_percent: objective?.percent ?? null,
      window_label: window?.label ?? null,
      window_minutes: window?.minutes ?? null,
      error_budget_minutes: budget,
      error_budget: budget !== null ? formatBudget(budget) : null,
      allowed_bad: bad,
      bad_per_100k: bad !== null ? bad * 1000 : null,
      good_events: s.good_events,
      valid_events: s.valid_events,
      measured_at: s.measured_at,
      counters: { good: `${base}_good_total`, valid: `${base}_valid_total` },
      questions: questionsAbout(model, s.id),
      alerts: objective !== null && window !== null ? burnRateAlerts(objective, window) : [],
      problems,
      features: [...s.features],
      dependencies: dependenciesOf(model, s.features).map((p) => p.name),
      runbook_id: `RB-${s.id}`,
      test_id: `TC-${s.id}`,
    };
  });
}

/** The page conditions: "14.4× over 1h or 6× over 6h" (at most the two page alerts of the policy). */
function pageAlert(alerts: readonly BurnRateAlert[]): Message | null {
  const pages = alerts.filter((a) => a.severity === 'page' && !a.unreachable);
  const [first, second] = pages;
  if (first === undefined) return null;
  const one = { rate: first.burn_rate_text, window: first.long_window };
  return second === undefined
    ? msg('sre.page_alert.one', one)
    : msg('sre.page_alert.two', {
        ...one,
        rate2: second.burn_rate_text,
        window2: second.long_window,
      });
}

function runbooks(spec: Spec, model: Model, slos: readonly SloView[]): SreViewModel['runbooks'] {
  const lastEnv = spec.ops.environments[spec.ops.environments.length - 1] ?? null;
  const sloBooks = slos.map((s) => {
    const deps = dependenciesOf(model, s.features);
    const flows =
      s.features.length === 0 ? model.flows : model.flows.filter((f) => s.features.includes(f.feature_id));
    return sloRunbook({
      id: s.id,
      name: s.name,
      objective_text: s.objective,
      window_label: s.window_label,
      error_budget: s.error_budget,
      page_alert: pageAlert(s.alerts),
      good_events: s.good_events,
      measured_at: s.measured_at,
      features: s.features,
      dependencies: deps.map((d) => ({ ...d, features: [...d.features] })),
      flows_failures: flows.filter((f) => f.on_failure !== null).map((f) => f.id),
    });
  });
  const deps = dependenciesOf(model, []).map((p) =>
    dependencyRunbook(
      { ...p, features: [...p.features] },
      slos.filter((s) => s.dependencies.includes(p.name)).map((s) => s.id),
      model.flows,
      model.hosting,
    ),
  );
  deps.push(
    hostingRunbook(
      model.hosting,
      slos.map((s) => s.id),
    ),
  );
  return { shared: sharedRunbook(model, lastEnv), slos: sloBooks, dependencies: deps };
}

function observability(spec: Spec, model: Model, slos: readonly SloView[]): ObservabilityView {
  const o = spec.ops.observability;
  const logFields = [
    msg('sre.log_field.timestamp'),
    // Field names are identifiers the log pipeline matches on: they stay as written in every locale.
    ...['level', 'message', 'service', 'environment', 'request_id'].map((name) =>
      msg('sre.log_field.identifier', { name }),
    ),
  ];
  if (o.traces)
    logFields.push(
      msg('sre.log_field.identifier', { name: 'trace_id' }),
      msg('sre.log_field.identifier', { name: 'span_id' }),
    );
  logFields.push(msg('sre.log_field.feature_and_flow'));
  return {
    logs: o.logs,
    traces: o.traces,
    metrics: o.instruments.map((m) => ({
      name: m.name,
      type: m.type,
      description: m.description,
      query: queryFor(m.name, m.type),
    })),
    untyped_question: questionsAbout(model, 'ops.observability.metrics')[0] ?? null,
    sli_counters: slos.map((s) => ({ slo_id: s.id, good: s.counters.good, valid: s.counters.valid })),
    log_fields: logFields,
    redact: model.classified_fields.map((f) => ({
      entity: f.entity,
      field: f.field,
      classification: f.classification,
    })),
    spans: model.flows.map((f) => ({ id: f.id, from: f.from_name, to: f.to_name, message: f.message })),
  };
}

/** "<name> (<id>) has no computable error budget yet: <problems>" (one problem or two: objective, window). */
function noBudget(s: SloView): Message {
  const [problem = msg('sre.as_written', { text: '' }), problem2] = s.problems;
  return problem2 === undefined
    ? msg('sre.highlight.no_budget', { name: s.name, id: s.id, problem })
    : msg('sre.highlight.no_budget_2', { name: s.name, id: s.id, problem, problem2 });
}

function highlights(spec: Spec, slos: readonly SloView[], deps: number): Message[] {
  const out = slos.map((s) =>
    s.error_budget !== null && s.window_label !== null
      ? msg('sre.highlight.budget', {
          name: s.name,
          id: s.id,
          objective: s.objective,
          window: s.window_label,
          budget: s.error_budget,
          bad: s.bad_per_100k ?? 0,
        })
      : noBudget(s),
  );
  if (deps > 0) out.push(msg('sre.highlight.dependencies', { count: deps }));
  if (spec.ops.slos.length === 0) out.push(msg('sre.highlight.no_slos'));
  return out;
}

function run(ctx: AgentContext): SreViewModel {
  const spec = ctx.spec;
  const model = ctx.inputs.model as Model;
  const slos = sloViews(spec, model);
  const books = runbooks(spec, model, slos);
  return {
    detail: detailFor(spec.dials.audience),
    slos,
    budget_policy: [...BUDGET_POLICY],
    runbooks: books,
    observability: observability(spec, model, slos),
    highlights: highlights(spec, slos, books.dependencies.length),
  };
}

const agent: AgentDefinition<SreViewModel> = {
  id: 'studio:sre',
  produces: 'sre',
  needs: ['model'],
  description:
    'SLOs (SLI specification and implementation, budgets in time and events, budget policy, burn-rate alerts), runbooks per SLO and dependency with a shared section, observability plan.',
  run,
};

export default agent;
