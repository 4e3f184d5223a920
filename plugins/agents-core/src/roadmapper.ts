// studio:roadmapper — roadmap.md's view-model: the milestone timeline, shaped by the flow dial.
import type { AgentContext, AgentDefinition, FlowDial, ReadonlySpec as Spec } from '@studio/sdk';
import { audienceProfile } from './audience.js';
import { dualTrack, kanban, scrum, SPRINT_WEEKS } from './roadmap-shapes.js';
import {
  byPriority,
  DEFAULT_MILESTONE_WEEKS,
  featureRef,
  planMilestones,
  unscheduledFeatures,
} from './spec-helpers.js';
import type { PlannedMilestone, RoadmapView } from './types.js';

const METHOD: Record<FlowDial, string> = {
  'Dual-Track':
    'Dual-Track: a discovery track validates what the next milestone will build while a delivery track builds the current one, so nothing reaches delivery untested with users.',
  Scrum: `Scrum: fixed ${SPRINT_WEEKS}-week sprints, each with a goal and committed features; a milestone is reviewed in its last sprint. Milestones are rounded up to whole sprints.`,
  Kanban:
    'Kanban: work flows through WIP-limited stages and is pulled by class of service; milestones are checkpoints, not batches.',
};

/** With no milestones in the spec, propose one release holding every feature that is not a won't-have. */
function impliedMilestone(spec: Spec): PlannedMilestone {
  const scope = byPriority(spec.features.filter((f) => f.priority !== 'wont'));
  const weeks = DEFAULT_MILESTONE_WEEKS * Math.max(1, Math.ceil(scope.length / 2));
  return {
    id: 'M-1',
    name: 'First release',
    goal: 'Ship the must-have features and learn from first use',
    weeks,
    weeks_assumed: true,
    start_week: 1,
    end_week: weeks,
    deliverables: scope.map((f) => ({
      ...featureRef(f),
      known: true,
      acceptance_ids: f.acceptance.map((a) => a.id),
    })),
    implied: true,
  };
}

/** Scrum works in whole sprints: each milestone's window grows to a sprint boundary so the timeline and
 *  the sprint table agree (the authored `weeks` stay as written). */
function alignToSprints(milestones: readonly PlannedMilestone[]): PlannedMilestone[] {
  let week = 1;
  return milestones.map((m) => {
    const span = Math.max(1, Math.ceil(m.weeks / SPRINT_WEEKS)) * SPRINT_WEEKS;
    const aligned = { ...m, start_week: week, end_week: week + span - 1 };
    week += span;
    return aligned;
  });
}

export function planRoadmap(spec: Spec): RoadmapView {
  const implied = spec.milestones.length === 0;
  const planned = implied ? [impliedMilestone(spec)] : planMilestones(spec);
  const milestones = spec.dials.flow === 'Scrum' ? alignToSprints(planned) : planned;
  const unscheduled = implied ? [] : unscheduledFeatures(spec);
  const flow = spec.dials.flow;
  return {
    flow,
    method: METHOD[flow] ?? METHOD['Dual-Track'],
    sections: audienceProfile(spec.dials.audience).roadmap_sections,
    total_weeks: milestones.reduce((n, m) => n + m.end_week - m.start_week + 1, 0),
    milestones_implied: implied,
    milestones,
    unscheduled,
    dual_track: flow === 'Dual-Track' ? dualTrack(spec, milestones, unscheduled) : null,
    scrum: flow === 'Scrum' ? scrum(milestones) : null,
    kanban: flow === 'Kanban' ? kanban(spec, milestones) : null,
  };
}

const agent = {
  id: 'studio:roadmapper',
  produces: 'roadmap',
  description:
    'Roadmap from the milestones, shaped by the flow dial: dual tracks, sprints or a WIP-limited flow.',
  run: (ctx: AgentContext): RoadmapView => planRoadmap(ctx.spec),
} satisfies AgentDefinition<RoadmapView>;

export default agent;
