// Runbooks: one per SLO and one per critical dependency (external system, data store, hosting
// platform), plus one shared section that holds everything they have in common, so each runbook
// carries only what is specific to it. Advice follows the declared hosting model; nothing is read
// from names. The words are here, together, so a locale catalog can take them over.
import type { DeepReadonly, ModelParticipant, ProductModel } from '@studio/sdk';

/** One runbook. */
export interface Runbook {
  /** "RB-<SLO id>" or "RB-<participant id>" or "RB-HOSTING". */
  id: string;
  title: string;
  kind: 'slo' | 'dependency';
  /** The SLO id for an SLO runbook, else null. */
  slo_id: string | null;
  /** The dependency name for a dependency runbook, else null. */
  dependency: string | null;
  /** Feature ids affected. */
  features: string[];
  /** SLO ids it covers (SLO runbook) or puts at risk (dependency runbook). */
  slos: string[];
  /** Runbook ids to open next (an SLO's dependencies). */
  see: string[];
  symptoms: string[];
  checks: string[];
  mitigation: string[];
  escalation: string[];
}

/** The shared section every runbook refers to. */
export interface SharedRunbook {
  /** First steps for any page. */
  first_steps: string[];
  /** Platform guidance for the declared hosting. */
  platform: string[];
  /** Who to involve. */
  escalation: string[];
}

type Model = DeepReadonly<ProductModel>;
type Hosting = Model['hosting'];

export function sharedRunbook(model: Model, lastEnv: string | null): SharedRunbook {
  const platform = platformAdvice(model.hosting);
  return {
    first_steps: [
      'Acknowledge the page; the on-call engineer is incident commander until they hand over.',
      'Open an incident channel and post what is affected, since when, and the runbook in use.',
      `List deploys, feature-flag and configuration changes${lastEnv ? ` to ${lastEnv}` : ''} in the last 6 hours; if one lines up with the start, roll it back first and investigate after.`,
      'Check the error budget left (slos.md): it decides how much risk the mitigation may take.',
    ],
    platform,
    escalation: [
      'No improvement after 30 minutes: page the owner of the failing component (the owners are named in the threat model).',
      'Users affected for more than an hour: post a status update with scope and next update time.',
      'Data loss or corruption possible: stop writes and escalate to the engineering lead at once.',
      'After recovery: a blameless postmortem within five working days for any incident that spent more than 20% of an error budget.',
    ],
  };
}

function platformAdvice(h: Hosting): string[] {
  const regions = h.regions;
  const target = h.deploy_target ? ` (${h.deploy_target})` : '';
  if (h.model === 'on-prem') {
    return [
      `On premises${regions.length ? ` in ${regions.join(', ')}` : ''}${target}: there is no cloud region to fail over to; capacity and hardware are the data-centre team's, so involve them early.`,
      'Drain and cordon a failing node, reschedule its workloads, and check the cluster’s own health (control plane, storage, network) before blaming the application.',
      regions.length > 1
        ? `Fail over to ${regions[1]} only if the standby there is in sync; the data-centre team confirms it.`
        : 'A full site outage needs the data-centre recovery plan: restore from the off-site backup.',
    ];
  }
  if (h.model === 'cloud' || h.model === 'hybrid') {
    const cloud = [
      `Cloud${regions.length ? ` in ${regions.join(', ')}` : ''}${target}: check the provider's status page for ${regions[0] ?? 'your region'} first.`,
      regions.length > 1
        ? `If ${regions[0]} is impaired, fail over to ${regions[1]} (the declared failover order) once its data is confirmed current.`
        : 'Only one region is declared: fail over between availability zones; a regional outage means waiting for the provider, so say so early.',
    ];
    return h.model === 'hybrid'
      ? [...cloud, 'The on-premises part has no cloud failover: involve the data-centre team for it.']
      : cloud;
  }
  return [
    'Hosting is not declared (cloud or on premises), so this runbook cannot say where to fail over; see the open question in the PRD.',
  ];
}

export interface SloFacts {
  id: string;
  name: string;
  objective: string;
  window_label: string | null;
  error_budget: string | null;
  page_alert: string | null;
  good_events: string | null;
  measured_at: string | null;
  features: string[];
  dependencies: ModelParticipant[];
  flows_failures: string[];
}

