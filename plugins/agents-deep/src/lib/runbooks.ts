// Runbooks: one per SLO and one per critical dependency (external system, data store, hosting
// platform), plus one shared section that holds everything they have in common, so each runbook
// carries only what is specific to it. Advice follows the declared hosting model; nothing is read
// from names. The words are catalog messages (`sre.runbook.*`), so a locale catalog takes them over.
import type { DeepReadonly, ModelParticipant, ProductModel } from '@studio/sdk';
import { type Message, msg } from './message.js';

/** One runbook. */
export interface Runbook {
  /** "RB-<SLO id>" or "RB-<participant id>" or "RB-HOSTING". */
  id: string;
  title: Message;
  kind: 'slo' | 'dependency';
  /** The SLO id for an SLO runbook, else null. */
  slo_id: string | null;
  /** The dependency name for a dependency runbook, else null. */
  dependency: Message | null;
  /** Feature ids affected. */
  features: string[];
  /** SLO ids it covers (SLO runbook) or puts at risk (dependency runbook). */
  slos: string[];
  /** Runbook ids to open next (an SLO's dependencies). */
  see: string[];
  symptoms: Message[];
  checks: Message[];
  mitigation: Message[];
  /** Owners to page, in dependency order (SLO runbooks): the template lists them in one sentence
   *  (`sre.runbook.slo.owners`) before `escalation`. */
  owners: Message[];
  escalation: Message[];
}

/** The shared section every runbook refers to. */
export interface SharedRunbook {
  /** First steps for any page. */
  first_steps: Message[];
  /** Platform guidance for the declared hosting. */
  platform: Message[];
  /** Who to involve. */
  escalation: Message[];
}

type Model = DeepReadonly<ProductModel>;
type Hosting = Model['hosting'];

export function sharedRunbook(model: Model, lastEnv: string | null): SharedRunbook {
  const platform = platformAdvice(model.hosting);
  return {
    first_steps: [
      msg('sre.runbook.shared.acknowledge'),
      msg('sre.runbook.shared.channel'),
      lastEnv
        ? msg('sre.runbook.shared.changes_env', { environment: lastEnv })
        : msg('sre.runbook.shared.changes'),
      msg('sre.runbook.shared.budget_left'),
    ],
    platform,
    escalation: [
      msg('sre.runbook.shared.escalate_owner'),
      msg('sre.runbook.shared.status_update'),
      msg('sre.runbook.shared.data_loss'),
      msg('sre.runbook.shared.postmortem'),
    ],
  };
}

/** "On premises in eu-west (k8s)" / "Cloud": the hosting model with its regions and deploy target. */
function where(model: 'on_prem' | 'cloud', h: Hosting): Message {
  const base =
    h.regions.length > 0
      ? msg(`sre.runbook.platform.${model}_in`, { regions: h.regions.join(', ') })
      : msg(`sre.runbook.platform.${model}`);
  return h.deploy_target
    ? msg('sre.runbook.platform.with_target', { where: base, target: h.deploy_target })
    : base;
}

function platformAdvice(h: Hosting): Message[] {
  const regions = h.regions;
  if (h.model === 'on-prem') {
    return [
      msg('sre.runbook.platform.on_prem_capacity', { where: where('on_prem', h) }),
      msg('sre.runbook.platform.drain_node'),
      regions.length > 1
        ? msg('sre.runbook.platform.on_prem_failover', { region: regions[1] ?? '' })
        : msg('sre.runbook.platform.site_outage'),
    ];
  }
  if (h.model === 'cloud' || h.model === 'hybrid') {
    const cloud = [
      regions[0] !== undefined
        ? msg('sre.runbook.platform.status_page', { where: where('cloud', h), region: regions[0] })
        : msg('sre.runbook.platform.status_page_any', { where: where('cloud', h) }),
      regions.length > 1
        ? msg('sre.runbook.platform.region_failover', { region: regions[0] ?? '', region2: regions[1] ?? '' })
        : msg('sre.runbook.platform.zone_failover'),
    ];
    return h.model === 'hybrid' ? [...cloud, msg('sre.runbook.platform.hybrid_on_prem')] : cloud;
  }
  return [msg('sre.runbook.platform.undeclared')];
}

export interface SloFacts {
  id: string;
  name: string;
  /** The objective as formatted for the SLO table ("99.5%", or as written). */
  objective_text: Message;
  window_label: Message | null;
  error_budget: Message | null;
  page_alert: Message | null;
  good_events: string | null;
  measured_at: string | null;
  features: string[];
  dependencies: ModelParticipant[];
  flows_failures: string[];
}

export function sloRunbook(s: SloFacts): Runbook {
  return {
    id: `RB-${s.id}`,
    title: msg('sre.runbook.slo.title', { name: s.name }),
    kind: 'slo',
    slo_id: s.id,
    dependency: null,
    features: [...s.features],
    slos: [s.id],
    see: s.dependencies.map((d) => `RB-${d.id}`),
    symptoms: [
      s.page_alert !== null
        ? msg('sre.runbook.slo.page_fires', { id: s.id, alert: s.page_alert })
        : msg('sre.runbook.slo.below', { id: s.id, objective: s.objective_text }),
      fewerGood(s),
    ],
    checks: [
      s.measured_at !== null
        ? msg('sre.runbook.slo.read_sli', { where: s.measured_at })
        : msg('sre.runbook.slo.find_signal'),
      s.dependencies.length > 0 ? checkDependencies(s) : msg('sre.runbook.slo.no_deps'),
      ...(s.flows_failures.length > 0
        ? [msg('sre.runbook.slo.failure_handling', { flows: s.flows_failures.join(', ') })]
        : []),
    ],
    mitigation: [
      msg('sre.runbook.slo.mitigate'),
      s.error_budget !== null
        ? msg('sre.runbook.slo.budget_spent', { budget: s.error_budget, id: s.id })
        : msg('sre.runbook.slo.budget_unknown'),
    ],
    owners: uniqueOwners(s.dependencies),
    escalation: s.dependencies.length > 0 ? [] : [msg('sre.runbook.slo.service_owner')],
  };
}

