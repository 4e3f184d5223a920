// Rules a JSON Schema cannot express: ids unique within their kind, names unique where documents
// are keyed by them, and milestone deliverables that name real features. Pointers are Source Spec
// pointers; for these fields they are also the pointers of the Idea Card / Decision Sheet.
import type { SourceSpec } from '@studio/sdk';
import type { ErrorDetail } from '../errors/studio-error.js';
import { foldName } from '../schemas/closest.js';

interface Keyed {
  pointer: string;
  key: string;
}

function duplicates(kind: string, items: readonly Keyed[], hint: string): ErrorDetail[] {
  const first = new Map<string, string>();
  const out: ErrorDetail[] = [];
  for (const { pointer, key } of items) {
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, pointer);
      continue;
    }
    out.push({ pointer, message: `${kind} "${key}" is used twice (first at ${earlier})`, hint });
  }
  return out;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Every semantic problem of a (schema-valid) spec, in spec order. Empty = none. */
export function checkSpecRules(spec: SourceSpec): ErrorDetail[] {
  const uniqueId = 'Ids must be unique within their kind; change or remove one of them.';
  const problems: ErrorDetail[] = [
    ...duplicates(
      'feature id',
      spec.features.map((f, i) => ({ pointer: `/features/${i}/id`, key: f.id })),
      uniqueId,
    ),
    ...duplicates(
      'acceptance criterion id',
      spec.features.flatMap((f, i) =>
        f.acceptance.map((a, j) => ({ pointer: `/features/${i}/acceptance/${j}/id`, key: a.id })),
      ),
      'Acceptance criterion ids become test case ids and must be unique across all features.',
    ),
    ...duplicates(
      'risk id',
      spec.risks.map((r, i) => ({ pointer: `/risks/${i}/id`, key: r.id })),
      uniqueId,
    ),
    ...duplicates(
      'decision id',
      spec.decisions.map((d, i) => ({ pointer: `/decisions/${i}/id`, key: d.id })),
      uniqueId,
    ),
    ...duplicates(
      'entity name',
      spec.entities.map((e, i) => ({ pointer: `/entities/${i}/name`, key: e.name })),
      'Each entity becomes one contract file named after it; give each a different name.',
    ),
    ...spec.entities.flatMap((e, i) =>
      duplicates(
        `field of ${e.name}`,
        e.fields.map((f, j) => ({ pointer: `/entities/${i}/fields/${j}/name`, key: f.name })),
        'Field names must be unique within an entity.',
      ),
    ),
    ...duplicates(
      'SLO id',
      spec.ops.slos.map((s, i) => ({ pointer: `/ops/slos/${i}/id`, key: s.id })),
      uniqueId,
    ),
    ...duplicates(
      'participant',
      spec.participants.map((p, i) => ({ pointer: `/participants/${i}/name`, key: p.name.toLowerCase() })),
      'Declare each participant once (names are compared case-insensitively).',
    ),
    ...duplicates(
      'milestone id',
      spec.milestones.map((m, i) => ({ pointer: `/milestones/${i}/id`, key: m.id })),
      uniqueId,
    ),
  ];
  const featureIds = spec.features.map((f) => f.id);
  spec.milestones.forEach((m, i) => {
    m.deliverables.forEach((d, j) => {
      if (featureIds.includes(d)) return;
      // Only a case/separator slip is suggested: short ids like F-1 and F-9 are all one edit apart.
      const guess = featureIds.find((id) => foldName(id) === foldName(d));
      problems.push({
        pointer: `/milestones/${i}/deliverables/${j}`,
        message: `deliverable "${d}" is not the id of a feature${guess ? ` — did you mean "${guess}"?` : ''}`,
        hint:
          featureIds.length > 0
            ? `Deliverables name feature ids from the Idea Card: ${featureIds.join(', ')}.`
            : 'Deliverables name feature ids from the Idea Card; it has no features yet.',
      });
    });
  });
  const entityNames = spec.entities.map((e) => e.name);
  spec.entities.forEach((e, i) => {
    e.fields.forEach((f, j) => {
      if (f.references !== null && !entityNames.includes(f.references)) {
        problems.push({
          pointer: `/entities/${i}/fields/${j}/references`,
          message: `"${f.references}" is not the name of an entity`,
          hint: `References name an entity of the Decision Sheet: ${entityNames.join(', ')}.`,
        });
      }
      if (f.pattern !== null && !compiles(f.pattern)) {
        problems.push({
          pointer: `/entities/${i}/fields/${j}/pattern`,
          message: 'the pattern is not a valid regular expression',
          hint: 'Write an ECMAScript regular expression, e.g. ^[A-Z]{3}$.',
        });
      }
    });
  });
  spec.ops.slos.forEach((s, i) => {
    s.features.forEach((d, j) => {
      if (featureIds.includes(d)) return;
      problems.push({
        pointer: `/ops/slos/${i}/features/${j}`,
        message: `"${d}" is not the id of a feature`,
        hint: `An SLO covers features by id: ${featureIds.join(', ') || 'the Idea Card has none yet'}.`,
      });
    });
  });
  return problems;
}
