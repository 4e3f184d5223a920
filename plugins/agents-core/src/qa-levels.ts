// Choosing a test level for each acceptance criterion from what proving it needs, never from its
// wording: a level the author declared wins; otherwise the feature's declared flow decides (a step
// into an external system or a data store needs an integration test; a person driving one service
// needs an end-to-end test; one service alone is a unit concern). A feature without a flow gets the
// dial's widest layer, stated as a default. The dial's mix is a target the result is compared with,
// never a quota that moves cases between levels.
import type { DeepReadonly, Feature, ProductModel, TestDial, TestLevel } from '@studio/sdk';

export const LEVELS: readonly TestLevel[] = ['unit', 'integration', 'e2e'];

/** Target percentages per dial, in LEVELS order. */
export const TARGET_MIX: Record<TestDial, Record<TestLevel, number>> = {
  Pyramid: { unit: 70, integration: 20, e2e: 10 },
  // The trophy's base is static analysis (not per criterion); of the remaining tests, integration dominates.
  Trophy: { unit: 20, integration: 55, e2e: 25 },
  Diamond: { unit: 10, integration: 80, e2e: 10 },
};

/** The widest layer of each shape: the default for a criterion nothing else decides. */
export const DEFAULT_LEVEL: Record<TestDial, TestLevel> = {
  Pyramid: 'unit',
  Trophy: 'integration',
  Diamond: 'integration',
};

/** The level chosen for one criterion and why. */
export interface LevelChoice {
  level: TestLevel;
  /** declared: the author chose; flow: the feature's flow decided; default: the dial's widest layer. */
  basis: 'declared' | 'flow' | 'default';
  /** Names of the participants that decided it (flow basis), else empty. */
  because: string[];
}

// One index per model (a find per participant is features × participants at scale).
const indexes = new WeakMap<object, Map<string, DeepReadonly<ProductModel>['participants'][number]>>();
function participantById(model: DeepReadonly<ProductModel>) {
  let index = indexes.get(model.participants);
  if (index === undefined) {
    index = new Map(model.participants.map((p) => [p.id, p]));
    indexes.set(model.participants, index);
  }
  return index;
}

export function chooseLevel(
  declared: TestLevel | null,
  feature: DeepReadonly<Feature>,
  model: DeepReadonly<ProductModel>,
  dial: TestDial,
  // The feature's flows when the caller has them indexed (a filter per criterion is quadratic at scale).
  featureFlows?: DeepReadonly<ProductModel['flows']>,
): LevelChoice {
  if (declared !== null) return { level: declared, basis: 'declared', because: [] };
  const flows = featureFlows ?? model.flows.filter((f) => f.feature_id === feature.id);
  if (flows.length === 0) return { level: DEFAULT_LEVEL[dial], basis: 'default', because: [] };
  const ids = [...new Set(flows.flatMap((f) => [f.from, f.to]))];
  const parts = ids.map((id) => participantById(model).get(id)!);
  const boundary = parts.filter((p) => p.kind === 'external' || p.kind === 'datastore');
  if (boundary.length > 0)
    return { level: 'integration', basis: 'flow', because: boundary.map((p) => p.name) };
  const people = parts.filter((p) => p.kind === 'person');
  const services = parts.filter((p) => p.kind === 'internal');
  if (people.length > 0 && services.length > 0)
    return { level: 'e2e', basis: 'flow', because: [...people, ...services].map((p) => p.name) };
  if (services.length === 1) return { level: 'unit', basis: 'flow', because: [services[0]!.name] };
  if (services.length > 1)
    return { level: 'integration', basis: 'flow', because: services.map((p) => p.name) };
  return { level: DEFAULT_LEVEL[dial], basis: 'default', because: [] };
}
