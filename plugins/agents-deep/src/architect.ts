// studio:architect — the engineering PRD's substance: interfaces from feature flows, the data model from
// entities, non-functional requirements from constraints and SLOs, dependencies, and the rollout path.
import type { AgentContext, AgentDefinition, DeepReadonly, Entity, ReadonlySpec as Spec } from '@studio/sdk';
import { type Detail, detailFor, orderSections } from './lib/emphasis.js';
import { type Dependency, type Participant, dependencies, kindOf, participants } from './lib/participants.js';
import { mentions, uniqueLabels } from './lib/text.js';

/** One operation a component offers, seen in a flow step. */
export interface Operation {
  /** "IF-<n>", stable by flow order. */
  id: string;
  /** Who calls. */
  caller: string;
  /** What is sent, as written. */
  message: string;
  /** Features whose flows use it. */
  features: string[];
}

/** A component (or third party) and the operations others call on it. */
export interface InterfaceView {
  provider: string;
  kind: Participant['kind'];
  operations: Operation[];
}

/** A relation between entities inferred from a `<entity>_id` field. */
export interface Relation {
  from: string;
  field: string;
  to: string;
}

/** One non-functional requirement. */
export interface Nfr {
  /** "NFR-<n>". */
  id: string;
  /** Privacy, Security, Performance, Reliability, Compatibility, Compliance or Constraint. */
  category: string;
  /** The requirement, as written or derived. */
  text: string;
  /** Where it comes from: "constraint", "slo SLO-1", "security". */
  source: string;
}

/** One environment on the rollout path. */
export interface RolloutStage {
  environment: string;
  /** What must hold before promoting into it. */
  entry: string;
  /** What to watch while it runs there. */
  watch: string;
}

/** The view-model under `engineering`. */
export interface EngineeringViewModel {
  detail: Detail;
  /** Section keys in reading order for the audience. */
  sections: ('summary' | 'interfaces' | 'data_model' | 'nfrs' | 'dependencies' | 'rollout')[];
  summary: {
    features: number;
    must: number;
    interfaces: number;
    entities: number;
    critical_dependencies: number;
    environments: number;
  };
  participants: Participant[];
  interfaces: InterfaceView[];
  /** Features with no flow: their interfaces are still to be designed. */
  features_without_flow: { id: string; name: string }[];
  entities: {
    name: string;
    description: string;
    pii_fields: string[];
    required_fields: number;
    field_count: number;
  }[];
  relations: Relation[];
  nfrs: Nfr[];
  dependencies: Dependency[];
  rollout: {
    stages: RolloutStage[];
    milestones: { id: string; name: string; features: string[]; duration_weeks: number | null }[];
  };
}

function interfaces(spec: Spec, all: Participant[]): InterfaceView[] {
  const byProvider = new Map<string, InterfaceView>();
  let n = 0;
  for (const feature of spec.features) {
    for (const step of feature.flow) {
      // Only systems offer interfaces; a message to a person is a notification, listed under its sender.
      const kind = kindOf(all, step.to);
      if (kind === 'actor') continue;
      const key = step.to.trim().toLowerCase();
      let view = byProvider.get(key);
      if (view === undefined) {
        view = { provider: step.to.trim(), kind, operations: [] };
        byProvider.set(key, view);
      }
      const existing = view.operations.find(
        (o) => o.message === step.message && o.caller === step.from.trim(),
      );
      if (existing !== undefined) {
        if (!existing.features.includes(feature.id)) existing.features.push(feature.id);
        continue;
      }
      n += 1;
      view.operations.push({
        id: `IF-${n}`,
        caller: step.from.trim(),
        message: step.message,
        features: [feature.id],
      });
    }
  }
  return [...byProvider.values()];
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/gu, '');
}

function relations(entities: readonly DeepReadonly<Entity>[]): Relation[] {
  const out: Relation[] = [];
  for (const e of entities) {
    for (const f of e.fields) {
      const m = /^(.+?)[_-]?id$/iu.exec(f.name);
      if (m === null || f.name.toLowerCase() === 'id') continue;
      const target = entities.find((t) => squash(t.name) === squash(m[1] ?? ''));
      if (target !== undefined) out.push({ from: e.name, field: f.name, to: target.name });
    }
  }
  return out;
}

