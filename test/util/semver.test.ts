import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  isValidRange,
  isValidVersion,
  parseVersion,
  satisfies,
} from '../../src/util/semver.js';

describe('semver (npm semver, loaded on use)', () => {
  it.each([
    ['0.1.0', '>=0.1.0 <1.0.0', true],
    ['1.0.0', '>=0.1.0 <1.0.0', false],
    ['0.1.5', '^0.1.0', true],
    ['0.2.0', '^0.1.0', false],
    ['1.9.9', '^1.0.0', true],
    ['2.0.0-rc.1', '^1.0.0', false],
    ['1.2.3-beta.2', '>=1.2.3-beta.1 <2', true],
    ['1.2.4-beta.2', '>=1.2.3-beta.1 <2', false],
    ['1.2.9', '~1.2.0', true],
    ['1.3.0', '~1.2.0', false],
    ['1.4.0', '1.x', true],
    ['2.0.0', '1.x || 2.0.x', true],
    ['3.0.0', '*', true],
    ['1.5.0', '1.2.3 - 1.6', true],
    ['1.7.0', '1.2.3 - 1.6', false],
    // A pre-release matches only a comparator naming a pre-release of the same major.minor.patch.
    ['2.0.0-rc.1', '>1', false],
    ['2.0.0-rc.1', '>=2.0.0-rc.0', true],
    ['2.0.0-rc.1', '*', false],
    ['1.0.0-alpha', '<1.0.0', false],
  ])('%s satisfies %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('orders releases after their pre-releases, numeric identifiers numerically', () => {
    const sorted = ['1.0.0', '1.0.0-rc.10', '1.0.0-rc.2', '1.0.0-alpha', '0.9.9'].sort(compareVersions);
    expect(sorted).toEqual(['0.9.9', '1.0.0-alpha', '1.0.0-rc.2', '1.0.0-rc.10', '1.0.0']);
  });

  it('refuses malformed versions and ranges', () => {
    expect(parseVersion('1.2')).toBeNull();
    expect(parseVersion('01.2.3')).toBeNull();
    expect(isValidVersion('1.2.3-rc.1+build.5')).toBe(true);
    expect(isValidVersion('1.2')).toBe(false);
    expect(isValidRange('')).toBe(false);
    expect(isValidRange('   ')).toBe(false);
    expect(isValidRange('>=one')).toBe(false);
    expect(isValidRange('^1.2.3 || 2.x')).toBe(true);
    expect(satisfies('not-a-version', '*')).toBe(false);
  });
});
