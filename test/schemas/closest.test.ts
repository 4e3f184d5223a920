import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance, foldName } from '../../src/schemas/closest.js';

describe('closestMatch', () => {
  it('measures edit distance', () => {
    expect(editDistance('priorty', 'priority')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests likely typos and case or separator slips, nothing for unrelated words', () => {
    const keys = ['name', 'description', 'priority', 'acceptance', 'flow'];
    expect(closestMatch('priorty', keys)).toBe('priority');
    expect(closestMatch('acceptence', keys)).toBe('acceptance');
    expect(closestMatch('Description', keys)).toBe('description');
    expect(closestMatch('colour', keys)).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
    expect(closestMatch('dual_track', ['Dual-Track', 'Scrum'])).toBe('Dual-Track');
  });

  it('folds case and separators', () => {
    expect(foldName('Dual-Track')).toBe(foldName('dual_track'));
  });
});
