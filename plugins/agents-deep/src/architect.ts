// studio:architect — the engineering PRD's substance: interfaces from feature flows, the data model from
// entities, non-functional requirements from constraints and SLOs, dependencies, and the rollout path.
import {
  type AgentContext,
  type AgentDefinition,
  type DeepReadonly,
  type Entity,
  type ProductModel,
  type ReadonlySpec as Spec,
  zoneMessage,
} from '@studio/sdk';
import { type Detail, detailFor, orderSections } from './lib/emphasis.js';
import { type Message, msg } from './lib/message.js';
import { uniqueLabels } from './lib/text.js';

type Model = DeepReadonly<ProductModel>;

/** A participant as the engineering PRD lists it (kind as declared in the Decision Sheet). */
export interface Participant {
  name: string;
  /** The declared kind in words (message `threats.kind.<kind>`). */
  kind: Message;
  /** Its trust zone in words. */
  zone: Message;
  features: string[];
}

/** Something the product needs at run time or build time. */
export interface Dependency {
  /** Its name as declared (passed through verbatim), or "not declared" for undeclared hosting. */
  name: Message;
  /** external system, data store, hosting, language, framework (message). */
  kind: Message;
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
  /** Privacy, Security, Reliability or Constraint (message `architect.nfr.<category>`). */
  category: Message;
  /** The requirement, as written or derived. */
  text: Message;
  /** Where it comes from: "C-1, verified by TC-C-1", "security", "entities". */
  source: Message;
}

/** One environment on the rollout path. */
export interface RolloutStage {
  environment: string;
  /** What must hold before promoting into it. */
  entry: Message;
  /** What to watch while it runs there. */
  watch: Message;
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

const kindOf = (kind: string): Message => msg(`threats.kind.${kind}`);

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
      view = { provider: to.name, kind: kindOf(to.kind), operations: [] };
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
      name: msg('common.verbatim', { text: p.name }),
      kind: kindOf(p.kind),
      critical: true,
      features: [...p.features],
      runbook: `RB-${p.id}`,
    }));
  out.push({
    name: model.hosting.label,
    kind: msg('architect.dependency.hosting'),
    critical: true,
    features: [],
    runbook: 'RB-HOSTING',
  });
  for (const l of model.languages)
    out.push({
      name: msg('common.verbatim', { text: l.name }),
      kind: msg('architect.dependency.language'),
      critical: false,
      features: [],
      runbook: null,
    });
  for (const f of spec.stack.frameworks)
    out.push({
      name: msg('common.verbatim', { text: f }),
      kind: msg('architect.dependency.framework'),
      critical: false,
      features: [],
      runbook: null,
    });
  return out;
}

function nfrs(spec: Spec): Nfr[] {
  const out: Omit<Nfr, 'id'>[] = [];
  // Constraints keep the category the author gave them (none): only the model's ids are added.
  spec.constraints.forEach((c, i) =>
    out.push({
      category: msg('architect.nfr.constraint'),
      text: msg('architect.as_written', { text: c }),
      source: msg('architect.source.verified', { id: `C-${i + 1}`, test: `TC-C-${i + 1}` }),
    }),
  );
  for (const s of spec.ops.slos) {
    out.push({
      category: msg('architect.nfr.reliability'),
      text: msg('architect.nfr.slo', { name: s.name, sli: s.sli, objective: s.objective, window: s.window }),
      source: msg('architect.source.verified', { id: s.id, test: `TC-${s.id}` }),
    });
  }
  if (spec.security.data_classification !== null) {
    out.push({
      category: msg('architect.nfr.security'),
      text: msg('architect.nfr.classified_data', { classification: spec.security.data_classification }),
      source: msg('architect.source.security'),
    });
  }
  const classified = spec.entities.flatMap((e) =>
    e.fields
      .filter((f) => f.classification !== 'none')
      .map((f) => `${e.name}.${f.name} (${f.classification})`),
  );
  if (classified.length > 0) {
    out.push({
      category: msg('architect.nfr.privacy'),
      text: msg('architect.nfr.classified_fields', { fields: classified.join(', ') }),
      source: msg('architect.source.entities'),
    });
  }
  return out.map((n, i) => ({ id: `NFR-${i + 1}`, ...n }));
}

function rollout(spec: Spec): EngineeringViewModel['rollout'] {
  const envs = spec.ops.environments;
  const steps = spec.ops.ci?.steps ?? [];
  const gate =
    steps.length > 0
      ? msg('architect.rollout.ci_passes', { steps: steps.join(', ') })
      : msg('architect.rollout.reviewed');
  const slos = spec.ops.slos.map((s) => s.id);
  const stages = envs.map((env, i): RolloutStage => {
    const first = i === 0;
    const last = i === envs.length - 1;
    return {
      environment: env,
      entry: first ? gate : msg('architect.rollout.ran_in', { environment: envs[i - 1] ?? '' }),
      watch:
        last && slos.length > 0
          ? msg('architect.rollout.watch_slos', { slos: slos.join(', ') })
          : msg('architect.rollout.watch'),
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
    kind: kindOf(p.kind),
    zone: zoneMessage(p),
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
