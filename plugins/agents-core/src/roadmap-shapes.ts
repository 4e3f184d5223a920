// The three shapes the flow dial gives the roadmap (DESIGN §3): Dual-Track discovery and delivery
// tracks, Scrum sprints, Kanban WIP-limited stages. Each is a pure function of the planned milestones.
import type { ReadonlySpec as Spec } from '@studio/sdk';
import { byPriority, featureRef, priorityRank } from './spec-helpers.js';
import type {
  Deliverable,
  DeliveryItem,
  DiscoveryItem,
  DualTrackPlan,
  FeatureRef,
  KanbanPlan,
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
    question: `Validate ${f.name} with the people it serves and confirm its acceptance criteria can be tested`,
  };
}

/** Discovery runs one milestone ahead of delivery, so each phase validates what the next one builds. */
export function dualTrack(
  spec: Spec,
  milestones: readonly PlannedMilestone[],
  unscheduled: readonly FeatureRef[],
): DualTrackPlan {
  return {
    lead_in: known(milestones[0]?.deliverables ?? []).map(discovery),
    open_questions: spec.open_questions.map((q) => q.question),
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

function sprintGoal(m: PlannedMilestone, items: readonly DeliveryItem[], closing: boolean): string {
  const work =
    items.length > 0
      ? `Deliver ${items.map((d) => `${d.feature_id} ${d.name}`).join(', ')} to its acceptance criteria`
      : `Harden and verify the ${m.name} scope`;
  return closing ? `${work}; review against the milestone goal: ${m.goal}` : work;
}

/** Numbered two-week sprints; each milestone gets ceil(weeks / 2) of them, its features spread in priority order. */
export function scrum(milestones: readonly PlannedMilestone[]): ScrumPlan {
  const sprints: Sprint[] = [];
  const allocation: ScrumPlan['allocation'] = [];
  for (const m of milestones) {
    const count = Math.max(1, Math.ceil(m.weeks / SPRINT_WEEKS));
    allocation.push({ milestone_id: m.id, milestone_name: m.name, weeks: m.weeks, sprints: count });
    const items = known(m.deliverables).map(delivery);
    // Features fill the first sprints; any sprint left over hardens the milestone before review.
    const chunks = chunk(items, Math.min(count, Math.max(items.length, 1)));
    for (let i = 0; i < count; i += 1) {
      const number = sprints.length + 1;
      const deliverables = chunks[i] ?? [];
      const closing = i === count - 1;
      sprints.push({
        number,
        milestone_id: m.id,
        milestone_name: m.name,
        start_week: m.start_week + i * SPRINT_WEEKS,
        end_week: m.start_week + (i + 1) * SPRINT_WEEKS - 1,
        goal: sprintGoal(m, deliverables, closing),
        deliverables,
        milestone_review: closing,
      });
    }
  }
  return { sprint_weeks: SPRINT_WEEKS, sprints, allocation };
}

const CLASS_OF_SERVICE: Record<string, string> = {
  must: 'Fixed date',
  should: 'Standard',
  could: 'Intangible',
};

/**
 * A five-column board. The in-progress limit grows with the active scope (one slot per three
 * features, between 1 and 3) so a small team is not invited to start everything at once.
 */
export function kanban(spec: Spec, milestones: readonly PlannedMilestone[]): KanbanPlan {
  const active = spec.features.filter((f) => f.priority !== 'wont');
  const wip = Math.min(3, Math.max(1, Math.ceil(active.length / 3)));
  const milestoneOf = (id: string) =>
    milestones.findIndex((m) => m.deliverables.some((d) => d.known && d.id === id));
  const ordered = active
    .map((f, index) => ({ f, index, m: milestoneOf(f.id) }))
    .sort(
      (a, b) =>
        priorityRank(a.f.priority) - priorityRank(b.f.priority) ||
        (a.m < 0 ? Infinity : a.m) - (b.m < 0 ? Infinity : b.m) ||
        a.index - b.index,
    );
  return {
    stages: [
      {
        name: 'Backlog',
        wip_limit: null,
        policy: 'Ordered by class of service; refined at the weekly replenishment.',
      },
      {
        name: 'Ready',
        wip_limit: wip + 1,
        policy: 'Acceptance criteria agreed and test cases named; pull from the top.',
      },
      {
        name: 'In progress',
        wip_limit: wip,
        policy: 'Finish before starting: pull only when below the limit.',
      },
      {
        name: 'Review',
        wip_limit: wip,
        policy: 'Every acceptance test case passes; a second person reviews.',
      },
      { name: 'Done', wip_limit: null, policy: 'Released and announced; cycle time recorded.' },
    ],
    classes: [
      {
        name: 'Fixed date',
        rule: 'Must-have features: a milestone depends on them, so they are pulled first.',
      },
      { name: 'Standard', rule: 'Should-have features: pulled in order once fixed-date work is flowing.' },
      { name: 'Intangible', rule: 'Could-have features: pulled when nothing above is ready.' },
    ],
    backlog: ordered.map(({ f, m }, i) => ({
      ...featureRef(f),
      rank: i + 1,
      class_of_service: CLASS_OF_SERVICE[f.priority] ?? 'Standard',
      milestone: m >= 0 ? (milestones[m]?.name ?? null) : null,
    })),
    checkpoints: milestones.map((m) => ({ milestone_id: m.id, name: m.name, target_week: m.end_week })),
    flow_metrics: [
      'Cycle time from Ready to Done, per class of service',
      'Throughput per week',
      'Work in progress against the limits',
      'Age of the oldest item in progress',
    ],
  };
}