export function sloRunbook(s: SloFacts): Runbook {
  return {
    id: `RB-${s.id}`,
    title: `${s.name} below objective`,
    kind: 'slo',
    slo_id: s.id,
    dependency: null,
    features: [...s.features],
    slos: [s.id],
    see: s.dependencies.map((d) => `RB-${d.id}`),
    symptoms: [
      s.page_alert !== null
        ? `The ${s.id} burn-rate page fires (${s.page_alert}).`
        : `The ${s.id} SLI is below ${s.objective}.`,
      `Fewer than ${s.objective} of events are good${s.good_events ? ` (${s.good_events})` : ''}${s.window_label ? ` over ${s.window_label}` : ''}.`,
    ],
    checks: [
      s.measured_at !== null
        ? `Read the SLI where it is measured: ${s.measured_at}. Is the drop real, or is the measurement broken?`
        : 'Where the SLI is measured is not declared: find the signal first (see the open question in slos.md).',
      s.dependencies.length > 0
        ? `Check each dependency of ${s.features.join(', ') || 'the product'} in turn: ${s.dependencies.map((d) => `${d.name} (RB-${d.id})`).join(', ')}.`
        : 'No dependency is declared in its flows: look at the product’s own services first.',
      ...(s.flows_failures.length > 0
        ? [
            `Is the declared failure handling of ${s.flows_failures.join(', ')} working, and is it enough? (details in the dependency runbooks)`,
          ]
        : []),
    ],
    mitigation: [
      'Mitigate through the dependency runbook that matches, then confirm the SLI recovers at its measurement point.',
      s.error_budget !== null
        ? `If the ${s.error_budget} budget is spent, the budget policy applies: releases other than fixes stop until ${s.id} recovers.`
        : 'The budget cannot be computed (see slos.md): agree with the product owner how long degradation is acceptable.',
    ],
    escalation: [
      `Owners to page: ${[...new Set(s.dependencies.map((d) => owner(d)))].join(', ') || 'the service owner'}.`,
    ],
  };
}

function owner(p: ModelParticipant): string {
  return p.kind === 'external' ? `the owner of the ${p.name} integration` : `the ${p.name} owner`;
}

export function dependencyRunbook(
  p: ModelParticipant,
  slos: string[],
  flows: DeepReadonly<ProductModel['flows']>,
  hosting: Hosting,
): Runbook {
  const mine = flows.filter((f) => f.from === p.id || f.to === p.id);
  const failures = mine.filter((f) => f.on_failure !== null).map((f) => `${f.id}: ${f.on_failure}`);
  const features = [...new Set(mine.map((f) => f.feature_id))];
  const external = p.kind === 'external';
  return {
    id: `RB-${p.id}`,
    title: `${p.name} degraded or down`,
    kind: 'dependency',
    slo_id: null,
    dependency: p.name,
    features,
    slos,
    see: [],
    symptoms: [
      external
        ? `Calls on ${mine.map((f) => f.id).join(', ') || 'its flows'} fail, time out or slow down.`
        : `Queries from ${[...new Set(mine.map((f) => (f.from === p.id ? f.to_name : f.from_name)))].join(', ') || 'the services'} fail or slow down; requests queue behind them.`,
      ...(slos.length > 0 ? [`Burn-rate alerts for ${slos.join(', ')} fire together.`] : []),
    ],
    checks: external
      ? [
          `${p.name}'s status page, your account's quotas and rate limits, and recent changes on their side.`,
          `Our error rate and latency on calls to ${p.name} against other calls: is it them or us?`,
        ]
      : [
          `${p.name}: connections in use against the limit, CPU and memory, storage headroom, replication lag, slow queries.`,
          `Recent schema migrations or batch jobs against ${p.name}.`,
        ],
    mitigation: [
      ...(failures.length > 0
        ? failures.map((f) => `Let the declared failure handling work (${f}); confirm it is happening.`)
        : [
            `No failure handling is declared on flows to ${p.name}: decide one (retry, queue, degrade) and declare it.`,
          ]),
      external
        ? `Queue non-urgent calls to ${p.name} with backoff and idempotency keys; tell users their request is delayed, not lost.`
        : storeMitigation(p.name, hosting),
    ],
    escalation: external
      ? [
          `Open a support case with ${p.name}, with timestamps and request ids; link it in the incident channel.`,
        ]
      : [`Page the ${p.name} owner.`],
  };
}

function storeMitigation(name: string, h: Hosting): string {
  if (h.model === 'on-prem')
    return `Shed non-critical load and stop batch jobs; promote the standby of ${name} in the data centre if the primary is lost (the data-centre team confirms replication state).`;
  if (h.model === 'cloud' || h.model === 'hybrid')
    return `Shed non-critical load and stop batch jobs; fail over ${name} to its replica${h.regions.length > 1 ? ` (cross-region: ${h.regions[1]})` : ' in another zone'} if the primary is lost.`;
  return `Shed non-critical load and stop batch jobs; restore ${name} from its latest backup if the primary is lost.`;
}

export function hostingRunbook(h: Hosting, slos: string[]): Runbook {
  return {
    id: 'RB-HOSTING',
    title: 'Hosting platform degraded',
    kind: 'dependency',
    slo_id: null,
    dependency: h.label,
    features: [],
    slos,
    see: [],
    symptoms: [
      'Instances restart, fail health checks or become unreachable across several services at once.',
    ],
    checks: ['Platform health before application health: nodes, network, storage, certificates.'],
    mitigation: platformAdvice(h),
    escalation: [
      h.model === 'on-prem'
        ? 'Call the data-centre operations team.'
        : h.model === null
          ? 'Call whoever runs the hosting (not declared).'
          : 'Open a priority case with the cloud provider.',
    ],
  };
}
