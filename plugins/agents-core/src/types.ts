// View-models the Balanced pack's templates read. They carry every dial-dependent decision (section
// order, which sections appear, composed sentences) so that templates only loop and escape.
// Strings here may contain user text: templates must still pass every one through `md`/`cell`/`mmd`.
import type {
  AudienceDial,
  DeepReadonly,
  FlowDial,
  Level,
  Message,
  ModelMilestone,
  Priority,
  ProductModel,
  TestDial,
} from '@studio/sdk';

/** The shared product model as an agent reads it (its `model` input). */
export type Model = DeepReadonly<ProductModel>;

/** A feature reduced to what a cross-reference needs. */
export interface FeatureRef {
  /** Feature id (F-1…). */
  id: string;
  /** Feature name. */
  name: string;
  /** MoSCoW priority. */
  priority: Priority;
  /** Human label of the priority ("Must", "Won't"). */
  priority_label: string;
}

/* ------------------------------------------------------------------ prd (brief.md, prd.md) */

/** Sections of brief.md, in the order they appear. */
export type BriefSection =
  | 'ask'
  | 'problem'
  | 'solution'
  | 'scope'
  | 'interfaces'
  | 'milestones'
  | 'cost'
  | 'risks'
  | 'metrics'
  | 'decisions';

/** Sections of prd.md, in the order they appear. */
export type PrdSection =
  | 'overview'
  | 'audience'
  | 'goals'
  | 'features'
  | 'interfaces'
  | 'data'
  | 'operations'
  | 'constraints'
  | 'assumptions'
  | 'risks'
  | 'milestones'
  | 'open_questions';

/** A feature as the PRD presents it. */
export interface PrdFeature extends FeatureRef {
  /** What it does. */
  description: string;
  /** Acceptance criteria with their stable ids. */
  acceptance: { id: string; text: string }[];
  /** Interaction steps, in order, with the declared reply and failure handling (null when absent). */
  flow: { from: string; to: string; message: string; reply: string | null; on_failure: string | null }[];
  /** File name of the feature's sequence diagram, or null when it has no flow. */
  sequence_file: string | null;
  /** The first milestone that delivers it, or null when unscheduled. */
  milestone: { id: string; name: string } | null;
  /** Test case ids that verify it (acceptance and accessibility). */
  verified_by: string[];
}

/** A risk with its likelihood × impact score. */
export interface PrdRisk {
  /** Risk id. */
  id: string;
  /** What could go wrong. */
  description: string;
  /** Likelihood as given. */
  likelihood: Level;
  /** Impact as given. */
  impact: Level;
  /** likelihood × impact on a 1–3 scale each: 1…9. */
  score: number;
  /** "High" (6–9), "Medium" (3–4) or "Low" (1–2). */
  severity: string;
  /** What reduces it. */
  mitigation: string;
}

/** A feature a milestone delivers. An id that names no feature is kept (known: false) so it shows. */
export interface Deliverable {
  /** Feature id as the milestone lists it. */
  id: string;
  /** Feature name, or the id when unknown. */
  name: string;
  /** Priority, or null when unknown. */
  priority: Priority | null;
  /** Priority label, '' when unknown. */
  priority_label: string;
  /** Whether the id names a feature of the spec. */
  known: boolean;
  /** The feature's acceptance criterion ids (its definition of done). */
  acceptance_ids: string[];
}

/** A milestone with its place on the timeline: the shared model's milestone (same weeks, same window),
 *  with its deliverables resolved and whether the roadmapper proposed it. */
export interface PlannedMilestone extends Omit<ModelMilestone, 'deliverables'> {
  /** Deliverables, as listed. */
  deliverables: Deliverable[];
  /** True when the spec had no milestones and the roadmapper proposed this one. */
  implied: boolean;
}

