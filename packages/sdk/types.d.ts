// The public contracts of Spec-to-Pack Studio, in one type-only module.
// The host, first-party plugins and third-party plugins all code against these and nothing else.

/* ------------------------------------------------------------------ Source Spec */

/** Priority of a feature, MoSCoW. */
export type Priority = 'must' | 'should' | 'could' | 'wont';
/** Three-step scale for risk likelihood and impact. */
export type Level = 'low' | 'medium' | 'high';
/** Audience dial: who the pack is written for. */
export type AudienceDial = 'Balanced' | 'Engineering' | 'Executive';
/** Flow dial: how the roadmap is shaped. */
export type FlowDial = 'Dual-Track' | 'Scrum' | 'Kanban';
/** Test dial: the mix of test levels in the test plan. */
export type TestDial = 'Pyramid' | 'Trophy' | 'Diamond';
/** Field types an entity may declare. */
export type FieldType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date'
  | 'date-time'
  | 'email'
  | 'uuid'
  | 'enum';

/** A group of users and what they need. */
export interface AudienceSegment {
  /** Who they are, e.g. "Front-desk staff". */
  name: string;
  /** What they need from the product (may be empty). */
  needs: string[];
}

/** One acceptance criterion with its stable id (e.g. "F-1-AC-2"). */
export interface AcceptanceCriterion {
  /** Stable id, `<feature id>-AC-<n>` unless the author gave one. */
  id: string;
  /** The criterion, as written. */
  text: string;
  /** The test level the team declared, or null (the test plan then states its default). */
  level: TestLevel | null;
}

/** A test level an acceptance criterion may be proved at. */
export type TestLevel = 'unit' | 'integration' | 'e2e';

/** One step of a feature's interaction flow (becomes a sequence-diagram message). */
export interface FlowStep {
  /** Participant that sends. */
  from: string;
  /** Participant that receives. */
  to: string;
  /** What is sent. */
  message: string;
  /** The receiver's answer, or null. */
  reply: string | null;
  /** What happens when this step fails, or null. */
  on_failure: string | null;
}

/** A feature of the product. */
export interface Feature {
  /** Stable id, F-1… when the author gave none. */
  id: string;
  /** Short name. */
  name: string;
  /** What it does. */
  description: string;
  /** MoSCoW priority. */
  priority: Priority;
  /** Acceptance criteria, at least one (Framer-lite fills a placeholder). */
  acceptance: AcceptanceCriterion[];
  /** Ordered interaction steps; empty when the feature has no flow. */
  flow: FlowStep[];
}

/** A success metric. */
export interface Metric {
  /** What is measured. */
  name: string;
  /** The target, as written ("< 15 min"). */
  target: string;
  /** Measurement window, or null. */
  window: string | null;
}

/** A product or delivery risk. */
export interface Risk {
  /** Stable id, R-1… when the author gave none. */
  id: string;
  /** What could go wrong. */
  description: string;
  /** How likely. */
  likelihood: Level;
  /** How bad. */
  impact: Level;
  /** What reduces it. */
  mitigation: string;
}

/** The three dials that shape a pack. */
export interface Dials {
  /** Depth and emphasis of documents. */
  audience: AudienceDial;
  /** Shape of the roadmap. */
  flow: FlowDial;
  /** Mix of test levels. */
  test: TestDial;
}

/** An architecture decision (becomes an ADR). */
export interface Decision {
  /** Stable id, ADR-0001… when the author gave none. */
  id: string;
  /** Short title. */
  title: string;
  /** Lifecycle status. */
  status: 'proposed' | 'accepted' | 'superseded';
  /** Forces at play. */
  context: string;
  /** What was chosen. */
  choice: string;
  /** Options considered and not chosen. */
  alternatives: string[];
  /** What follows from the choice. */
  consequences: string[];
  /** When it was decided, YYYY-MM-DD, or null. */
  date: string | null;
  /** Who decides. */
  deciders: string[];
  /** Decision drivers. */
  drivers: string[];
  /** Good, because… (of the chosen option). */
  pros: string[];
  /** Bad, because… (of the chosen option). */
  cons: string[];
}

