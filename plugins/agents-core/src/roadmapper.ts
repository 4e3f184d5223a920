// studio:roadmapper — roadmap.md's view-model: the milestone timeline, shaped by the flow dial.
import {
  type AgentContext,
  type AgentDefinition,
  type FlowDial,
  type Message,
  type ReadonlySpec as Spec,
  msg,
} from '@studio/sdk';
import { audienceProfile } from './audience.js';
import { dualTrack, kanban, scrum, SPRINT_WEEKS } from './roadmap-shapes.js';
import {
  byPriority,
  DEFAULT_MILESTONE_WEEKS,
  featureRef,
  planMilestones,
  unscheduledFeatures,
} from './spec-helpers.js';
import type { Model, PlannedMilestone, RoadmapView } from './types.js';

const METHOD: Record<FlowDial, Message> = {
  'Dual-Track': msg('roadmap.method.dual_track'),
  Scrum: msg('roadmap.method.scrum', { weeks: SPRINT_WEEKS }),
  Kanban: msg('roadmap.method.kanban'),
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

export function planRoadmap(spec: Spec, model: Model): RoadmapView {
  const implied = spec.milestones.length === 0;
  const milestones = implied ? [impliedMilestone(spec)] : planMilestones(spec, model.timeline);
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
    dual_track: flow === 'Dual-Track' ? dualTrack(model, milestones, unscheduled) : null,
    scrum: flow === 'Scrum' ? scrum(milestones, model) : null,
    kanban: flow === 'Kanban' ? kanban(spec, milestones, model) : null,
    plan_detail: spec.dials.audience !== 'Executive',
    outcomes: milestones.map((m) => {
      const ids = m.deliverables
        .filter((d) => d.known)
        .map((d) => d.id)
        .join(', ');
      return msg('roadmap.outcome', {
        week: m.end_week,
        goal: m.goal,
        id: m.id,
        features: ids || msg('brief.milestone.no_features'),
      });
    }),
  };
}

const agent = {
  id: 'studio:roadmapper',
  produces: 'roadmap',
  needs: ['model'],
  description:
    'Roadmap from the milestones, shaped by the flow dial: dual tracks, sprints or a WIP-limited flow.',
  run: (ctx: AgentContext): RoadmapView => planRoadmap(ctx.spec, ctx.inputs.model as Model),
} satisfies AgentDefinition<RoadmapView>;

export default agent;