const CATEGORIES: [string, string[]][] = [
  [
    'Privacy',
    ['personal', 'privacy', 'pii', 'gdpr', 'delete', 'retention', 'consent', 'phone number', 'anonym'],
  ],
  ['Security', ['security', 'encrypt', 'card data', 'secret', 'auth', 'password', 'token', 'signed', 'pci']],
  ['Data integrity', ['integer', 'rounding', 'currency', 'minor units', 'precision', 'consisten']],
  ['Compliance', ['regulat', 'audit', 'comply', 'compliance', 'law', 'hipaa', 'sox']],
  ['Performance', ['latency', 'within', 'second', 'millisecond', ' ms', 'fast', 'throughput', 'per minute']],
  ['Compatibility', ['browser', 'tablet', 'device', 'mobile', 'ios', 'android', 'platform', 'offline']],
];

function categorize(text: string): string {
  return CATEGORIES.find(([, words]) => mentions(` ${text} `, words))?.[0] ?? 'Constraint';
}

function nfrs(spec: Spec): Nfr[] {
  const out: Omit<Nfr, 'id'>[] = [];
  for (const c of spec.constraints) out.push({ category: categorize(c), text: c, source: 'constraint' });
  for (const s of spec.ops.slos) {
    out.push({
      category: 'Reliability',
      text: `${s.name}: ${s.sli}, ${s.objective} over ${s.window}.`,
      source: `slo ${s.id}`,
    });
  }
  if (spec.security.data_classification !== null) {
    out.push({
      category: 'Security',
      text: `Data is classified "${spec.security.data_classification}": encrypt it in transit and at rest, and restrict access to the roles that need it.`,
      source: 'security',
    });
  }
  const pii = spec.entities.flatMap((e) => e.fields.filter((f) => f.pii).map((f) => `${e.name}.${f.name}`));
  if (pii.length > 0) {
    out.push({
      category: 'Privacy',
      text: `Personal data fields (${pii.join(', ')}) are never written to logs, analytics or error reports in clear.`,
      source: 'entities',
    });
  }
  return out.map((n, i) => ({ id: `NFR-${i + 1}`, ...n }));
}

function rollout(spec: Spec): EngineeringViewModel['rollout'] {
  const envs = spec.ops.environments;
  const steps = spec.ops.ci?.steps ?? [];
  const gate =
    steps.length > 0 ? `CI (${steps.join(', ')}) passes on the commit` : 'the change is reviewed and tested';
  const slos = spec.ops.slos.map((s) => s.id);
  const stages = envs.map((env, i): RolloutStage => {
    const first = i === 0;
    const last = i === envs.length - 1;
    return {
      environment: env,
      entry: first
        ? `${gate}.`
        : `it has run in ${envs[i - 1]} without new alerts and its smoke checks pass.`,
      watch:
        last && slos.length > 0
          ? `Burn-rate alerts for ${slos.join(', ')}; roll back on a page.`
          : 'Error logs, failed smoke checks and the metrics listed in observability.md.',
    };
  });
  const milestones = spec.milestones.map((m) => ({
    id: m.id,
    name: m.name,
    features: [...m.deliverables],
    duration_weeks: m.duration_weeks,
  }));
  return { stages, milestones };
}

function run(ctx: AgentContext): EngineeringViewModel {
  const spec = ctx.spec;
  const detail = detailFor(spec.dials.audience);
  const all = participants(spec);
  const ifs = interfaces(spec, all);
  const deps = dependencies(spec);
  const labels = uniqueLabels(spec.entities.map((e) => e.name));
  return {
    detail,
    sections: orderSections(
      detail,
      ['summary', 'interfaces', 'data_model', 'nfrs', 'dependencies', 'rollout'],
      ['summary', 'rollout', 'nfrs', 'dependencies', 'interfaces', 'data_model'],
    ),
    summary: {
      features: spec.features.length,
      must: spec.features.filter((f) => f.priority === 'must').length,
      interfaces: ifs.reduce((n, i) => n + i.operations.length, 0),
      entities: spec.entities.length,
      critical_dependencies: deps.filter((d) => d.critical).length,
      environments: spec.ops.environments.length,
    },
    participants: all,
    interfaces: ifs,
    features_without_flow: spec.features
      .filter((f) => f.flow.length === 0)
      .map((f) => ({ id: f.id, name: f.name })),
    entities: spec.entities.map((e, i) => ({
      name: e.name,
      label: labels[i] ?? e.name,
      description: e.description,
      pii_fields: e.fields.filter((f) => f.pii).map((f) => f.name),
      required_fields: e.fields.filter((f) => f.required).length,
      field_count: e.fields.length,
    })),
    relations: relations(spec.entities),
    nfrs: nfrs(spec),
    dependencies: deps,
    rollout: rollout(spec),
  };
}

const agent: AgentDefinition<EngineeringViewModel> = {
  id: 'studio:architect',
  produces: 'engineering',
  description:
    'Interfaces, data model, non-functional requirements, dependencies and rollout for the engineering PRD.',
  run,
};

export default agent;
