// Runbooks: one per SLO and one per critical dependency, each with symptoms, checks, mitigation and
// escalation. The text is built from the spec's own names so an on-call engineer can act on it as is.
import type { ReadonlySpec as Spec } from '@studio/sdk';
import type { Dependency } from './participants.js';
import type { BurnRateAlert } from './slo-math.js';
import { readMetric } from './metrics.js';

/** One runbook. */
export interface Runbook {
  /** "RB-<SLO id>" or "RB-DEP-<n>". */
  id: string;
  /** Heading. */
  title: string;
  /** What it covers. */
  kind: 'slo' | 'dependency';
  /** The SLO id for an SLO runbook, else null. */
  slo_id: string | null;
  /** The dependency name for a dependency runbook, else null. */
  dependency: string | null;
  /** Feature ids affected. */
  features: string[];
  /** SLO ids put at risk (dependency runbooks) or the SLO itself. */
  slos: string[];
  /** How the problem shows. */
  symptoms: string[];
  /** What to look at, in order. */
  checks: string[];
  /** What to do. */
  mitigation: string[];
  /** Who to involve, and when. */
  escalation: string[];
}

/** What an SLO runbook needs to know about its SLO. */
export interface SloFacts {
  id: string;
  name: string;
  sli: string;
  objective: string;
  window_label: string | null;
  error_budget: string | null;
  alerts: BurnRateAlert[];
  metrics: string[];
  features: string[];
  dependencies: Dependency[];
}

function lastEnvironment(spec: Spec): string | null {
  return spec.ops.environments[spec.ops.environments.length - 1] ?? null;
}

function pageAlertText(alerts: BurnRateAlert[]): string | null {
  const pages = alerts.filter((a) => a.severity === 'page' && !a.unreachable);
  if (pages.length === 0) return null;
  return pages.map((a) => `${a.burn_rate_text} over ${a.long_window}`).join(' or ');
}

function dependencyCheck(dep: Dependency): string {
  if (dep.kind === 'external') {
    return `Check ${dep.name}: its status page, your account's rate limits and quotas, and the error rate and latency of calls to it.`;
  }
  if (dep.kind === 'datastore') {
    return `Check ${dep.name}: connection count, CPU and memory, storage headroom, replication lag and slow queries.`;
  }
  return `Check the hosting platform (${dep.name}): provider incidents for your region, failing health checks and recent platform changes.`;
}

function dependencyMitigation(dep: Dependency): string {
  if (dep.kind === 'external') {
    return `If ${dep.name} is degraded: retry with exponential backoff and idempotency keys, queue non-urgent calls, and tell affected users their request is delayed rather than failed.`;
  }
  if (dep.kind === 'datastore') {
    return `If ${dep.name} is saturated or down: shed non-critical load, stop batch jobs, and fail over to a replica or restore from the latest backup.`;
  }
  return `If the hosting platform is impaired: redeploy the last known good release, or fail over to another region or zone if one is provisioned.`;
}

