// The product model (see ProductModel in @studio/sdk): one reading of the spec shared by every
// built-in agent, so the PRD, the roadmap, the test plan and the deep documents cannot disagree on
// the timeline, the components, the data flows, the trust boundaries or the classification.
import type {
  ModelDataField,
  ModelMilestone,
  ModelQuestion,
  ModelTestRef,
  ProductModel,
  ReadonlySpec as Spec,
} from '@studio/sdk';
import { buildFlows, buildParticipants, buildZones } from './participants.js';
import { QUESTION } from './question-text.js';
import { TEST_TITLE, WORDS } from './threat-text.js';
import { buildThreats } from './threats.js';

/** Planning default for a milestone without a duration: one two-week iteration. */
export const DEFAULT_MILESTONE_WEEKS = 2;

const CLASS_ORDER = ['PHI', 'PCI', 'PII'] as const;

export function buildTimeline(spec: Spec): ProductModel['timeline'] {
  const wont = new Set(spec.features.filter((f) => f.priority === 'wont').map((f) => f.id));
  let week = 1;
  const milestones: ModelMilestone[] = spec.milestones.map((m) => {
    const assumed = m.duration_weeks === null || m.duration_weeks <= 0;
    const weeks = assumed ? DEFAULT_MILESTONE_WEEKS : m.duration_weeks!;
    const planned = {
      id: m.id,
      name: m.name,
      goal: m.goal,
      weeks,
      weeks_assumed: assumed,
      start_week: week,
      end_week: week + weeks - 1,
      deliverables: m.deliverables.filter((d) => !wont.has(d)),
    };
    week += weeks;
    return planned;
  });
  const scheduled = new Set(spec.milestones.flatMap((m) => m.deliverables));
  return {
    milestones,
    total_weeks: week - 1,
    unscheduled: spec.features.filter((f) => f.priority !== 'wont' && !scheduled.has(f.id)).map((f) => f.id),
    excluded: [...wont],
  };
}

function classifiedFields(spec: Spec): ModelDataField[] {
  return spec.entities.flatMap((e) =>
    e.fields.flatMap((f) =>
      f.classification === 'none'
        ? []
        : [
            {
              entity: e.name,
              field: f.name,
              type: f.type,
              classification: f.classification,
              required: f.required,
            },
          ],
    ),
  );
}

/** Features whose declared flow has a person sending or receiving: they get accessibility checks. */
export function userFacingFeatures(
  spec: Spec,
  model: Pick<ProductModel, 'participants' | 'flows'>,
): string[] {
  const kind = new Map(model.participants.map((p) => [p.id, p.kind]));
  return spec.features
    .filter((f) => f.priority !== 'wont')
    .filter((f) =>
      model.flows.some(
        (fl) =>
          fl.feature_id === f.id &&
          ((kind.get(fl.from) === 'person' && kind.get(fl.to) !== 'person') ||
            (kind.get(fl.to) === 'person' && kind.get(fl.from) !== 'person')),
      ),
    )
    .map((f) => f.id);
}

function questions(spec: Spec, model: Omit<ProductModel, 'questions'>): ModelQuestion[] {
  const out: Omit<ModelQuestion, 'id'>[] = [];
  for (const q of spec.open_questions) out.push(QUESTION.placeholder(q.pointer, q.question, q.placeholder));
  for (const p of model.participants)
    if (!p.declared) out.push(QUESTION.undeclaredParticipant(p.name, p.features));
  const noFlow = spec.features.filter((f) => f.priority !== 'wont' && f.flow.length === 0).map((f) => f.id);
  if (noFlow.length > 0) out.push(QUESTION.noFlow(noFlow));
  if (spec.stack.hosting_model === null) out.push(QUESTION.hosting(spec.stack.hosting));
  if (spec.stack.languages.length > 1) {
    for (const p of model.participants)
      if (p.kind === 'internal' && p.language === null)
        out.push(QUESTION.language(p.name, spec.stack.languages));
  }
  for (const s of spec.ops.slos) {
    if (s.good_events === null || s.valid_events === null) out.push(QUESTION.sliSpec(s.id, s.name));
    if (s.measured_at === null) out.push(QUESTION.sliWhere(s.id, s.name));
  }
  const untyped = spec.ops.observability.instruments.filter((m) => m.type === null).map((m) => m.name);
  if (untyped.length > 0) out.push(QUESTION.metricTypes(untyped));
  for (const t of spec.security.threats)
    if (t.categories.length === 0) out.push(QUESTION.scopedThreat(t.name));
  if (spec.entities.length > 0 && spec.entities.every((e) => e.transitions.length === 0))
    out.push(QUESTION.lifecycle(spec.entities.map((e) => e.name)));
  for (const d of spec.decisions) if (d.status === 'proposed') out.push(QUESTION.proposed(d.id, d.title));
  const names = new Map(spec.features.map((f) => [f.id, f.name]));
  for (const id of model.timeline.unscheduled) out.push(QUESTION.unscheduled(id, names.get(id) ?? id));
  return out.map((q, i) => ({ id: `Q-${i + 1}`, ...q }));
}

export function buildModel(spec: Spec): ProductModel {
  const participants = buildParticipants(spec);
  const { flows, boundaries } = buildFlows(spec, participants);
  const classified = classifiedFields(spec);
  const constraints = spec.constraints.map((text, i) => ({ id: `C-${i + 1}`, text }));
  const assumptions = spec.assumptions.map((text, i) => ({ id: `A-${i + 1}`, text }));
  const { threats, tests } = buildThreats({ spec, participants, flows, classified, constraints });
  const sloTests: ModelTestRef[] = spec.ops.slos.map((s) => ({
    id: `TC-${s.id}`,
    title: TEST_TITLE.slo(s.name, s.objective),
    kind: 'slo',
    verifies: [s.id],
    level: 'e2e',
  }));
  const a11yTests: ModelTestRef[] = userFacingFeatures(spec, { participants, flows }).map((id) => ({
    id: `TC-A11Y-${id}`,
    title: TEST_TITLE.a11y(id),
    kind: 'accessibility',
    verifies: [id],
    level: 'e2e',
  }));
  const languages = spec.stack.languages.map((name) => ({
    name,
    components: participants.filter((p) => p.kind === 'internal' && p.language === name).map((p) => p.name),
  }));
  for (const p of participants) {
    if (p.kind !== 'internal' || p.language === null) continue;
    if (!languages.some((l) => l.name === p.language))
      languages.push({ name: p.language, components: [p.name] });
  }
  const base: Omit<ProductModel, 'questions'> = {
    participants,
    zones: buildZones(participants),
    flows,
    boundaries,
    classified_fields: classified,
    data_classes: CLASS_ORDER.filter((c) => classified.some((f) => f.classification === c)),
    hosting: {
      model: spec.stack.hosting_model,
      label: ((label) => (label === null ? WORDS.hostingUndeclared : WORDS.verbatim(label)))(
        spec.stack.hosting ?? spec.stack.hosting_model,
      ),
      regions: [...spec.stack.regions],
      deploy_target: spec.stack.deploy_target,
    },
    languages,
    timeline: buildTimeline(spec),
    constraints,
    assumptions,
    threats,
    tests: [...tests, ...sloTests, ...a11yTests],
  };
  return { ...base, questions: questions(spec, base) };
}
