// Properties of the SpecBuilder over generated inputs: it fails only with StudioError, it is
// deterministic, and building from a built spec is a fixed point.
import fc from 'fast-check';
import type { SourceSpec } from '@studio/sdk';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../src/errors/studio-error.js';
import { buildSpec } from '../../src/spec/build-spec.js';
import { canonicalJson } from '../../src/util/canonical-json.js';

/** Turn a Source Spec back into an Idea Card and a Decision Sheet (the builder's inverse). */
function toInputs(spec: SourceSpec): { idea: unknown; decisions: unknown } {
  const {
    meta,
    dials,
    decisions,
    stack,
    entities,
    ops,
    security,
    milestones,
    open_questions: _oq,
    participants,
    ...idea
  } = spec;
  // The spec lists metrics twice (names, and instruments with their types); the sheet once.
  const { instruments, ...observability } = ops.observability;
  const metrics = instruments.map((m) =>
    m.type === null ? m.name : { name: m.name, type: m.type, description: m.description },
  );
  const sheetOps = { ...ops, observability: { ...observability, metrics } };
  const threats = security.threats.map((t) =>
    t.categories.length === 0 ? t.name : { ...t, categories: [...t.categories] },
  );
  const sheetSecurity = { data_classification: security.data_classification, threats_in_scope: threats };
  return {
    idea: JSON.parse(JSON.stringify(idea)),
    decisions: JSON.parse(
      JSON.stringify({
        dials,
        locale: meta.locale,
        decisions,
        participants,
        stack,
        entities,
        ops: sheetOps,
        security: sheetSecurity,
        milestones,
      }),
    ),
  };
}

const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => /\S/.test(s));
const maybeText = fc.option(fc.oneof(text, fc.constant('')), { nil: null });
const list = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { maxLength: 3 });
const id = fc.option(fc.constantFrom('F-1', 'F-2', 'F-9', 'A', 'R-1', 'ADR-0001', 'M-1', 'SLO-1'), {
  nil: undefined,
});
const withId = <T extends object>(arb: fc.Arbitrary<T>) =>
  fc.tuple(arb, id).map(([o, i]) => (i === undefined ? o : { ...o, id: i }));
const level = fc.constantFrom('low', 'medium', 'high');

const ideaArb = fc.record(
  {
    title: text,
    one_liner: maybeText,
    problem: maybeText,
    audience: list(fc.record({ name: text, needs: list(text) }, { requiredKeys: ['name'] })),
    goals: list(text),
    non_goals: list(text),
    features: list(
      withId(
        fc.record(
          {
            name: text,
            description: maybeText,
            priority: fc.constantFrom('must', 'should', 'could', 'wont'),
            acceptance: list(fc.oneof(text, withId(fc.record({ text })))),
            flow: list(fc.record({ from: text, to: text, message: text })),
          },
          { requiredKeys: ['name', 'priority'] },
        ),
      ),
    ),
    metrics: list(
      fc.record({ name: text, target: fc.oneof(text, fc.integer()), window: fc.option(text, { nil: null }) }),
    ),
    constraints: list(text),
    risks: list(
      withId(fc.record({ description: text, likelihood: level, impact: level, mitigation: maybeText })),
    ),
  },
  { requiredKeys: ['title', 'one_liner', 'problem', 'audience', 'goals', 'features'] },
);

const decisionsArb = fc.record(
  {
    dials: fc.record(
      {
        audience: fc.constantFrom('Balanced', 'Engineering', 'Executive'),
        flow: fc.constantFrom('Dual-Track', 'Scrum', 'Kanban'),
        test: fc.constantFrom('Pyramid', 'Trophy', 'Diamond'),
      },
      { requiredKeys: [] },
    ),
    locale: fc.constantFrom('en-US', 'fr-CA', 'de'),
    decisions: list(
      withId(
        fc.record({
          title: text,
          status: fc.constantFrom('proposed', 'accepted', 'superseded'),
          context: text,
          choice: text,
          alternatives: list(text),
        }),
      ),
    ),
    stack: fc.record(
      { languages: list(text), hosting: fc.option(text, { nil: null }) },
      { requiredKeys: [] },
    ),
    entities: list(
      fc.record({
        name: text,
        fields: fc.array(
          fc.oneof(
            fc.record({ name: text, type: fc.constantFrom('string', 'uuid', 'date') }),
            fc.record({
              name: text,
              type: fc.constant('enum'),
              values: fc.array(text, { minLength: 1, maxLength: 3 }),
            }),
          ),
          { minLength: 1, maxLength: 3 },
        ),
      }),
    ),
    ops: fc.record(
      {
        slos: list(
          withId(
            fc.record({
              name: text,
              sli: text,
              objective: fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true })),
              window: text,
            }),
          ),
        ),
        observability: fc.record({ traces: fc.boolean() }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    milestones: list(
      withId(
        fc.record(
          {
            name: text,
            goal: text,
            duration_weeks: fc.option(fc.integer({ min: 1, max: 52 }), { nil: null }),
            deliverables: list(fc.constantFrom('F-1', 'F-2')),
          },
          { requiredKeys: ['name', 'goal'] },
        ),
      ),
    ),
  },
  { requiredKeys: [] },
);

/** Build, or undefined when the generated inputs break a semantic rule (e.g. duplicate ids). */
function tryBuild(idea: unknown, decisions: unknown) {
  try {
    return buildSpec({ idea, decisions });
  } catch (error) {
    if (error instanceof StudioError && error.code === 'E_SPEC_INVALID') return undefined;
    throw error;
  }
}

describe('buildSpec properties', () => {
  it('throws nothing but StudioError on arbitrary values', () => {
    const loose = fc.oneof(
      fc.anything(),
      fc.dictionary(
        fc.constantFrom('title', 'features', 'audience', 'goals', 'one_liner', 'problem', 'dials'),
        fc.anything(),
      ),
    );
    fc.assert(
      fc.property(loose, fc.option(loose, { nil: undefined }), (idea, decisions) => {
        try {
          buildSpec({ idea, decisions });
        } catch (error) {
          expect(error).toBeInstanceOf(StudioError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('throws nothing but StudioError on near-valid inputs, with a pointer on every detail', () => {
    fc.assert(
      fc.property(ideaArb, decisionsArb, (idea, decisions) => {
        try {
          buildSpec({ idea, decisions });
        } catch (error) {
          expect(error).toBeInstanceOf(StudioError);
          for (const d of (error as StudioError).details) expect(typeof d.pointer).toBe('string');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic and building from a built spec is idempotent', () => {
    fc.assert(
      fc.property(ideaArb, decisionsArb, (idea, decisions) => {
        const first = tryBuild(idea, decisions);
        if (!first) return;
        expect(canonicalJson(buildSpec({ idea, decisions }).spec)).toBe(canonicalJson(first.spec));
        // Placeholders become ordinary text when fed back, so only the open questions differ…
        const again = toInputs(first.spec);
        const second = buildSpec(again as { idea: unknown; decisions: unknown });
        expect(second.spec).toEqual({ ...first.spec, open_questions: [] });
        // …and from then on the spec is a fixed point.
        const third = buildSpec(toInputs(second.spec) as { idea: unknown; decisions: unknown });
        expect(canonicalJson(third.spec)).toBe(canonicalJson(second.spec));
      }),
      { numRuns: 150 },
    );
  });
});