/** The technology stack. */
export interface Stack {
  /** Programming languages. */
  languages: string[];
  /** Frameworks and major libraries. */
  frameworks: string[];
  /** Databases, caches, queues. */
  datastores: string[];
  /** Where it runs, or null. */
  hosting: string | null;
  /** cloud, on-prem or hybrid; null when not declared. */
  hosting_model: 'cloud' | 'on-prem' | 'hybrid' | null;
  /** Regions or data centres, in failover order. */
  regions: string[];
  /** What releases deploy to (Kubernetes, managed containers…), or null. */
  deploy_target: string | null;
}

/** What a flow participant is, as the Decision Sheet declares it. */
export type ParticipantKind = 'person' | 'internal' | 'external' | 'datastore';

/** A flow participant, declared once. */
export interface Participant {
  /** Name as the flows write it (matched case-insensitively). */
  name: string;
  /** person, internal service, external system or datastore. */
  kind: ParticipantKind;
  /** Trust zone, or null (a default by kind applies). */
  zone: string | null;
  /** Language of an internal service, or null. */
  language: string | null;
  /** Main framework of an internal service, or null. */
  framework: string | null;
  /** What it is, or null. */
  description: string | null;
}

/** Data classification of an entity field. */
export type DataClass = 'none' | 'PII' | 'PHI' | 'PCI';

/** One declared lifecycle transition; "[start]" / "[end]" mark creation and exit. */
export interface Transition {
  /** State before. */
  from: string;
  /** State after. */
  to: string;
  /** What moves it. */
  event: string;
}

/** A metric with its declared instrument type. */
export interface Instrument {
  /** Metric name. */
  name: string;
  /** counter, gauge or histogram; null when only the name was given. */
  type: 'counter' | 'gauge' | 'histogram' | null;
  /** What it measures, or null. */
  description: string | null;
}

/** One field of an entity. */
export interface EntityField {
  /** Field name as written. */
  name: string;
  /** Field type. */
  type: FieldType;
  /** Whether the field must be present. */
  required: boolean;
  /** Allowed values when type is enum, else empty. */
  values: string[];
  /** Whether the field holds personal data. */
  pii: boolean;
  /** Data classification (PII when only `pii` was given). */
  classification: DataClass;
  /** Regular expression for string values, or null. */
  pattern: string | null;
  /** Smallest allowed value, or null. */
  minimum: number | null;
  /** Largest allowed value, or null. */
  maximum: number | null;
  /** Longest string, or null. */
  max_length: number | null;
  /** Declared example value, or null. */
  example: string | number | boolean | null;
  /** Name of the referenced entity, or null. */
  references: string | null;
}

/** A domain entity (becomes a data contract). */
export interface Entity {
  /** Name, e.g. "Patient". */
  name: string;
  /** What it represents. */
  description: string;
  /** Its fields, in the author's order. */
  fields: EntityField[];
  /** Declared lifecycle transitions, in order. */
  transitions: Transition[];
}

/** A service level objective. */
export interface Slo {
  /** Stable id, SLO-1… when the author gave none. */
  id: string;
  /** Name. */
  name: string;
  /** The service level indicator, in words. */
  sli: string;
  /** The objective as written, e.g. "99.9%". */
  objective: string;
  /** The window as written, e.g. "30d". */
  window: string;
  /** SLI specification: events that count as good, or null. */
  good_events: string | null;
  /** SLI specification: events that count at all, or null. */
  valid_events: string | null;
  /** SLI implementation: where the events are counted, or null. */
  measured_at: string | null;
  /** Feature ids it covers; empty means the whole product. */
  features: string[];
}

/** Operations: CI, environments, SLOs, observability. */
export interface Ops {
  /** The CI pipeline, or null when none is described. */
  ci: { provider: string; runtime: string; steps: string[] } | null;
  /** Deployment environments, in order of promotion. */
  environments: string[];
  /** Service level objectives. */
  slos: Slo[];
  /** Logs, metrics and traces. */
  observability: { logs: string | null; metrics: string[]; traces: boolean; instruments: Instrument[] };
}

/** Security posture. */
export interface Security {
  /** Classification of the data handled, or null. */
  data_classification: string | null;
  /** Threats the team has put in scope (names). */
  threats_in_scope: string[];
  /** The same threats with what was declared about them. */
  threats: ScopedThreat[];
}

