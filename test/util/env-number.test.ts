import { describe, expect, it } from 'vitest';
import { positiveFromEnv } from '../../src/util/env-number.js';

describe('positiveFromEnv', () => {
  it('takes a positive number, else the fallback', () => {
    expect(positiveFromEnv('2.5', 7)).toBe(2.5);
    for (const bad of [undefined, '', ' ', '0', '-3', 'x', 'Infinity', 'NaN'])
      expect(positiveFromEnv(bad, 7)).toBe(7);
    expect(positiveFromEnv('2.5', 7, true)).toBe(7);
    expect(positiveFromEnv('12', 7, true)).toBe(12);
  });
});
