// Rules a JSON Schema cannot express: ids unique within their kind, names unique where documents
// are keyed by them, and milestone deliverables that name real features. Pointers are Source Spec
// pointers; for these fields they are also the pointers of the Idea Card / Decision Sheet.
import type { SourceSpec } from '@studio/sdk';
import type { ErrorDetail } from '../errors/studio-error.js';
import { foldName } from '../schemas/closest.js';
import { toPointer } from '../inputs/json-pointer.js';

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

/** Ids a hint lists before it abbreviates. */
const HINT_IDS = 20;

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
  /** Acceptance criteria of all features together: each becomes a test case with its feature's steps,
   *  so 2,000 features × 50 criteria would be a 100,000-case test plan from a 500 KB card. */
  maxCriteria: 10_000,
  /** Deliverables of all milestones together: the roadmap and the PRD print each with its feature's
   *  name, so 200 milestones × 2,000 deliverables would be 85 MB of roadmap from a 1 MB sheet. Twice the
   *  feature limit lets every feature span two milestones. */
  maxDeliverables: 4_000,
} as const;

// Derived from the inputs (one question per missing item), so bounded by them; the user cannot shorten it.
const DERIVED_LISTS = new Set(['/open_questions']);

// The value's path is kept as segments and made a pointer only for a problem: a large spec has
// hundreds of thousands of values.
function limitProblems(value: unknown, path: (string | number)[], out: ErrorDetail[]): void {
  if (out.length >= 20) return;
  if (typeof value === 'string') {
    if (value.length > SPEC_LIMITS.maxText) {
      out.push({
        pointer: toPointer(path),
        message: `text of ${value.length} characters is longer than the limit of ${SPEC_LIMITS.maxText}`,
        hint: 'Shorten it; long material belongs in a linked document.',
      });
    }
  } else if (Array.isArray(value)) {
    if (value.length > SPEC_LIMITS.maxItems) {
      const pointer = toPointer(path);
      if (!DERIVED_LISTS.has(pointer))
        out.push({
          pointer,
          message: `list of ${value.length} items is longer than the limit of ${SPEC_LIMITS.maxItems}`,
          hint: 'Split the product into several specs.',
        });
    }
    for (let i = 0; i < value.length; i += 1) {
      path.push(i);
      limitProblems(value[i], path, out);
      path.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      path.push(k);
      limitProblems((value as Record<string, unknown>)[k], path, out);
      path.pop();
    }
  }
}

/** Problems with the size of a spec: texts, lists and milestone lengths over SPEC_LIMITS. */
export function checkSpecLimits(spec: SourceSpec): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  limitProblems(spec, [], out);
  let criteria = 0;
  for (const [i, f] of spec.features.entries()) {
    criteria += f.acceptance.length;
    if (criteria > SPEC_LIMITS.maxCriteria) {
      out.push({
        pointer: `/features/${i}/acceptance`,
        message: `the features up to this one have ${criteria} acceptance criteria, more than the limit of ${SPEC_LIMITS.maxCriteria}`,
        hint: 'Each criterion becomes a test case; split the product into several specs.',
      });
      break;
    }
  }
  let deliverables = 0;
  for (const [i, m] of spec.milestones.entries()) {
    deliverables += m.deliverables.length;
    if (deliverables > SPEC_LIMITS.maxDeliverables) {
      out.push({
        pointer: `/milestones/${i}/deliverables`,
        message: `the milestones up to this one have ${deliverables} deliverables, more than the limit of ${SPEC_LIMITS.maxDeliverables}`,
        hint: 'List each feature in the milestone that delivers it (at most twice the feature limit in all).',
      });
      break;
    }
  }
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
  const folded = new Map<string, string>();
  for (const id of featureIds) if (!folded.has(foldName(id))) folded.set(foldName(id), id);
  // Hints name the ids, but not thousands of them in each of thousands of problems.
  const someIds = (ids: readonly string[]) =>
    ids.length > HINT_IDS ? `${ids.slice(0, HINT_IDS).join(', ')}, … (${ids.length} in all)` : ids.join(', ');
  spec.milestones.forEach((m, i) => {
    m.deliverables.forEach((d, j) => {
      if (known.has(d)) return;
      // Only a case/separator slip is suggested: short ids like F-1 and F-9 are all one edit apart.
      const guess = folded.get(foldName(d));
      problems.push({
        pointer: `/milestones/${i}/deliverables/${j}`,
        message: `deliverable "${d}" is not the id of a feature${guess ? ` — did you mean "${guess}"?` : ''}`,
        hint:
          featureIds.length > 0
            ? `Deliverables name feature ids from the Idea Card: ${someIds(featureIds)}.`
            : 'Deliverables name feature ids from the Idea Card; it has no features yet.',
      });
    });
  });
  const entityNames = spec.entities.map((e) => e.name);
  const knownEntities = new Set(entityNames);
  spec.entities.forEach((e, i) => {
    e.fields.forEach((f, j) => {
      if (f.references !== null && !knownEntities.has(f.references)) {
        problems.push({
          pointer: `/entities/${i}/fields/${j}/references`,
          message: `"${f.references}" is not the name of an entity`,
          hint: `References name an entity of the Decision Sheet: ${someIds(entityNames)}.`,
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
      if (known.has(d)) return;
      problems.push({
        pointer: `/ops/slos/${i}/features/${j}`,
        message: `"${d}" is not the id of a feature`,
        hint: `An SLO covers features by id: ${someIds(featureIds) || 'the Idea Card has none yet'}.`,
      });
    });
  });
  return problems;
}