/** The six STRIDE categories. */
export type StrideCategory =
  | 'Spoofing'
  | 'Tampering'
  | 'Repudiation'
  | 'Information disclosure'
  | 'Denial of service'
  | 'Elevation of privilege';

/** A threat in scope with its declared STRIDE categories (empty when only a name was given). */
export interface ScopedThreat {
  /** The threat. */
  name: string;
  /** Declared STRIDE categories. */
  categories: StrideCategory[];
  /** Targeted participant or entity, or null. */
  target: string | null;
  /** Planned control, or null. */
  mitigation: string | null;
}

/** A delivery milestone. */
export interface Milestone {
  /** Stable id, M-1… by position. */
  id: string;
  /** Name. */
  name: string;
  /** What it achieves. */
  goal: string;
  /** Planned length in weeks, or null. */
  duration_weeks: number | null;
  /** Feature ids delivered. */
  deliverables: string[];
}

/** A placeholder Framer-lite put in, listed as an open question. */
export interface OpenQuestion {
  /** JSON pointer of the filled field in the Source Spec. */
  pointer: string;
  /** The question the team must answer. */
  question: string;
  /** The placeholder text now standing in the spec. */
  placeholder: string;
}

/** Facts about the spec itself. */
export interface SpecMeta {
  /** Semver of the Source Spec format. */
  spec_version: string;
  /** BCP 47 locale of the documents. */
  locale: string;
  /** The engine that built the spec, "spec-to-pack-studio <version>". */
  generator: string;
}

/** The validated, normalized merge of an Idea Card and a Decision Sheet. Every optional input
 *  is present here with an explicit empty value, so templates never meet a missing name. */
export interface SourceSpec {
  meta: SpecMeta;
  title: string;
  one_liner: string;
  problem: string;
  audience: AudienceSegment[];
  goals: string[];
  non_goals: string[];
  features: Feature[];
  metrics: Metric[];
  constraints: string[];
  assumptions: string[];
  risks: Risk[];
  dials: Dials;
  decisions: Decision[];
  stack: Stack;
  entities: Entity[];
  ops: Ops;
  security: Security;
  milestones: Milestone[];
  /** Placeholders filled by Framer-lite, in spec order. */
  open_questions: OpenQuestion[];
  /** Flow participants declared with kind and trust zone (empty when none were declared). */
  participants: Participant[];
}

/** Deeply read-only view: agents receive the spec frozen. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/* ------------------------------------------------------------------ Product model */
// One reading of the spec that every built-in agent derives its document from (the agent
// "studio:product-model" produces it under the key `model`; declare `needs: ['model']` to read it).
// Documents cite each other through the ids defined here, so they cannot disagree.

/** A flow participant as the model sees it: declared, or marked undeclared (never guessed). */
export interface ModelParticipant {
  /** Stable id, P-1… in order of declaration, then of first appearance in a flow. */
  id: string;
  /** Name as declared (or as first written in a flow). */
  name: string;
  /** Declared kind, or "undeclared" (an open question names it). */
  kind: ParticipantKind | 'undeclared';
  /** The kind in words: person, internal service, external system, data store, undeclared. */
  kind_label: string;
  /** STRIDE element type: external entity, process, data store (undeclared: unknown). */
  element_type: 'external entity' | 'process' | 'data store' | 'unknown';
  /** Trust zone, declared or the stated default for its kind. */
  zone: string;
  /** Whether the zone was declared. */
  zone_declared: boolean;
  /** Language of an internal service (declared, or the only stack language), else null. */
  language: string | null;
  /** Main framework, or null. */
  framework: string | null;
  /** What it is, or null. */
  description: string | null;
  /** Ids of features whose flows include it. */
  features: string[];
  /** False when a flow names it but the Decision Sheet does not declare it. */
  declared: boolean;
}

/** One data flow: one step of a feature flow. */
export interface ModelFlow {
  /** Stable id, <feature id>-DF-<n>. */
  id: string;
  /** Feature id. */
  feature_id: string;
  /** Sender participant id. */
  from: string;
  /** Receiver participant id. */
  to: string;
  /** Sender name. */
  from_name: string;
  /** Receiver name. */
  to_name: string;
  /** What is sent. */
  message: string;
  /** The answer, or null. */
  reply: string | null;
  /** What happens on failure, or null. */
  on_failure: string | null;
  /** Trust boundary id when sender and receiver sit in different zones, else null. */
  boundary: string | null;
}

