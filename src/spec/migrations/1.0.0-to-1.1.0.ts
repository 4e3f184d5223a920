// Source Spec 1.0 → 1.1: declared facts instead of guesses. Every new key gets its "not declared"
// value, so a migrated spec says exactly what the 1.0 spec said and the documents raise open
// questions for the rest:
//   - `participants` (kind and trust zone per flow participant): empty;
//   - flow steps: `reply` and `on_failure` null; acceptance criteria: `level` null;
//   - entity fields: `classification` PII when `pii` was true, else none; `pattern`, `minimum`,
//     `maximum`, `max_length`, `example`, `references` null; entities: `transitions` empty;
//   - decisions: `date` null; `deciders`, `drivers`, `pros`, `cons` empty;
//   - SLOs: `good_events`, `valid_events`, `measured_at` null, `features` empty (the whole product);
//   - stack: `hosting_model` null, `regions` empty, `deploy_target` null;
//   - observability: `instruments`, one per metric name with type null;
//   - security: `threats`, one per threat in scope with no declared category.
import type { SpecMigration } from './types.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Set `key` to `value` unless the spec already has it (a hand-edited spec keeps its own). */
function fill(target: Json, key: string, value: unknown): void {
  if (!(key in target)) target[key] = value;
}

export const migration: SpecMigration = {
  id: '1.0.0-to-1.1.0',
  from: '1.0',
  to: '1.1.0',
  description:
    'add declared facts (participants, transitions, classifications, SLI events, hosting, metric types) as undeclared',
  up(spec) {
    fill(spec, 'participants', []);
    for (const d of objects(spec.decisions)) {
      fill(d, 'date', null);
      for (const key of ['deciders', 'drivers', 'pros', 'cons']) fill(d, key, []);
    }
    for (const feature of objects(spec.features)) {
      for (const step of objects(feature.flow)) {
        fill(step, 'reply', null);
        fill(step, 'on_failure', null);
      }
      for (const criterion of objects(feature.acceptance)) fill(criterion, 'level', null);
    }
    for (const entity of objects(spec.entities)) {
      fill(entity, 'transitions', []);
      for (const field of objects(entity.fields)) {
        fill(field, 'classification', field.pii === true ? 'PII' : 'none');
        for (const key of ['pattern', 'minimum', 'maximum', 'max_length', 'example', 'references'])
          fill(field, key, null);
      }
    }
    if (isObject(spec.stack)) {
      fill(spec.stack, 'hosting_model', null);
      fill(spec.stack, 'regions', []);
      fill(spec.stack, 'deploy_target', null);
    }
    if (isObject(spec.security)) {
      const names = Array.isArray(spec.security.threats_in_scope) ? spec.security.threats_in_scope : [];
      fill(
        spec.security,
        'threats',
        names.map((name) => ({ name, categories: [], target: null, mitigation: null })),
      );
    }
    if (isObject(spec.ops)) {
      for (const slo of objects(spec.ops.slos)) {
        fill(slo, 'good_events', null);
        fill(slo, 'valid_events', null);
        fill(slo, 'measured_at', null);
        fill(slo, 'features', []);
      }
      if (isObject(spec.ops.observability)) {
        const names = Array.isArray(spec.ops.observability.metrics) ? spec.ops.observability.metrics : [];
        fill(
          spec.ops.observability,
          'instruments',
          names.map((name) => ({ name, type: null, description: null })),
        );
      }
    }
    return spec;
  },
};
