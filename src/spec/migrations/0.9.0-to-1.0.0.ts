// Source Spec 0.9 → 1.0.
// 0.9 specs (engines before the first release) differ in three ways:
//   - the test dial was `dials.test_strategy`; 1.0 calls it `dials.test`;
//   - acceptance criteria were plain strings in `features[].acceptance_criteria`; 1.0 has
//     `features[].acceptance` as {id, text} with ids `<feature id>-AC-<n>`;
//   - there was no `open_questions` list.
import type { SpecMigration } from './types.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export const migration: SpecMigration = {
  id: '0.9.0-to-1.0.0',
  from: '0.9',
  to: '1.0.0',
  description:
    'rename dials.test_strategy to dials.test; features[].acceptance_criteria to acceptance with ids',
  up(spec) {
    if (isObject(spec.dials) && 'test_strategy' in spec.dials) {
      const { test_strategy: test, ...rest } = spec.dials;
      spec.dials = { ...rest, test: rest.test ?? test };
    }
    if (Array.isArray(spec.features)) {
      for (const feature of spec.features) {
        if (!isObject(feature) || !('acceptance_criteria' in feature)) continue;
        const criteria = Array.isArray(feature.acceptance_criteria) ? feature.acceptance_criteria : [];
        const id = typeof feature.id === 'string' ? feature.id : 'F';
        delete feature.acceptance_criteria;
        feature.acceptance = criteria.map((c, i) =>
          isObject(c) ? c : { id: `${id}-AC-${i + 1}`, text: typeof c === 'string' ? c : String(c) },
        );
      }
    }
    if (!('open_questions' in spec)) spec.open_questions = [];
    return spec;
  },
};