/** What prd-writer produces (brief.md and prd.md read it). */
export interface PrdView {
  /** The audience dial. */
  audience_dial: AudienceDial;
  /** One sentence on what the dial means for these documents (no user text). */
  emphasis: Message;
  /** brief.md sections in order. */
  brief_sections: BriefSection[];
  /** prd.md sections in order. */
  sections: PrdSection[];
  /** Whether features show descriptions and flows (Executive: no, shorter). */
  feature_detail: boolean;
  /** Whether audience segments list their needs (Executive: names only). */
  audience_detail: boolean;
  /** Features ordered by priority, then as written. */
  features: PrdFeature[];
  /** Count of features per priority, must → wont, zero counts omitted. */
  priority_counts: { priority: Priority; label: string; count: number }[];
  /** Risks, highest score first, then as written. */
  risks: PrdRisk[];
  /** Milestones as written (none implied here), on a sequential timeline. */
  milestones: PlannedMilestone[];
  /** Features (other than won't) no milestone delivers. */
  unscheduled: FeatureRef[];
  /** Participants and messages across all feature flows (Engineering: "Interfaces"). */
  interfaces: {
    participants: string[];
    messages: { feature_id: string; from: string; to: string; message: string }[];
  };
  /** Entities with a field summary (Engineering: "Data"). */
  entities: {
    name: string;
    description: string;
    fields: {
      name: string;
      type: string;
      required: boolean;
      values: string;
      pii: boolean;
      classification: string;
    }[];
    pii_fields: string[];
  }[];
  /** Total count of acceptance criteria. */
  acceptance_count: number;
  /** Open questions of the product model (placeholders, undeclared facts, proposed decisions…). */
  questions: { id: string; about: string; question: Message; meanwhile: Message }[];
  /** Declared participants with kind and zone (Engineering "Interfaces"); `kind_id` is the declared
   *  kind (person, internal, external, datastore, undeclared) for templates to filter on. */
  participants: {
    id: string;
    name: string;
    kind_id: string;
    kind: Message;
    zone: Message;
    language: string | null;
  }[];
  /** Constraints and assumptions with their ids and the ids that verify or test them. */
  constraints: { id: string; text: string; verified_by: string }[];
  assumptions: { id: string; text: string; experiment: string | null }[];
  /** The brief's composed lines (never the PRD's sentences), as messages. */
  brief: {
    /** Executive: what the reader is asked to approve or decide. */
    ask: Message;
    /** Must-have features as "F-1 Name" labels. */
    must_have: string[];
    /** One line per milestone: "M-1 Pilot (weeks 1–4): F-1, F-4". */
    milestones: Message[];
    /** Top risks: the three highest-rated product risks and the High threats count. */
    top_risks: Message[];
    /** What drives cost, from declared facts. */
    cost_drivers: Message[];
    /** Engineering: external systems and the failure paths declared on flows. */
    failure_paths: Message[];
    /** Success metrics, one message each ("Wait time under 10 min over 30 days"); the template joins them. */
    metrics: Message[];
    /** Total weeks to the last milestone. */
    total_weeks: number;
  };
}

/* ------------------------------------------------------------------ diagrams */

/** One state of the lifecycle diagram. */
export interface LifecycleState {
  /** Mermaid-safe id (S1…). */
  id: string;
  /** Label shown (user text when it comes from an enum). */
  label: Message;
}

/** The lifecycle state diagram. */
export interface LifecycleModel {
  /** "entity": from the first entity's declared transitions; "feature": the generic feature lifecycle. */
  kind: 'entity' | 'feature';
  /** Entity name when kind is "entity", else null. */
  entity: string | null;
  /** Title line. */
  title: Message;
  /** States in diagram order. */
  states: LifecycleState[];
  /** Transitions; `from`/`to` are state ids or "[*]"; `label` is the event. */
  transitions: { from: string; to: string; label: Message }[];
  /** Whether a state can be reached again (a loop or a cycle). */
  has_cycle: boolean;
}

/** One sequence diagram (one per feature with a flow). */
export interface SequenceModel {
  /** File-safe, unique slug: lowercase a-z0-9-, never a Windows reserved name. */
  slug: string;
  /** The feature it draws. */
  feature_id: string;
  /** Title (the feature name). */
  title: string;
  /** Participants grouped by trust zone (zones in order of first appearance), aliased P1…. */
  boxes: { zone: Message; participants: { alias: string; label: string; actor: boolean }[] }[];
  /** Steps in order: a call, its reply when declared, and an alt branch when a failure is declared. */
  steps: {
    from: string;
    to: string;
    text: string;
    reply: string | null;
    failure: string | null;
    /** Data-flow id in the product model (F-1-DF-2). */
    flow_id: string;
  }[];
}

/** What diagrammer produces. */
export interface DiagramsView {
  /** lifecycle.mmd. */
  lifecycle: LifecycleModel;
  /** sequence_{slug}.mmd, one per item. */
  sequences: SequenceModel[];
}