/** A trust boundary: the line between two zones that at least one flow crosses. */
export interface ModelBoundary {
  /** Stable id, TB-1… */
  id: string;
  /** The two zones, in order of first crossing. */
  zones: [string, string];
  /** Ids of the flows that cross it. */
  flows: string[];
}

/** A classified entity field (classification other than none). */
export interface ModelDataField {
  /** Entity name. */
  entity: string;
  /** Field name. */
  field: string;
  /** Field type. */
  type: FieldType;
  /** PII, PHI or PCI. */
  classification: Exclude<DataClass, 'none'>;
  /** Whether the field is required. */
  required: boolean;
}

/** A milestone on the one timeline every document uses. */
export interface ModelMilestone {
  /** Milestone id. */
  id: string;
  /** Name. */
  name: string;
  /** What it achieves. */
  goal: string;
  /** Weeks, declared or the stated default. */
  weeks: number;
  /** True when `weeks` is the default. */
  weeks_assumed: boolean;
  /** First week, 1-based. */
  start_week: number;
  /** Last week, inclusive. */
  end_week: number;
  /** Feature ids delivered (won't-haves never counted). */
  deliverables: string[];
}

/** A threat, from STRIDE per element, from the team's scope, or from a decision or constraint. */
export interface ModelThreat {
  /** Stable id, TH-1… */
  id: string;
  /** Id of the element it concerns: participant, flow, ADR or constraint id. */
  element: string;
  /** The element in words (names are passed through verbatim). */
  element_label: Message;
  /** What kind of element: external entity, process, data store, data flow, decision, constraint. */
  element_type: string;
  /** STRIDE category, or null for a design obligation or an undeclared scoped threat. */
  category: StrideCategory | null;
  /** What can go wrong. */
  threat: Message;
  /** The planned control. */
  mitigation: Message;
  /** Likelihood, from exposure. */
  likelihood: Level;
  /** Impact, from the data classification and the category. */
  impact: Level;
  /** High, Medium or Low (likelihood × impact). */
  rating: 'High' | 'Medium' | 'Low';
  /** Mitigate or Accept. */
  treatment: 'Mitigate' | 'Accept';
  /** Who owns the control (a role derived from the element). */
  owner: Message;
  /** Open (control to build) or Accepted. */
  status: 'Open' | 'Accepted';
  /** Id of the test case that verifies the control. */
  verification: string;
  /** stride, scope, decision or constraint. */
  source: 'stride' | 'scope' | 'decision' | 'constraint';
}

/** A test case the model defines so other documents can cite it before the test plan lists it. */
export interface ModelTestRef {
  /** Stable id: TC-SEC-<element>, TC-C-<n>, TC-ADR-<n>, TC-SLO-<n>, TC-A11Y-<feature>. */
  id: string;
  /** What it proves, in words. */
  title: Message;
  /** security, constraint, decision, slo or accessibility. */
  kind: 'security' | 'constraint' | 'decision' | 'slo' | 'accessibility';
  /** Ids it verifies (threats, a constraint, an SLO, a feature). */
  verifies: string[];
  /** Level chosen from what it needs. */
  level: TestLevel;
}

/** A question the documents must not answer by guessing. */
export interface ModelQuestion {
  /** Stable id, Q-1… */
  id: string;
  /** What it is about (an id or a name). */
  about: string;
  /** The question (print with the `t` filter). */
  question: Message;
  /** Why it matters / what the documents assume meanwhile (print with `t`). */
  meanwhile: Message;
}

