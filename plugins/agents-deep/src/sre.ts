// studio:sre — SLOs with computed error budgets and burn-rate alerts, runbooks, and observability.
import type { AgentContext, AgentDefinition, ReadonlySpec as Spec } from '@studio/sdk';
import { type Detail, detailFor } from './lib/emphasis.js';
import { readMetric, relatedMetrics, type MetricKind } from './lib/metrics.js';
import { criticalDependencies, type Dependency } from './lib/participants.js';
import { relatedFeatureIds } from './lib/related.js';
import { formatNumber, sharesKeyword } from './lib/text.js';
import { type Runbook, dependencyRunbook, sloRunbook } from './lib/runbooks.js';
import {
  type BurnRateAlert,
  burnRateAlerts,
  errorBudgetMinutes,
  formatBudget,
  parseObjective,
  parseWindow,
} from './lib/slo-math.js';

/** One SLO with its arithmetic done. */
export interface SloView {
  id: string;
  name: string;
  sli: string;
  /** Objective and window as written. */
  objective: string;
  window: string;
  /** Parsed values, null when they could not be read (see `problems`). */
  objective_percent: number | null;
  window_label: string | null;
  window_minutes: number | null;
  /** (1 − objective) × window, in minutes, and formatted ("43.2 minutes"). */
  error_budget_minutes: number | null;
  error_budget: string | null;
  /** Share of events allowed to be bad, formatted ("0.1%"), or null. */
  allowed_bad: string | null;
  /** Multiwindow burn-rate alerts (empty when the budget cannot be computed). */
  alerts: BurnRateAlert[];
  /** Why the budget could not be computed. */
  problems: string[];
  /** Metrics from ops.observability that relate to this SLO. */
  metrics: string[];
  /** Features this SLO covers. */
  features: string[];
  /** Id of its runbook. */
  runbook_id: string;
}

/** One metric with what it answers. */
export interface MetricView {
  name: string;
  kind: MetricKind;
  is_error: boolean;
  answers: string;
  /** SLO ids it helps judge. */
  slos: string[];
}

/** Observability plan. */
export interface ObservabilityView {
  /** ops.observability.logs as written, or null. */
  logs: string | null;
  traces: boolean;
  metrics: MetricView[];
  /** SLOs no declared metric measures, with the metric to add. */
  missing: { slo_id: string; slo_name: string; sli: string; suggested_metric: string }[];
  /** Fields every log line should carry. */
  log_fields: string[];
  /** Personal-data fields that must never be logged in clear. */
  redact: { entity: string; field: string }[];
  /** Spans to instrument: one per flow step. */
  spans: { feature_id: string; from: string; to: string; message: string }[];
}

/** The view-model under `sre`. */
export interface SreViewModel {
  detail: Detail;
  slos: SloView[];
  runbooks: { slos: Runbook[]; dependencies: Runbook[] };
  observability: ObservabilityView;
  /** Plain-language statements for summary-first readers. */
  highlights: string[];
}

function metricSuggestion(name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, '_')
      .replace(/^_+|_+$/gu, '') || 'sli';
  return `${base}_good_total and ${base}_total`;
}

/** Words of an external dependency: its name and every message sent to or from it. */
function dependencyText(spec: Spec, dep: Dependency): string {
  const key = dep.name.trim().toLowerCase();
  const messages = spec.features.flatMap((f) =>
    f.flow
      .filter((s) => s.from.trim().toLowerCase() === key || s.to.trim().toLowerCase() === key)
      .map((s) => s.message),
  );
  return [dep.name, ...messages].join(' ');
}

/** Whether an SLO can break when `dep` does: datastores and hosting always; external services when they
 *  serve one of the SLO's features or share words with it. */
function sloDependsOn(spec: Spec, dep: Dependency, sloText: string, features: string[]): boolean {
  if (dep.kind !== 'external') return true;
  return dep.features.some((f) => features.includes(f)) || sharesKeyword(dependencyText(spec, dep), sloText);
}

function sloViews(spec: Spec, deps: Dependency[]): { views: SloView[]; runbooks: Runbook[] } {
  const views: SloView[] = [];
  const runbooks: Runbook[] = [];
  for (const slo of spec.ops.slos) {
    const objective = parseObjective(slo.objective);
    const window = parseWindow(slo.window);
    const problems: string[] = [];
    if (objective === null)
      problems.push(`Objective "${slo.objective}" is not a percentage between 0 and 100 (e.g. "99.9%").`);
    if (window === null)
      problems.push(`Window "${slo.window}" is not a duration (e.g. "30d", "4w", "90 days").`);
    const budget = objective !== null && window !== null ? errorBudgetMinutes(objective, window) : null;
    const text = `${slo.name} ${slo.sli}`;
    const features = relatedFeatureIds(spec.features, text);
    const view: SloView = {
      id: slo.id,
      name: slo.name,
      sli: slo.sli,
      objective: slo.objective,
      window: slo.window,
      objective_percent: objective?.percent ?? null,
      window_label: window?.label ?? null,
      window_minutes: window?.minutes ?? null,
      error_budget_minutes: budget,
      error_budget: budget !== null ? formatBudget(budget) : null,
      allowed_bad:
        objective !== null ? `${formatNumber((objective.badUnits * 100) / objective.totalUnits, 6)}%` : null,
      alerts: objective !== null && window !== null ? burnRateAlerts(objective, window) : [],
      problems,
      metrics: relatedMetrics(spec.ops.observability.metrics, text),
      features,
      runbook_id: `RB-${slo.id}`,
    };
    views.push(view);
    const sloDeps = deps.filter((d) => sloDependsOn(spec, d, text, features));
    runbooks.push(sloRunbook(spec, { ...view, dependencies: sloDeps }));
  }
  return { views, runbooks };
}