/** The runbook for one SLO. */
export function sloRunbook(spec: Spec, slo: SloFacts): Runbook {
  const env = lastEnvironment(spec);
  const pages = pageAlertText(slo.alerts);
  const symptoms = [
    pages !== null
      ? `A burn-rate alert for ${slo.id} fires (page at ${pages}).`
      : `The SLI for ${slo.id} is below its objective.`,
    `The share of good events ("${slo.sli}") drops below ${slo.objective}${slo.window_label !== null ? ` over ${slo.window_label}` : ''}.`,
  ];
  for (const m of slo.metrics) {
    const r = readMetric(m);
    symptoms.push(r.is_error ? `${m} rises above its usual level.` : `${m} leaves its usual range.`);
  }
  const checks = [
    slo.metrics.length > 0
      ? `Open the ${slo.id} dashboard: ${slo.metrics.join(', ')}; compare with the same hour last week.`
      : `Chart the SLI ("${slo.sli}"); no metric in ops.observability measures it yet (see observability.md).`,
    slo.error_budget !== null
      ? `See which alert window fired and how much of the ${slo.error_budget} budget is left.`
      : `Decide how much failure is tolerable: the objective or window could not be read, so there is no computed budget.`,
    env !== null
      ? `List deploys, feature-flag and config changes to ${env} in the last 6 hours.`
      : 'List deploys, feature-flag and config changes in the last 6 hours.',
    ...slo.dependencies.map(dependencyCheck),
  ];
  if (spec.ops.observability.traces)
    checks.push('Pull traces of failing or slow requests and find the span where time or errors go.');
  const mitigation = [
    `If a deploy or config change lines up with the start, roll it back${env !== null ? ` in ${env}` : ''} first and investigate after.`,
    ...slo.dependencies.map(dependencyMitigation),
    'If the error budget is spent, freeze risky releases until the SLO is back within its objective.',
  ];
  const escalation = [
    'The on-call engineer owns the incident from the first page and opens an incident channel within 15 minutes.',
    `No improvement after 30 minutes: bring in the engineering lead for ${slo.features.length > 0 ? slo.features.join(', ') : 'the affected features'}.`,
    ...slo.dependencies
      .filter((d) => d.kind === 'external')
      .map((d) => `Open a support case with ${d.name} and link it in the incident channel.`),
  ];
  if (spec.audience.length > 0) {
    escalation.push(
      `Users notice for more than an hour: tell ${spec.audience.map((a) => a.name).join(' and ')} what is affected and when to expect a fix.`,
    );
  }
  return {
    id: `RB-${slo.id}`,
    title: `${slo.name} below objective`,
    kind: 'slo',
    slo_id: slo.id,
    dependency: null,
    features: [...slo.features],
    slos: [slo.id],
    symptoms,
    checks,
    mitigation,
    escalation,
  };
}

/** The runbook for one critical dependency; `slos` are the SLO ids it can break. */
export function dependencyRunbook(
  spec: Spec,
  dep: Dependency,
  index: number,
  slos: string[],
  errorMetrics: string[],
): Runbook {
  const featureText = dep.features.length > 0 ? ` (${dep.features.join(', ')})` : '';
  const symptoms = [
    dep.kind === 'external'
      ? `Calls to ${dep.name} fail, time out or slow down${featureText}.`
      : dep.kind === 'datastore'
        ? `Queries to ${dep.name} fail or slow down; requests pile up behind them${featureText}.`
        : `Instances on the hosting platform (${dep.name}) restart, fail health checks or become unreachable.`,
  ];
  if (slos.length > 0) symptoms.push(`Burn-rate alerts for ${slos.join(', ')} fire together.`);
  for (const m of errorMetrics) symptoms.push(`${m} rises above its usual level.`);
  const checks = [
    dependencyCheck(dep),
    'Confirm it is the dependency and not our side: compare the error rate of calls to it with other calls.',
  ];
  if (spec.ops.observability.traces && dep.kind !== 'hosting') {
    checks.push(`Find the failing span in traces that reach ${dep.name}.`);
  }
  const mitigation = [
    dependencyMitigation(dep),
    'Keep the rest of the product working: disable only the features that need it.',
  ];
  const escalation =
    dep.kind === 'external'
      ? [
          `Open a support case with ${dep.name}, with timestamps and request ids.`,
          'No improvement after 30 minutes: the engineering lead decides on fallbacks and user messaging.',
        ]
      : [
          dep.kind === 'hosting'
            ? 'Open a priority case with the hosting provider.'
            : `Page the owner of ${dep.name}.`,
          'If data loss or corruption is possible: stop writes and escalate to the engineering lead at once.',
        ];
  return {
    id: `RB-DEP-${index}`,
    title: dep.kind === 'hosting' ? 'Hosting platform degraded or down' : `${dep.name} degraded or down`,
    kind: 'dependency',
    slo_id: null,
    dependency: dep.name,
    features: [...dep.features],
    slos,
    symptoms,
    checks,
    mitigation,
    escalation,
  };
}
