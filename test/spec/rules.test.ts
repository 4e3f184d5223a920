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

  it('still reports duplicate ids and unknown deliverables within the limits', () => {
    const problems = checkSpecRules(
      spec({ milestones: [{ ...milestone('M-1', 2), deliverables: ['F-9'] }] }),
    );
    expect(problems.map((p) => p.pointer)).toEqual(['/milestones/0/deliverables/0']);
  });
});