/* ------------------------------------------------------------------ roadmap */

/** Sections of roadmap.md, in the order they appear. */
export type RoadmapSection = 'timeline' | 'plan' | 'unscheduled';

/** Dual-Track: a discovery item (validate before building). */
export interface DiscoveryItem {
  /** Feature id. */
  feature_id: string;
  /** What to learn, composed from user text. */
  question: Message;
}

/** Dual-Track: a delivery item (build and prove). */
export interface DeliveryItem {
  /** Feature id. */
  feature_id: string;
  /** Feature name. */
  name: string;
  /** Acceptance criterion ids that define done. */
  done_when: string[];
}

/** Dual-Track: one milestone's window with both tracks. */
export interface DualTrackPhase {
  /** Milestone id. */
  milestone_id: string;
  /** Milestone name. */
  milestone_name: string;
  /** Weeks it spans. */
  start_week: number;
  /** Last week. */
  end_week: number;
  /** Discovery track: features of the next milestone (or unscheduled ones), validated ahead. */
  discovery: DiscoveryItem[];
  /** Delivery track: this milestone's features. */
  delivery: DeliveryItem[];
}

/** Dual-Track plan. */
export interface DualTrackPlan {
  /** Discovery before the first milestone starts (its own features). */
  lead_in: DiscoveryItem[];
  /** One experiment per assumption (A-n), reporting before the first milestone builds on it. */
  experiments: {
    id: string;
    assumption_id: string;
    hypothesis: Message;
    method: Message;
    decides: Message;
  }[];
  /** Open questions discovery must answer first. */
  open_questions: Message[];
  /** One entry per milestone. */
  phases: DualTrackPhase[];
}

/** Scrum: one sprint. */
export interface Sprint {
  /** 1-based number. */
  number: number;
  /** Milestone id it serves. */
  milestone_id: string;
  /** Milestone name. */
  milestone_name: string;
  /** First week. */
  start_week: number;
  /** Last week. */
  end_week: number;
  /** Sprint goal, composed from user text. */
  goal: Message;
  /** Features committed, with acceptance ids as the definition of done. */
  deliverables: DeliveryItem[];
  /** True for the sprint that closes its milestone (review against the milestone goal). */
  milestone_review: boolean;
}

/** Scrum plan. */
export interface ScrumPlan {
  /** Sprint length in weeks. */
  sprint_weeks: number;
  /** Sprints in order. */
  sprints: Sprint[];
  /** Per milestone: weeks as planned and sprints allotted. */
  allocation: { milestone_id: string; milestone_name: string; weeks: number; sprints: number }[];
}

/** Kanban: one board column. */
export interface KanbanStage {
  /** Column name. */
  name: Message;
  /** WIP limit, or null for unlimited (Backlog, Done). */
  wip_limit: number | null;
  /** Pull policy (no user text). */
  policy: Message;
}

/** Kanban plan. */
export interface KanbanPlan {
  /** Board columns, left to right. */
  stages: KanbanStage[];
  /** Classes of service in pull order, with the rule that assigns them. */
  classes: { name: Message; rule: Message }[];
  /** Ordered backlog: class of service first, then milestone, then as written. */
  backlog: (Omit<FeatureRef, 'name'> & {
    /** The feature's name, or what the item is ("Decide: …"). */
    name: Message;
    rank: number;
    class_of_service: Message;
    milestone: string | null;
    due_week: number | null;
  })[];
  /** Milestones as delivery checkpoints (target week). */
  checkpoints: { milestone_id: string; name: string; target_week: number }[];
  /** Flow metrics to watch (no user text). */
  flow_metrics: Message[];
}

/** What roadmapper produces. */
export interface RoadmapView {
  /** The flow dial. */
  flow: FlowDial;
  /** How this roadmap is shaped and why (no user text). */
  method: Message;
  /** Sections in order (Executive: timeline first). */
  sections: RoadmapSection[];
  /** Sum of milestone weeks. */
  total_weeks: number;
  /** True when the spec had no milestones and one was proposed. */
  milestones_implied: boolean;
  /** Milestones on a sequential timeline. */
  milestones: PlannedMilestone[];
  /** Features (other than won't) no milestone delivers. */
  unscheduled: FeatureRef[];
  /** Set when flow is Dual-Track, else null. */
  dual_track: DualTrackPlan | null;
  /** Set when flow is Scrum, else null. */
  scrum: ScrumPlan | null;
  /** Set when flow is Kanban, else null. */
  kanban: KanbanPlan | null;
  /** Whether the plan shows every phase, sprint or card (Executive: outcomes per milestone only). */
  plan_detail: boolean;
  /** Executive summary: what each milestone makes possible, one line each. */
  outcomes: Message[];
}