function checkDependencies(s: SloFacts): Message {
  const dependencies = s.dependencies.map((d) => `${d.name} (RB-${d.id})`).join(', ');
  return s.features.length > 0
    ? msg('sre.runbook.slo.check_deps', { features: s.features.join(', '), dependencies })
    : msg('sre.runbook.slo.check_deps_product', { dependencies });
}

/** "Fewer than 99.5% of events are good (<good events>) over 28 days." */
function fewerGood(s: SloFacts): Message {
  const parts = (s.good_events ? '_good' : '') + (s.window_label ? '_window' : '');
  return msg(`sre.runbook.slo.fewer${parts}`, {
    objective: s.objective_text,
    ...(s.good_events ? { good: s.good_events } : {}),
    ...(s.window_label ? { window: s.window_label } : {}),
  });
}

/** The owners of the dependencies, each named once (two dependencies can share a name). */
function uniqueOwners(deps: readonly ModelParticipant[]): Message[] {
  const seen = new Set<string>();
  const out: Message[] = [];
  for (const d of deps) {
    const key = `${d.kind === 'external' ? 'e' : 's'}:${d.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(owner(d));
  }
  return out;
}

function owner(p: ModelParticipant): Message {
  return p.kind === 'external'
    ? msg('sre.runbook.owner.integration', { name: p.name })
    : msg('sre.runbook.owner.component', { name: p.name });
}

export function dependencyRunbook(
  p: ModelParticipant,
  slos: string[],
  flows: DeepReadonly<ProductModel['flows']>,
  hosting: Hosting,
): Runbook {
  const mine = flows.filter((f) => f.from === p.id || f.to === p.id);
  const failures = mine
    .filter((f) => f.on_failure !== null)
    .map((f) => ({ flow: f.id, handling: f.on_failure ?? '' }));
  const features = [...new Set(mine.map((f) => f.feature_id))];
  const external = p.kind === 'external';
  return {
    id: `RB-${p.id}`,
    title: msg('sre.runbook.dep.title', { name: p.name }),
    kind: 'dependency',
    slo_id: null,
    dependency: msg('common.verbatim', { text: p.name }),
    features,
    slos,
    see: [],
    symptoms: [
      external ? callsFail(mine.map((f) => f.id)) : queriesFail(p, mine),
      ...(slos.length > 0 ? [msg('sre.runbook.dep.alerts_together', { slos: slos.join(', ') })] : []),
    ],
    checks: external
      ? [
          msg('sre.runbook.dep.external_status', { name: p.name }),
          msg('sre.runbook.dep.external_compare', { name: p.name }),
        ]
      : [
          msg('sre.runbook.dep.store_health', { name: p.name }),
          msg('sre.runbook.dep.store_changes', { name: p.name }),
        ],
    mitigation: [
      ...(failures.length > 0
        ? failures.map((f) => msg('sre.runbook.dep.let_handling_work', f))
        : [msg('sre.runbook.dep.no_handling', { name: p.name })]),
      external ? msg('sre.runbook.dep.queue_calls', { name: p.name }) : storeMitigation(p.name, hosting),
    ],
    owners: [],
    escalation: external
      ? [msg('sre.runbook.dep.support_case', { name: p.name })]
      : [msg('sre.runbook.dep.page_owner', { name: p.name })],
  };
}

function callsFail(flows: readonly string[]): Message {
  return flows.length > 0
    ? msg('sre.runbook.dep.calls_fail', { flows: flows.join(', ') })
    : msg('sre.runbook.dep.calls_fail_any');
}

function queriesFail(p: ModelParticipant, mine: DeepReadonly<ProductModel['flows']>): Message {
  const peers = [...new Set(mine.map((f) => (f.from === p.id ? f.to_name : f.from_name)))];
  return peers.length > 0
    ? msg('sre.runbook.dep.queries_fail', { services: peers.join(', ') })
    : msg('sre.runbook.dep.queries_fail_any');
}

function storeMitigation(name: string, h: Hosting): Message {
  if (h.model === 'on-prem') return msg('sre.runbook.dep.store_on_prem', { name });
  if (h.model === 'cloud' || h.model === 'hybrid')
    return h.regions.length > 1
      ? msg('sre.runbook.dep.store_cloud_region', { name, region: h.regions[1] ?? '' })
      : msg('sre.runbook.dep.store_cloud_zone', { name });
  return msg('sre.runbook.dep.store_restore', { name });
}

export function hostingRunbook(h: Hosting, slos: string[]): Runbook {
  return {
    id: 'RB-HOSTING',
    title: msg('sre.runbook.hosting.title'),
    kind: 'dependency',
    slo_id: null,
    dependency: h.label,
    features: [],
    slos,
    see: [],
    symptoms: [msg('sre.runbook.hosting.symptom')],
    checks: [msg('sre.runbook.hosting.check')],
    mitigation: platformAdvice(h),
    owners: [],
    escalation: [
      h.model === 'on-prem'
        ? msg('sre.runbook.hosting.call_dc')
        : h.model === null
          ? msg('sre.runbook.hosting.call_unknown')
          : msg('sre.runbook.hosting.call_cloud'),
    ],
  };
}
