// studio:architect — the engineering PRD's substance: interfaces from feature flows, the data model from
// entities, non-functional requirements from constraints and SLOs, dependencies, and the rollout path.
import type {
  AgentContext,
  AgentDefinition,
  DeepReadonly,
  Entity,
  ProductModel,
  ReadonlySpec,
} from '@studio/sdk';
import { type Detail, detailFor, orderSections } from './lib/emphasis.js';
import { uniqueLabels } from './lib/text.js';

type Model = DeepReadonly<ProductModel>;

/** A participant as the engineering PRD lists it (kind as declared in the Decision Sheet). */
export interface Participant {
  name: string;
  kind: string;
  zone: string;
  features: string[];
}

/** Something the product needs at run time or build time. */
export interface Dependency {
  name: string;
  /** external system, data store, hosting, language, framework. */
  kind: string;
  /** Whether an outage of it takes a feature or an SLO down (it then has a runbook). */
  critical: boolean;
  features: string[];
  /** Its runbook id, or null. */
  runbook: string | null;
}

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
  /** The declared answer, or null. */
  reply: string | null;
  /** The declared failure handling (the error path), or null. */
  on_failure: string | null;
  /** Data-flow id in the product model. */
  flow: string;
  /** Trust boundary it crosses, or null. */
  boundary: string | null;
}

/** A component (or third party) and the operations others call on it. */
export interface InterfaceView {
  provider: string;
  kind: Participant['kind'];
  operations: Operation[];
}

/** A relation between entities, from a field's declared `references`. */
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

type Spec = ReadonlySpec;

function interfaces(model: Model): InterfaceView[] {
  const byProvider = new Map<string, InterfaceView>();
  let n = 0;
  const participantById = new Map(model.participants.map((p) => [p.id, p]));
  for (const f of model.flows) {
    const to = participantById.get(f.to)!;
    // People receive messages but offer no interface of ours to design.
    if (to.kind === 'person') continue;
    let view = byProvider.get(to.id);
    if (view === undefined) {
      view = { provider: to.name, kind: to.kind_label, operations: [] };
      byProvider.set(to.id, view);
    }
    n += 1;
    view.operations.push({
      id: `IF-${n}`,
      caller: f.from_name,
      message: f.message,
      features: [f.feature_id],
      reply: f.reply,
      on_failure: f.on_failure,
      flow: f.id,
      boundary: f.boundary,
    });
  }
  return [...byProvider.values()];
}

function relations(entities: readonly DeepReadonly<Entity>[]): Relation[] {
  return entities.flatMap((e) =>
    e.fields
      .filter((f) => f.references !== null)
      .map((f) => ({ from: e.name, field: f.name, to: f.references! })),
  );
}

function dependencies(spec: Spec, model: Model): Dependency[] {
  const out: Dependency[] = model.participants
    .filter((p) => p.kind === 'external' || p.kind === 'datastore')
    .map((p) => ({
      name: p.name,
      kind: p.kind_label,
      critical: true,
      features: [...p.features],
      runbook: `RB-${p.id}`,
    }));
  out.push({
    name: model.hosting.label,
    kind: 'hosting',
    critical: true,
    features: [],
    runbook: 'RB-HOSTING',
  });
  for (const l of model.languages)
    out.push({ name: l.name, kind: 'language', critical: false, features: [], runbook: null });
  for (const f of spec.stack.frameworks)
    out.push({ name: f, kind: 'framework', critical: false, features: [], runbook: null });
  return out;
}

function nfrs(spec: Spec): Nfr[] {
  const out: Omit<Nfr, 'id'>[] = [];
  // Constraints keep the category the author gave them (none): only the model's ids are added.
  spec.constraints.forEach((c, i) =>
    out.push({ category: 'Constraint', text: c, source: `C-${i + 1}, verified by TC-C-${i + 1}` }),
  );
  for (const s of spec.ops.slos) {
    out.push({
      category: 'Reliability',
      text: `${s.name}: ${s.sli}, ${s.objective} over ${s.window}.`,
      source: `${s.id}, verified by TC-${s.id}`,
    });
  }
  if (spec.security.data_classification !== null) {
    out.push({
      category: 'Security',
      text: `Data is classified "${spec.security.data_classification}": encrypt it in transit and at rest, and restrict access to the roles that need it.`,
      source: 'security',
    });
  }
  const classified = spec.entities.flatMap((e) =>
    e.fields
      .filter((f) => f.classification !== 'none')
      .map((f) => `${e.name}.${f.name} (${f.classification})`),
  );
  if (classified.length > 0) {
    out.push({
      category: 'Privacy',
      text: `Classified fields (${classified.join(', ')}) are never written to logs, analytics or error reports in clear.`,
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
  const model = ctx.inputs.model as Model;
  const detail = detailFor(spec.dials.audience);
  const all: Participant[] = model.participants.map((p) => ({
    name: p.name,
    kind: p.kind_label,
    zone: p.zone,
    features: [...p.features],
  }));
  const ifs = interfaces(model);
  const deps = dependencies(spec, model);
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
      pii_fields: e.fields.filter((f) => f.pii || f.classification !== 'none').map((f) => f.name),
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
  needs: ['model'],
  description:
    'Interfaces, data model, non-functional requirements, dependencies and rollout for the engineering PRD.',
  run,
};

export default agent;
