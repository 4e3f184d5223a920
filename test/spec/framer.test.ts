import { describe, expect, it } from 'vitest';
import { validateSchema } from '../../src/schemas/validate.js';
import { buildSpec } from '../../src/spec/build-spec.js';
import { PLACEHOLDER_PREFIX } from '../../src/spec/framer.js';
import { MINIMAL_IDEA } from './helpers.js';

/** The value a JSON pointer names. */
function at(doc: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
}

describe('Framer-lite', () => {
  it('fills every required-but-empty field of the smallest Idea Card with a visible placeholder', () => {
    const { spec, overrides } = buildSpec({ idea: MINIMAL_IDEA });
    expect(validateSchema('source_spec', spec)).toEqual([]);
    expect(overrides.map((o) => o.pointer)).toEqual([
      '/one_liner',
      '/problem',
      '/audience',
      '/goals',
      '/features',
      '/metrics',
      '/milestones',
    ]);
    expect(spec.open_questions).toEqual(overrides);
    for (const q of overrides) {
      expect(q.placeholder.startsWith(PLACEHOLDER_PREFIX)).toBe(true);
      expect(q.question).toMatch(/\?$/);
      // The placeholder really stands in the spec where the pointer says.
      expect(JSON.stringify(at(spec, q.pointer))).toContain(q.placeholder);
    }
    expect(spec.problem).toBe('TBD — state the problem this solves');
    expect(spec.features).toEqual([
      expect.objectContaining({
        id: 'F-1',
        priority: 'must',
        acceptance: [expect.objectContaining({ id: 'F-1-AC-1' })],
      }),
    ]);
    expect(spec.milestones[0]!.deliverables).toEqual(['F-1']);
  });

  it('treats whitespace-only and null text as empty', () => {
    const { overrides } = buildSpec({ idea: { ...MINIMAL_IDEA, one_liner: '  \n', problem: null } });
    expect(overrides.slice(0, 2).map((o) => o.pointer)).toEqual(['/one_liner', '/problem']);
  });

  it('fills a feature description and acceptance per feature, naming the feature in the question', () => {
    const idea = {
      ...MINIMAL_IDEA,
      one_liner: 'x',
      problem: 'y',
      audience: [{ name: 'A' }],
      goals: ['g'],
      metrics: [{ name: 'm', target: 't' }],
      features: [
        { id: 'F-1', name: 'Complete', description: 'd', priority: 'must', acceptance: ['ok'] },
        { id: 'F-1-AC-1-x', name: 'Bare', priority: 'could', acceptance: [] },
      ],
      risks: [{ description: 'Outage', likelihood: 'low', impact: 'high' }],
    };
    const decisions = { milestones: [{ name: 'M', goal: 'g', deliverables: ['F-1'] }] };
    const { spec, overrides } = buildSpec({ idea, decisions });
    expect(overrides).toEqual([
      {
        pointer: '/features/1/description',
        question: 'What does feature "Bare" do?',
        placeholder: 'TBD — describe what this feature does',
      },
      {
        pointer: '/features/1/acceptance',
        question: 'How will we know feature "Bare" works?',
        placeholder: 'TBD — state how we know this works',
      },
      {
        pointer: '/risks/0/mitigation',
        question: 'How will the risk "Outage" be reduced?',
        placeholder: 'TBD — describe how to reduce this risk',
      },
    ]);
    expect(spec.features[1]!.acceptance).toEqual([
      { id: 'F-1-AC-1-x-AC-1', text: 'TBD — state how we know this works', level: null },
    ]);
    expect(spec.features[0]!.acceptance).toEqual([{ id: 'F-1-AC-1', text: 'ok', level: null }]);
  });

  it('gives the placeholder milestone every must-have feature', () => {
    const features = [
      { name: 'a', priority: 'must' },
      { name: 'b', priority: 'should' },
      { name: 'c', priority: 'must' },
    ];
    const { spec } = buildSpec({ idea: { ...MINIMAL_IDEA, features } });
    expect(spec.milestones).toEqual([
      {
        id: 'M-1',
        name: 'TBD — name the first milestone',
        goal: 'TBD — state what the first milestone achieves',
        duration_weeks: null,
        deliverables: ['F-1', 'F-3'],
      },
    ]);
  });

  it('falls back to every feature that is not a wont when none is a must', () => {
    const features = [
      { name: 'a', priority: 'wont' },
      { name: 'b', priority: 'could' },
    ];
    expect(buildSpec({ idea: { ...MINIMAL_IDEA, features } }).spec.milestones[0]!.deliverables).toEqual([
      'F-2',
    ]);
  });

  it('leaves optional lists empty rather than inventing content', () => {
    const { spec } = buildSpec({ idea: MINIMAL_IDEA });
    expect([spec.non_goals, spec.risks, spec.decisions, spec.entities, spec.constraints]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
  });
});