/** The product model every built-in agent derives from. */
export interface ProductModel {
  /** Participants, declared first (in declaration order), then undeclared ones. */
  participants: ModelParticipant[];
  /** Trust zones in order of first appearance, with their participant ids. */
  zones: { name: string; participants: string[] }[];
  /** Every data flow, feature by feature. */
  flows: ModelFlow[];
  /** Trust boundaries crossed by flows. */
  boundaries: ModelBoundary[];
  /** Classified fields, entity by entity. */
  classified_fields: ModelDataField[];
  /** Data classes present, in the order PHI, PCI, PII. */
  data_classes: Exclude<DataClass, 'none'>[];
  /** Hosting as declared. */
  hosting: {
    model: 'cloud' | 'on-prem' | 'hybrid' | null;
    /** Where it runs, as declared, or "not declared". */
    label: Message;
    regions: string[];
    deploy_target: string | null;
  };
  /** Languages with the internal services written in each. */
  languages: { name: string; components: string[] }[];
  /** The one timeline. */
  timeline: {
    milestones: ModelMilestone[];
    total_weeks: number;
    unscheduled: string[];
    excluded: string[];
  };
  /** Constraints with ids C-1… */
  constraints: { id: string; text: string }[];
  /** Assumptions with ids A-1… */
  assumptions: { id: string; text: string }[];
  /** Threats. */
  threats: ModelThreat[];
  /** Test cases beyond acceptance criteria, defined here so every document cites the same ids. */
  tests: ModelTestRef[];
  /** Open questions: placeholders, undeclared facts, proposed decisions, unscheduled features. */
  questions: ModelQuestion[];
}
/** The Source Spec as agents and the host's later stages see it: frozen, deeply read-only. */
export type ReadonlySpec = DeepReadonly<SourceSpec>;

/* ------------------------------------------------------------------ Agents */

/** What an agent receives. Agents are pure: no I/O, no clock, no randomness. */
export interface AgentContext {
  /** The frozen Source Spec. */
  spec: ReadonlySpec;
  /** Locale of this run (BCP 47). */
  locale: string;
  /** View-models of agents this one `needs`, keyed by their `produces` key. Frozen. */
  inputs: Readonly<Record<string, unknown>>;
  /** The evidence snapshot of `generate --evidence <dir>` (without `retrieved_at`), given to the Research
   *  stage's agent only; absent in every other call. */
  evidence?: DeepReadonly<AgentEvidence>;
}

/* ------------------------------------------------------------------ Evidence (Research stage) */

/** Where a chunk comes from. `retrieved_at` exists only in the snapshot file, never in generated documents. */
export interface EvidenceProvenance {
  /** The URL fetched, or the local file's path relative to where research ran (POSIX). */
  source_url: string;
  /** UTC ISO time the source was read. */
  retrieved_at: string;
  /** Stable id of the chunk: `<12 hex of sha256(source_url)>-<3-digit index>`. */
  chunk_id: string;
  /** sha256 (hex) of the chunk's text. */
  sha256: string;
}

/** One chunk of source text with its provenance. */
export interface EvidenceChunk extends EvidenceProvenance {
  /** The chunk's text (whitespace collapsed). */
  text: string;
}

/** The chunks retrieved for one feature, risk or metric of the spec, best first. */
export interface EvidenceQuery {
  /** Which spec collection the target belongs to. */
  kind: 'feature' | 'risk' | 'metric';
  /** Feature or risk id, or the metric's name. */
  target: string;
  /** The query text sent to the store. */
  query: string;
  /** Hits, best first: chunk ids and their scores (rounded to 4 decimals). */
  hits: { chunk_id: string; score: number }[];
}

/** `snapshot.json` written by `studio research` and read by `generate --evidence <dir>`. */
export interface EvidenceSnapshot {
  /** Format version of the snapshot file. */
  snapshot_version: 1;
  /** Which ranking ran: "lexical" (full-text index) or "embedding" (a local embedding model). */
  ranking: 'lexical' | 'embedding';
  /** One line naming the ranking, e.g. "lexical (LanceDB full-text index, BM25)". */
  ranking_detail: string;
  /** The sources read, and the ones skipped with the reason. */
  sources: {
    source_url: string;
    retrieved_at: string;
    /** "file", "http" (plain HTTP) or "browser" (rendered with Chromium). */
    via: 'file' | 'http' | 'browser';
    /** sha256 of the extracted text. */
    sha256: string;
    /** Tokens (whitespace-separated words) kept, at most the per-document cap. */
    tokens: number;
    /** Whether the text was cut at the per-document cap. */
    truncated: boolean;
  }[];
  skipped: { source_url: string; reason: string }[];
  chunks: EvidenceChunk[];
  queries: EvidenceQuery[];
}

