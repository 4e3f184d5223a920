// The three shapes the flow dial gives the roadmap (DESIGN §3): Dual-Track discovery and delivery
// tracks, Scrum sprints, Kanban WIP-limited stages. Each is a pure function of the planned milestones.
import { type Message, type ReadonlySpec as Spec, msg } from '@studio/sdk';
import { byPriority, featureRef, priorityRank } from './spec-helpers.js';
import type {
  Deliverable,
  DeliveryItem,
  DiscoveryItem,
  DualTrackPlan,
  FeatureRef,
  KanbanPlan,
  Model,
  PlannedMilestone,
  ScrumPlan,
  Sprint,
} from './types.js';

/** The usual Scrum cadence; milestones are rounded up to whole sprints. */
export const SPRINT_WEEKS = 2;

const known = (ds: readonly Deliverable[]) =>
  byPriority(ds.filter((d) => d.known) as (Deliverable & FeatureRef)[]);

function delivery(d: Deliverable): DeliveryItem {
  return { feature_id: d.id, name: d.name, done_when: d.acceptance_ids };
}

function discovery(f: { id: string; name: string }): DiscoveryItem {
  return {
    feature_id: f.id,
    question: msg('roadmap.discovery.validate', { name: f.name }),
  };
}

/** Discovery runs one milestone ahead of delivery, so each phase validates what the next one builds;
 *  every assumption becomes an experiment that must report before the first milestone builds on it. */
export function dualTrack(
  model: Model,
  milestones: readonly PlannedMilestone[],
  unscheduled: readonly FeatureRef[],
): DualTrackPlan {
  const first = milestones[0];
  return {
    lead_in: known(first?.deliverables ?? []).map(discovery),
    experiments: model.assumptions.map((a, i) => ({
      id: `EXP-${i + 1}`,
      assumption_id: a.id,
      hypothesis: msg('roadmap.experiment.hypothesis', {
        text: `${a.text.charAt(0).toLowerCase()}${a.text.slice(1)}`,
      }),
      method: msg('roadmap.experiment.method'),
      decides: first
        ? msg('roadmap.experiment.decides', {
            week: first.start_week + Math.max(0, Math.min(first.weeks, 2) - 1),
            id: first.id,
            name: first.name,
          })
        : msg('roadmap.experiment.decides_first'),
    })),
    open_questions: model.questions.map((q) => msg('common.labelled', { label: q.id, text: q.question })),
    phases: milestones.map((m, i) => {
      const next = milestones[i + 1];
      return {
        milestone_id: m.id,
        milestone_name: m.name,
        start_week: m.start_week,
        end_week: m.end_week,
        discovery: (next ? known(next.deliverables) : byPriority(unscheduled)).map(discovery),
        delivery: known(m.deliverables).map(delivery),
      };
    }),
  };
}