function observability(spec: Spec, slos: SloView[]): ObservabilityView {
  const o = spec.ops.observability;
  const metrics = o.metrics.map((name) => {
    const r = readMetric(name);
    return {
      name,
      kind: r.kind,
      is_error: r.is_error,
      answers: r.answers,
      slos: slos.filter((s) => s.metrics.includes(name)).map((s) => s.id),
    };
  });
  const missing = slos
    .filter((s) => s.metrics.length === 0)
    .map((s) => ({ slo_id: s.id, slo_name: s.name, sli: s.sli, suggested_metric: metricSuggestion(s.name) }));
  const logFields = ['timestamp (UTC, ISO 8601)', 'level', 'message', 'service', 'environment', 'request_id'];
  if (o.traces) logFields.push('trace_id', 'span_id');
  logFields.push('feature id (e.g. F-1) where the line belongs to one feature');
  const redact = spec.entities.flatMap((e) =>
    e.fields.filter((f) => f.pii).map((f) => ({ entity: e.name, field: f.name })),
  );
  const spans = spec.features.flatMap((f) =>
    f.flow.map((s) => ({ feature_id: f.id, from: s.from, to: s.to, message: s.message })),
  );
  return { logs: o.logs, traces: o.traces, metrics, missing, log_fields: logFields, redact, spans };
}

function highlights(spec: Spec, slos: SloView[], deps: Dependency[]): string[] {
  const out: string[] = [];
  for (const s of slos) {
    if (s.error_budget !== null && s.window_label !== null) {
      out.push(
        `${s.name} (${s.id}) may miss its objective for at most ${s.error_budget} every ${s.window_label}; beyond that, reliability work comes before features.`,
      );
    } else {
      out.push(`${s.name} (${s.id}) has no computable error budget yet: ${s.problems.join(' ')}`);
    }
  }
  if (deps.length > 0) {
    const names = deps.map((d) => (d.kind === 'hosting' ? `the hosting platform (${d.name})` : d.name));
    out.push(
      `${deps.length} critical ${deps.length === 1 ? 'dependency has' : 'dependencies have'} a runbook: ${names.join('; ')}.`,
    );
  }
  if (spec.ops.slos.length === 0)
    out.push('No SLOs are declared yet: reliability targets are an open decision.');
  return out;
}

function run(ctx: AgentContext): SreViewModel {
  const spec = ctx.spec;
  const deps = criticalDependencies(spec);
  const { views, runbooks } = sloViews(spec, deps);
  const sloIdsFor = (d: Dependency): string[] =>
    views.filter((v) => sloDependsOn(spec, d, `${v.name} ${v.sli}`, v.features)).map((v) => v.id);
  const errorMetrics = spec.ops.observability.metrics.filter((m) => readMetric(m).is_error);
  // A dependency's error metrics: those named after it, and for an external service also those that
  // judge an SLO it serves (a datastore would otherwise claim every error metric).
  const depErrorMetrics = (d: Dependency, sloIds: string[]): string[] =>
    errorMetrics.filter(
      (m) =>
        relatedMetrics([m], d.kind === 'external' ? dependencyText(spec, d) : d.name).length > 0 ||
        (d.kind === 'external' && views.some((v) => sloIds.includes(v.id) && v.metrics.includes(m))),
    );
  const depRunbooks = deps.map((d, i) => {
    const sloIds = sloIdsFor(d);
    return dependencyRunbook(spec, d, i + 1, sloIds, depErrorMetrics(d, sloIds));
  });
  return {
    detail: detailFor(spec.dials.audience),
    slos: views,
    runbooks: { slos: runbooks, dependencies: depRunbooks },
    observability: observability(spec, views),
    highlights: highlights(spec, views, deps),
  };
}

const agent: AgentDefinition<SreViewModel> = {
  id: 'studio:sre',
  produces: 'sre',
  description:
    'SLOs with error budgets and burn-rate alerts, runbooks per SLO and critical dependency, observability plan.',
  run,
};

export default agent;
