import fc from 'fast-check';
import semverOracle from 'semver';
import { describe, expect, it } from 'vitest';
import { compareVersions, isValidRange, parseVersion, satisfies } from '../../src/registry/semver.js';

describe('semver', () => {
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
  ])('%s satisfies %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('refuses malformed versions and ranges', () => {
    expect(parseVersion('1.2')).toBeNull();
    expect(parseVersion('01.2.3')).toBeNull();
    expect(isValidRange('')).toBe(false);
    expect(isValidRange('>=one')).toBe(false);
    expect(satisfies('not-a-version', '*')).toBe(false);
  });

  // npm's own semver (a transitive dependency) is the reference implementation.
  const version = fc
    .tuple(
      fc.nat(4),
      fc.nat(4),
      fc.nat(4),
      fc.option(fc.constantFrom('alpha', 'beta.1', 'rc.2', '0'), { nil: undefined }),
    )
    .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ''}`);
  const comparator = fc
    .tuple(fc.constantFrom('', '=', '<', '<=', '>', '>=', '^', '~'), version)
    .map(([op, v]) => `${op}${v}`);
  const range = fc
    .array(
      fc.array(comparator, { minLength: 1, maxLength: 2 }).map((c) => c.join(' ')),
      { minLength: 1, maxLength: 2 },
    )
    .map((sets) => sets.join(' || '));

  it('agrees with npm semver on ordering and on satisfies', () => {
    fc.assert(
      fc.property(version, version, range, (a, b, r) => {
        expect(Math.sign(compareVersions(a, b))).toBe(semverOracle.compare(a, b));
        expect(satisfies(a, r)).toBe(semverOracle.satisfies(a, r));
      }),
      { numRuns: 2000 },
    );
  });
});