/** Split `items` into `parts` contiguous chunks, earlier chunks taking the remainder. */
function chunk<T>(items: readonly T[], parts: number): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (let i = 0; i < parts; i += 1) {
    const size = Math.floor(items.length / parts) + (i < items.length % parts ? 1 : 0);
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

/** Goals for sprints left after every feature of a milestone is placed: each verifies something
 *  different (negative paths, threats, SLOs, accessibility), so no two sprint goals read the same. */
function hardening(m: PlannedMilestone, model: Model): Message[] {
  const ids = new Set(m.deliverables.map((d) => d.id));
  const flows = model.flows.filter((f) => ids.has(f.feature_id));
  const elements = new Set([...flows.map((f) => f.id), ...flows.flatMap((f) => [f.from, f.to])]);
  const sec = model.tests.filter(
    (t) => t.kind === 'security' && t.id.startsWith('TC-SEC-') && elements.has(t.id.slice(7)),
  );
  const a11y = model.tests.filter((t) => t.kind === 'accessibility' && ids.has(t.verifies[0] ?? ''));
  const slo = model.tests.filter((t) => t.kind === 'slo');
  const goals: Message[] = [];
  const failing = flows.filter((f) => f.on_failure !== null).map((f) => f.id);
  if (failing.length > 0) goals.push(msg('roadmap.sprint.failure_paths', { flows: failing.join(', ') }));
  if (sec.length > 0)
    goals.push(msg('roadmap.sprint.threats', { id: m.id, tests: sec.map((t) => t.id).join(', ') }));
  if (a11y.length > 0) goals.push(msg('roadmap.sprint.a11y', { tests: a11y.map((t) => t.id).join(', ') }));
  if (slo.length > 0)
    goals.push(msg('roadmap.sprint.load', { slos: slo.map((t) => t.verifies[0]).join(', ') }));
  return goals;
}

function sprintGoal(
  m: PlannedMilestone,
  items: readonly DeliveryItem[],
  closing: boolean,
  extra: Message | null,
  number: number,
): Message {
  const work =
    items.length > 0
      ? msg('roadmap.sprint.deliver', { items: items.map((d) => `${d.feature_id} ${d.name}`).join(', ') })
      : (extra ?? msg('roadmap.sprint.buffer', { number, id: m.id }));
  return closing ? msg('roadmap.sprint.closing', { work, goal: m.goal }) : work;
}

/** Numbered sprints of up to two weeks inside each milestone's window (the one timeline the PRD also
 *  shows: a milestone of an odd number of weeks ends with a one-week sprint); features spread in
 *  priority order, later sprints take distinct verification goals. */
export function scrum(milestones: readonly PlannedMilestone[], model: Model): ScrumPlan {
  const sprints: Sprint[] = [];
  const allocation: ScrumPlan['allocation'] = [];
  for (const m of milestones) {
    const count = Math.max(1, Math.ceil(m.weeks / SPRINT_WEEKS));
    allocation.push({ milestone_id: m.id, milestone_name: m.name, weeks: m.weeks, sprints: count });
    const items = known(m.deliverables).map(delivery);
    // Features fill the first sprints; any sprint left over takes the next verification goal.
    const chunks = chunk(items, Math.min(count, Math.max(items.length, 1)));
    const extras = hardening(m, model);
    let extra = 0;
    for (let i = 0; i < count; i += 1) {
      const number = sprints.length + 1;
      const deliverables = chunks[i] ?? [];
      const closing = i === count - 1;
      const goalExtra = deliverables.length === 0 ? (extras[extra++] ?? null) : null;
      sprints.push({
        number,
        milestone_id: m.id,
        milestone_name: m.name,
        start_week: m.start_week + i * SPRINT_WEEKS,
        end_week: Math.min(m.start_week + (i + 1) * SPRINT_WEEKS - 1, m.end_week),
        goal: sprintGoal(m, deliverables, closing, goalExtra, number),
        deliverables,
        milestone_review: closing,
      });
    }
  }
  return { sprint_weeks: SPRINT_WEEKS, sprints, allocation };
}

// Classes of service as Kanban defines them: by the shape of the cost of delay, not by priority.
const CLASSES = (['expedite', 'fixed_date', 'standard', 'intangible'] as const).map((id) => ({
  id,
  name: msg(`roadmap.class.${id}`),
  rule: msg(`roadmap.class.${id}.rule`),
}));

/**
 * A five-column board. The in-progress limit grows with the active scope (one slot per three
 * features, between 1 and 3) so a small team is not invited to start everything at once.
 */
export function kanban(spec: Spec, milestones: readonly PlannedMilestone[], model: Model): KanbanPlan {
  const active = spec.features.filter((f) => f.priority !== 'wont');
  const wip = Math.min(3, Math.max(1, Math.ceil(active.length / 3)));
  const milestoneOf = (id: string) =>
    milestones.findIndex((m) => m.deliverables.some((d) => d.known && d.id === id));
  const dated = active
    .map((f, index) => ({ f, index, m: milestoneOf(f.id) }))
    .sort(
      (a, b) =>
        (a.m < 0 ? Infinity : a.m) - (b.m < 0 ? Infinity : b.m) ||
        priorityRank(a.f.priority) - priorityRank(b.f.priority) ||
        a.index - b.index,
    );
  const features = dated.map(({ f, m }) => ({
    ...featureRef(f),
    name: msg('common.verbatim', { text: f.name }),
    class_of_service: msg(m >= 0 ? 'roadmap.class.fixed_date' : 'roadmap.class.standard'),
    milestone: m >= 0 ? (milestones[m]?.name ?? null) : null,
    due_week: m >= 0 ? (milestones[m]?.end_week ?? null) : null,
  }));
  // Intangible work the other documents define: proposed decisions and the controls of High threats.
  const intangible = [
    ...spec.decisions
      .filter((d) => d.status === 'proposed')
      .map((d) => ({
        id: d.id,
        name: msg('roadmap.backlog.decide', { title: d.title }),
        priority: 'should' as const,
        priority_label: '-',
      })),
    ...model.tests
      .filter(
        (t) =>
          t.kind === 'security' &&
          model.threats.some((th) => th.verification === t.id && th.rating === 'High'),
      )
      .map((t) => ({
        id: t.id,
        name: t.title,
        priority: 'should' as const,
        priority_label: '-',
      })),
  ].map((x) => ({
    ...x,
    class_of_service: msg('roadmap.class.intangible'),
    milestone: null,
    due_week: null,
  }));
  return {
    stages: (
      [
        ['backlog', null],
        ['ready', wip + 1],
        ['in_progress', wip],
        ['review', wip],
        ['done', null],
      ] as const
    ).map(([id, wip_limit]) => ({
      name: msg(`roadmap.stage.${id}`),
      wip_limit,
      policy: msg(`roadmap.stage.${id}.policy`),
    })),
    classes: CLASSES.map((c) => ({ name: c.name, rule: c.rule })),
    backlog: [...features, ...intangible].map((b, i) => ({ ...b, rank: i + 1 })),
    checkpoints: milestones.map((m) => ({ milestone_id: m.id, name: m.name, target_week: m.end_week })),
    flow_metrics: ['cycle_time', 'throughput', 'wip', 'age'].map((id) => msg(`roadmap.flow_metric.${id}`)),
  };
}