/* ------------------------------------------------------------------ qa */

/** Test levels, in report order. */
export type TestLevel = 'unit' | 'integration' | 'e2e';

/** Sections of test_plan.md, in the order they appear. */
export type QaSection = 'strategy' | 'mix' | 'cases' | 'matrix' | 'criteria' | 'nonfunctional' | 'excluded';

/** One test case, traced to one acceptance criterion. */
export interface TestCase {
  /** Stable id: "TC-" + the acceptance criterion id. */
  id: string;
  /** The acceptance criterion it proves. */
  ac_id: string;
  /** Feature id. */
  feature_id: string;
  /** Feature name. */
  feature_name: string;
  /** Priority label of the feature. */
  priority_label: string;
  /** Priority of the feature. */
  priority: Priority;
  /** The criterion text (the expected result). */
  criterion: string;
  /** Chosen level. */
  level: TestLevel;
  /** Human label of the level. */
  level_label: string;
  /** Why this level (from the declaration, the flow, or the stated default; never the wording). */
  reason: Message;
  /** What must hold before the steps run. */
  preconditions: Message[];
  /** Numbered steps (empty when the feature declares no flow; `steps_missing` says so). */
  steps: Message[];
  /** Set when there are no steps: why, with the open question id. */
  steps_missing: Message | null;
  /** Test data to use. */
  data: Message[];
  /** Negative paths from declared failures. */
  negative: Message[];
  /** An earlier case of the same feature and level whose long preconditions, steps and negative paths
   *  this case shares (those three lists are then empty here); null when they are printed in full. */
  same_as: string | null;
}

/** A case that is not an acceptance criterion: security, constraint, decision, SLO or accessibility. */
export interface OtherCase {
  id: string;
  /** security, constraint, decision, slo, accessibility. */
  kind: string;
  title: Message;
  level: TestLevel;
  level_label: string;
  /** Ids it verifies. */
  verifies: string[];
  /** What to do and what must hold. */
  steps: Message[];
}

/** One level with its target and actual share. */
export interface LevelMix {
  /** Level id. */
  id: TestLevel;
  /** Human label. */
  label: string;
  /** What tests at this level prove under this dial (no user text). */
  scope: Message;
  /** Target share in percent. */
  target_pct: number;
  /** Actual number of acceptance test cases. */
  actual_count: number;
  /** Actual share in percent, rounded to an integer. */
  actual_pct: number;
  /** Actual minus target, in points. */
  gap: number;
}

/** What qa-architect produces. */
export interface QaView {
  /** The test dial. */
  dial: TestDial;
  /** Why this mix (no user text). */
  strategy: Message;
  /** Sections in order. */
  sections: QaSection[];
  /** Levels in fixed order unit, integration, e2e. */
  levels: LevelMix[];
  /** One sentence comparing the resulting mix with the target. */
  mix_note: Message;
  /** Static checks run on every change (Trophy makes them a layer of their own). */
  static_checks: Message[];
  /** Acceptance test cases, in feature then criterion order (won't features excluded). */
  cases: TestCase[];
  /** Security, constraint, decision, SLO and accessibility cases. */
  other_cases: OtherCase[];
  /** Won't features, excluded with their criteria. */
  excluded: { feature_id: string; feature_name: string; criteria: string[] }[];
  /** Feature × level counts; `counts` align with `levels`. */
  matrix: {
    rows: { feature_id: string; feature_name: string; counts: number[]; total: number }[];
    totals: number[];
    total: number;
  };
  /** Environments tests run in (from ops). */
  environments: string[];
  /** Conditions to start testing. */
  entry_criteria: Message[];
  /** Conditions to call testing done. */
  exit_criteria: Message[];
  /** Whether cases show their full steps (Executive: summary only). */
  case_detail: boolean;
  /** The classified fields' synthetic-data rule, printed once when too long to repeat in every case. */
  data_note: Message | null;
}
