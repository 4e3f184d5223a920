// Links between spec items by shared words. Used to say which features an SLO or a threat concerns, so
// documents can cite ids instead of leaving the reader to guess. Deterministic: spec order, no ties broken
// by chance.
import type { DeepReadonly, Feature } from '@studio/sdk';
import { keywords } from './text.js';

/** All the words of a feature a reader would use to refer to it. */
export function featureKeywords(feature: DeepReadonly<Feature>): Set<string> {
  const text = [
    feature.name,
    feature.description,
    ...feature.acceptance.map((a) => a.text),
    ...feature.flow.map((s) => `${s.from} ${s.to} ${s.message}`),
  ].join(' ');
  return keywords(text);
}

/**
 * Ids of the features (spec order) that `text` is about. A feature counts when it shares at least half
 * as many significant words as the best match (and at least two, unless the best match has only one):
 * "queue changes visible on staff screens" picks the staff dashboard, not every feature with "queue".
 */
export function relatedFeatureIds(features: readonly DeepReadonly<Feature>[], text: string): string[] {
  const k = keywords(text);
  const scores = features.map((f) => [...featureKeywords(f)].filter((w) => k.has(w)).length);
  const top = Math.max(0, ...scores);
  if (top === 0) return [];
  const threshold = Math.max(Math.ceil(top / 2), Math.min(2, top));
  return features.filter((_, i) => (scores[i] ?? 0) >= threshold).map((f) => f.id);
}