/** What the Research stage's agent sees: the snapshot without retrieval times. */
export interface AgentEvidence {
  ranking: EvidenceSnapshot['ranking'];
  ranking_detail: string;
  chunks: Omit<EvidenceChunk, 'retrieved_at'>[];
  queries: EvidenceQuery[];
}

/** The part of the Research agent's view-model the host checks: every `[E-n]` a document prints must be
 *  one of these, and each must name a chunk of the snapshot. Templates see the whole view-model as
 *  `evidence` (null in runs without evidence). */
export interface EvidenceViewModel {
  /** Citation labels ("E-1", …) and the chunk each points to. */
  citations: { id: string; chunk_id: string }[];
}

/** An agent: a deterministic function from the spec to a view-model templates read. */
export interface AgentDefinition<VM = unknown> {
  /** Prefixed id, e.g. "studio:prd-writer" or "fintech:ledger-analyst". */
  id: string;
  /** Key under which templates see the view-model, e.g. "prd". Unique across a run. */
  produces: string;
  /** `produces` keys of agents whose output this one reads (ordering + `ctx.inputs`). */
  needs?: string[];
  /** One line for `studio pack list` and the run report. */
  description: string;
  /** Build the view-model. May return a promise; must not perform I/O. */
  run(ctx: AgentContext): VM | Promise<VM>;
}

/* ------------------------------------------------------------------ Packs */

/** Formats the host knows how to validate. */
export type ArtifactFormat = 'markdown' | 'mermaid' | 'json' | 'json-schema' | 'yaml' | 'github-workflow';

/** One document (or family of documents) a pack renders. */
export interface ArtifactSpec {
  /** Id unique within the pack, e.g. "prd". */
  id: string;
  /** Relative POSIX output path. With `each`, may hold `{field}` placeholders filled from the item
   *  (e.g. "sequence_{slug}.mmd"); the host re-checks the expanded path for safety. */
  path: string;
  /** Template file, relative to the pack's `templates/` folder. */
  template: string;
  /** One line on what the document is for (copied into the artifact index). */
  purpose: string;
  /** Output format, which picks the validator. */
  format: ArtifactFormat;
  /** Agent ids whose view-models the template reads. */
  agents: string[];
  /** Dotted path into the view-models (e.g. "diagrams.sequences"): render once per list item,
   *  which templates see as `item`. */
  each?: string;
}

/** A pack manifest (`pack.json` in the pack's package, validated by schemas/pack_manifest.schema.json). */
export interface PackManifest {
  /** Pack id users type: `studio generate --pack <id>`. Lowercase, [a-z0-9-]. */
  id: string;
  /** Human title. */
  title: string;
  /** One paragraph: what the pack is for. */
  description: string;
  /** Semver of the template set; bump on any template change. */
  template_set: string;
  /** Semver range of the studio engine this pack works with. */
  engine: string;
  /** Semver range of Source Spec versions this pack accepts. */
  spec_versions: string;
  /** Locales the templates are written for. */
  locales: string[];
  /** Ids of packs whose artifacts this pack includes (Deep includes Balanced). */
  extends?: string[];
  /** Agent ids this pack needs, from any loaded plugin. */
  agents: string[];
  /** The documents. */
  artifacts: ArtifactSpec[];
  /** Pack-level traceability rules checked after rendering; an orphan id fails the run. */
  traceability?: TraceRule[];
}

/** Spec collections whose ids can be traced through a pack. */
export type TraceSource = 'features' | 'acceptance' | 'risks' | 'decisions' | 'slos' | 'entities' | 'milestones';

/** "Every id of `ids` must appear in at least one of the artifacts `in`." */
export interface TraceRule {
  /** Words for the report, e.g. "every acceptance criterion has a test case". */
  name: string;
  /** Which ids: features/acceptance/risks/decisions/slos use their `id`, entities their `name`,
   *  milestones their `id`. */
  ids: TraceSource;
  /** Artifact ids (of this pack or an extended one); for an `each` artifact, any expanded file counts. */
  in: string[];
}

