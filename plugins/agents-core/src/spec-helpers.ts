// Small readings of the spec that more than one agent needs (priority order, milestone timeline), kept
// in one place so the PRD, the roadmap and the test plan never disagree.
import type { DeepReadonly, Feature, Level, Priority, ProductModel, ReadonlySpec as Spec } from '@studio/sdk';
import type { FeatureRef, PlannedMilestone } from './types.js';
import { uniqueSlugs } from './util/slug.js';

export { DEFAULT_MILESTONE_WEEKS } from './model/build-model.js';

const PRIORITY_RANK: Record<Priority, number> = { must: 0, should: 1, could: 2, wont: 3 };
const PRIORITY_LABEL: Record<Priority, string> = {
  must: 'Must',
  should: 'Should',
  could: 'Could',
  wont: "Won't",
};

/** MoSCoW order, must first. */
export const PRIORITIES: readonly Priority[] = ['must', 'should', 'could', 'wont'];

export function priorityRank(priority: Priority): number {
  return PRIORITY_RANK[priority];
}

export function priorityLabel(priority: Priority): string {
  return PRIORITY_LABEL[priority];
}

export function featureRef(feature: DeepReadonly<Feature>): FeatureRef {
  return {
    id: feature.id,
    name: feature.name,
    priority: feature.priority,
    priority_label: priorityLabel(feature.priority),
  };
}

/** Features by priority, ties kept in the author's order (Array.prototype.sort is stable). */
export function byPriority<T extends { priority: Priority }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => priorityRank(a.priority) - priorityRank(b.priority));
}

/** The model's timeline (milestones laid end to end from week 1), each deliverable resolved to its
 *  feature as the spec lists it. */
export function planMilestones(
  spec: Spec,
  timeline: DeepReadonly<ProductModel['timeline']>,
): PlannedMilestone[] {
  const features = new Map(spec.features.map((f) => [f.id, f]));
  return timeline.milestones.map((m, i) => ({
    ...m,
    deliverables: (spec.milestones[i]?.deliverables ?? []).map((id) => {
      const f = features.get(id);
      return f
        ? { ...featureRef(f), known: true, acceptance_ids: f.acceptance.map((a) => a.id) }
        : { id, name: id, priority: null, priority_label: '', known: false, acceptance_ids: [] };
    }),
    implied: false,
  }));
}

/** Features no milestone delivers, won't-haves excluded (they are out of scope on purpose). */
export function unscheduledFeatures(spec: Spec): FeatureRef[] {
  const scheduled = new Set(spec.milestones.flatMap((m) => m.deliverables));
  return spec.features.filter((f) => f.priority !== 'wont' && !scheduled.has(f.id)).map(featureRef);
}

/** Feature id → sequence-diagram slug, for features with a flow; shared so the PRD links the right file. */
export function sequenceSlugs(spec: Spec): Map<string, string> {
  const withFlow = spec.features.filter((f) => f.flow.length > 0);
  const slugs = uniqueSlugs(withFlow);
  return new Map(withFlow.map((f, i) => [f.id, slugs[i] ?? f.id]));
}

const LEVEL_SCORE: Record<Level, number> = { low: 1, medium: 2, high: 3 };

/** Likelihood × impact on 1–3 scales; 6+ is high because it needs at least one "high" and one "medium". */
export function scoreRisk(likelihood: Level, impact: Level): { score: number; severity: string } {
  const score = LEVEL_SCORE[likelihood] * LEVEL_SCORE[impact];
  return { score, severity: score >= 6 ? 'High' : score >= 3 ? 'Medium' : 'Low' };
}
