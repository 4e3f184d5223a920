import type { SourceSpec } from '@studio/sdk';
import { describe, expect, it } from 'vitest';
import { migrateSpec } from '../../src/spec/migrations/index.js';
import { SPEC_LIMITS, checkSpecLimits, checkSpecRules } from '../../src/spec/rules.js';
import { undeclaredSections } from './helpers.js';

/** A spec written in the 1.0 shape, migrated to today's format (every 1.1 fact "not declared"). */
function spec(patch: Partial<SourceSpec> = {}): SourceSpec {
  return migrateSpec({
    meta: { spec_version: '1.0.0', locale: 'en-US', generator: 'test' },
    title: 'T',
    one_liner: 'o',
    problem: 'p',
    audience: [],
    goals: [],
    non_goals: [],
    features: [{ id: 'F-1', name: 'f', description: 'd', priority: 'must', acceptance: [], flow: [] }],
    metrics: [],
    constraints: [],
    assumptions: [],
    risks: [],
    dials: { audience: 'Balanced', flow: 'Scrum', test: 'Pyramid' },
    ...undeclaredSections(),
    open_questions: [],
    ...patch,
  }).spec as SourceSpec;
}

const milestone = (id: string, weeks: number | null) => ({
  id,
  name: id,
  goal: 'g',
  duration_weeks: weeks,
  deliverables: ['F-1'],
});

describe('spec limits', () => {
  it('accepts a spec within every limit', () => {
    expect(checkSpecRules(spec({ milestones: [milestone('M-1', 520)] }))).toEqual([]);
  });

  it('refuses one milestone over 520 weeks, and milestones adding up to more', () => {
    expect(checkSpecLimits(spec({ milestones: [milestone('M-1', 1e9)] })).map((p) => p.pointer)).toEqual([
      '/milestones/0/duration_weeks',
    ]);
    const three = checkSpecLimits(
      spec({
        milestones: [
          milestone('M-1', 300),
          milestone('M-2', null),
          milestone('M-3', 300),
          milestone('M-4', 300),
        ],
      }),
    );
    expect(three.map((p) => p.pointer)).toEqual(['/milestones/2/duration_weeks']);
    expect(three[0]!.message).toContain('600 weeks');
  });

  it('refuses a text or a list over the limits, with its pointer, before any other rule runs', () => {
    const long = 'x'.repeat(SPEC_LIMITS.maxText + 1);
    const problems = checkSpecRules(
      spec({
        title: long,
        goals: Array.from({ length: SPEC_LIMITS.maxItems + 1 }, () => 'g'),
        risks: [
          { id: 'R-1', description: 'd', likelihood: 'low', impact: 'low', mitigation: '' },
          { id: 'R-1', description: 'd', likelihood: 'low', impact: 'low', mitigation: '' },
        ],
      }),
    );
    expect(problems.map((p) => p.pointer)).toEqual(['/title', '/goals']);
  });

  it('refuses more acceptance criteria in all than the limit, at the feature that crosses it', () => {
    const feature = (i: number, n: number) => ({
      id: `F-${i + 1}`,
      name: 'f',
      description: 'd',
      priority: 'must' as const,
      acceptance: Array.from({ length: n }, (_, j) => ({
        id: `F-${i + 1}-AC-${j + 1}`,
        text: 'a',
        level: null,
      })),
      flow: [],
    });
    const per = 50;
    const full = SPEC_LIMITS.maxCriteria / per;
    const at = checkSpecLimits(spec({ features: Array.from({ length: full }, (_, i) => feature(i, per)) }));
    expect(at).toEqual([]);
    const over = checkSpecLimits(
      spec({ features: [...Array.from({ length: full }, (_, i) => feature(i, per)), feature(full, 1)] }),
    );
    expect(over.map((p) => p.pointer)).toEqual([`/features/${full}/acceptance`]);
    expect(over[0]!.message).toContain(`${SPEC_LIMITS.maxCriteria + 1} acceptance criteria`);
  });

  it('refuses more milestone deliverables in all than the limit', () => {
    const m = (i: number, n: number) => ({
      ...milestone(`M-${i + 1}`, 1),
      deliverables: Array<string>(n).fill('F-1'),
    });
    const full = SPEC_LIMITS.maxDeliverables / 2000;
    const ok = Array.from({ length: full }, (_, i) => m(i, 2000));
    expect(checkSpecLimits(spec({ milestones: ok }))).toEqual([]);
    const over = checkSpecLimits(spec({ milestones: [...ok, m(full, 1)] }));
    expect(over.map((p) => p.pointer)).toEqual([`/milestones/${full}/deliverables`]);
  });

  it('does not count the derived open questions against the list limit (the input cannot shorten them)', () => {
    const questions = Array.from({ length: SPEC_LIMITS.maxItems + 1 }, (_, i) => ({
      pointer: `/features/${i}/description`,
      question: 'q',
      placeholder: 'p',
    }));
    expect(checkSpecLimits(spec({ open_questions: questions }))).toEqual([]);
  });

  it('keeps each problem short when thousands of deliverables name unknown features', () => {
    const features = Array.from({ length: 2000 }, (_, i) => ({
      id: `F-${i + 1}`,
      name: 'f',
      description: 'd',
      priority: 'must' as const,
      acceptance: [],
      flow: [],
    }));
    const deliverables = Array.from({ length: 2000 }, (_, i) => (i === 0 ? 'f_1' : `X-${i}`));
    const problems = checkSpecRules(
      spec({ features, milestones: [{ ...milestone('M-1', 2), deliverables }] }),
    );
    expect(problems).toHaveLength(2000);
    expect(problems[0]!.message).toContain('did you mean "F-1"?');
    for (const p of problems) expect((p.hint ?? '').length).toBeLessThan(400);
    expect(problems[1]!.hint).toContain('(2000 in all)');
  });

  it('still reports duplicate ids and unknown deliverables within the limits', () => {
    const problems = checkSpecRules(
      spec({ milestones: [{ ...milestone('M-1', 2), deliverables: ['F-9'] }] }),
    );
    expect(problems.map((p) => p.pointer)).toEqual(['/milestones/0/deliverables/0']);
  });
});