/** The `studio` section of a plugin's package.json: how the host finds what it provides. */
export interface StudioPackageSection {
  /** Pack id → path of its manifest JSON, relative to the package root. */
  packs?: Record<string, string>;
  /** Agent id → path of an ES module whose default export is that agent. */
  agents?: Record<string, string>;
  /** Path of the same agents' CommonJS form, written by studio's build for its built-in plugins; the
   *  host reads it only for built-in agents that run outside the sandbox, and only while it matches
   *  the ES modules (see src/plugins/agent-bundle.ts). Other packages: leave it out (it is ignored). */
  agent_bundle?: string;
  /** Id of one of `agents` that the Research stage runs when a run is given evidence; it must produce
   *  `evidence` and return an {@link EvidenceViewModel}. */
  research_agent?: string;
  /** Locale pack id → path of its locale manifest JSON ({@link LocaleManifest}), relative to the package root. */
  locales?: Record<string, string>;
}

/* ------------------------------------------------------------------ Messages (i18n) */

/** Arguments of a message: user text and numbers, formatted for the run's locale by the host, or
 *  other messages (formatted first, e.g. a translated label inside a sentence). */
export type MessageArgs = { [name: string]: string | number | Message };

/** Human-facing prose as data: an id of the pack's catalog (`packs/<pack>/catalogs/en-US.json`) and
 *  its ICU MessageFormat arguments. Agents return these where they would return English text; templates
 *  print them with the `t` filter. */
export interface Message {
  msg: string;
  args?: MessageArgs;
}

/** The manifest of a locale pack (`kind: "locale"`): translated catalogs for content packs. */
export interface LocaleManifest {
  /** Locale pack id, lowercase [a-z0-9-]. */
  id: string;
  kind: 'locale';
  /** BCP 47 tag the catalogs are written in, e.g. "fr-CA". */
  locale: string;
  /** Semver of the translated catalogs (bump on any catalog change), as listed in the registry index. */
  template_set?: string;
  /** Semver range of the studio engine these catalogs work with, as listed in the registry index. */
  engine?: string;
  /** Content pack id → catalog JSON path relative to the package root. */
  catalogs: Record<string, string>;
  /** Content pack id → message ids knowingly left in English (the gate accepts them as missing). */
  fallback?: Record<string, string[]>;
}

/* ------------------------------------------------------------------ Validators */

/** One problem a validator found in one artifact. */
export interface Finding {
  /** Artifact path, relative POSIX. */
  path: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  /** Rule id, e.g. "MD033" or "mermaid-parse". */
  rule: string;
  /** What is wrong. */
  message: string;
}

/* ------------------------------------------------------------------ Registry */

/** One published version of a pack package, as the registry index lists it. */
export interface RegistryVersion {
  /** Package version (semver). */
  version: string;
  /** SRI sha512 of the npm tarball. */
  integrity: string;
  /** The pack's template_set. */
  template_set: string;
  /** Engine range. */
  engine: string;
  /** Spec version range. */
  spec_versions: string;
  /** Locales. */
  locales: string[];
  /** Pack ids this version provides. */
  provides: string[];
  /** Deprecation message, when deprecated. */
  deprecated?: string;
}

/** One package in the registry index. */
export interface RegistryPackage {
  /** Exact npm package name, scoped or not. */
  name: string;
  /** One line. */
  description: string;
  /** Published versions. */
  versions: RegistryVersion[];
  /** Deprecation message for the whole package. */
  deprecated?: string;
}

/** `registry/index.json`. */
export interface RegistryIndex {
  /** Format version of the index file. */
  index_version: 1;
  /** Packages, sorted by name. */
  packages: RegistryPackage[];
}

/* ------------------------------------------------------------------ Outputs */

/** One entry of artifact_index.json. */
export interface ArtifactIndexEntry {
  path: string;
  purpose: string;
  pack: string;
  sha256: string;
  bytes: number;
  template_set: string;
  template_commit: string;
  /** Set by `studio update` when the file on disk keeps hand edits merged into the new render. */
  merge?: ArtifactMerge;
}

/** How `studio update` merged a hand-edited file: the file holds the merge, the zips the render. */
export interface ArtifactMerge {
  /** "merged": hand edits kept cleanly; "conflict": the file holds conflict markers to resolve. */
  result: 'merged' | 'conflict';
  /** SHA-256 of the rendered bytes (the zips' entry and the next update's merge base). */
  rendered_sha256: string;
  /** Size of the rendered bytes. */
  rendered_bytes: number;
}
