// Rules a JSON Schema cannot express: ids unique within their kind, names unique where documents
// are keyed by them, and milestone deliverables that name real features. Pointers are Source Spec
// pointers; for these fields they are also the pointers of the Idea Card / Decision Sheet.
import type { SourceSpec } from '@studio/sdk';
import type { ErrorDetail } from '../errors/studio-error.js';
import { foldName } from '../schemas/closest.js';
import { escapeSegment } from '../inputs/json-pointer.js';

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

/** Bounds on the work a spec can ask for. The Idea Card and Decision Sheet schemas state tighter,
 *  per-field limits; these also hold for a ready Source Spec (--spec), whose schema has none. */
export const SPEC_LIMITS = {
  /** Characters in any one text. */
  maxText: 5000,
  /** Items in any one list (features are the longest list). */
  maxItems: 2000,
  /** Weeks in one milestone, and in all milestones together: the Scrum roadmap plans one sprint per
   *  two weeks of the whole plan. */
  maxDurationWeeks: 520,
} as const;

function limitProblems(value: unknown, pointer: string, out: ErrorDetail[]): void {
  if (out.length >= 20) return;
  if (typeof value === 'string') {
    if (value.length > SPEC_LIMITS.maxText) {
      out.push({
        pointer,
        message: `text of ${value.length} characters is longer than the limit of ${SPEC_LIMITS.maxText}`,
        hint: 'Shorten it; long material belongs in a linked document.',
      });
    }
  } else if (Array.isArray(value)) {
    if (value.length > SPEC_LIMITS.maxItems) {
      out.push({
        pointer,
        message: `list of ${value.length} items is longer than the limit of ${SPEC_LIMITS.maxItems}`,
        hint: 'Split the product into several specs.',
      });
    }
    value.forEach((v, i) => limitProblems(v, `${pointer}/${i}`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) limitProblems(v, `${pointer}/${escapeSegment(k)}`, out);
  }
}

/** Problems with the size of a spec: texts, lists and milestone lengths over SPEC_LIMITS. */
export function checkSpecLimits(spec: SourceSpec): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  limitProblems(spec, '', out);
  let total = 0;
  spec.milestones.forEach((m, i) => {
    if (m.duration_weeks !== null && m.duration_weeks > SPEC_LIMITS.maxDurationWeeks) {
      out.push({
        pointer: `/milestones/${i}/duration_weeks`,
        message: `${m.duration_weeks} weeks is longer than the limit of ${SPEC_LIMITS.maxDurationWeeks}`,
        hint: 'A milestone lasts at most 520 weeks (10 years); split a longer one.',
      });
      return;
    }
    // Milestones are laid end to end and the roadmap plans every sprint of the whole plan.
    const before = total;
    total += m.duration_weeks ?? 0;
    if (before <= SPEC_LIMITS.maxDurationWeeks && total > SPEC_LIMITS.maxDurationWeeks) {
      out.push({
        pointer: `/milestones/${i}/duration_weeks`,
        message: `the milestones up to this one last ${total} weeks, longer than the plan limit of ${SPEC_LIMITS.maxDurationWeeks}`,
        hint: 'A plan covers at most 520 weeks (10 years); shorten the milestones or plan the rest later.',
      });
    }
  });
  return out;
}

/** Every semantic problem of a (schema-valid) spec, in spec order. Empty = none. */
export function checkSpecRules(spec: SourceSpec): ErrorDetail[] {
  const limits = checkSpecLimits(spec);
  // An oversized spec is refused on size alone: the other rules would do the unbounded work.
  if (limits.length > 0) return limits;
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
  // A set: 200 milestones × 2,000 deliverables × 2,000 features would be 8·10^8 comparisons.
  const known = new Set(featureIds);
  spec.milestones.forEach((m, i) => {
    m.deliverables.forEach((d, j) => {
      if (known.has(d)) return;
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
