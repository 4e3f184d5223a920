import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import { StudioError } from '../../src/errors/studio-error.js';
import {
  ENGINE_SPEC_VERSION,
  checkSpecVersion,
  compareSemver,
  parseSemver,
} from '../../src/spec/spec-version.js';

const spec = (v: unknown) => ({ meta: { spec_version: v, locale: 'en-US', generator: 'x' } });

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return (error as StudioError).code;
  }
  return 'none';
}

describe('spec versions', () => {
  it('the engine speaks 1.1.0', () => {
    expect(ENGINE_SPEC_VERSION).toBe('1.1.0');
  });

  it('parses and compares semver', () => {
    expect(parseSemver('1.2.3-rc.1+b5')).toEqual({ major: 1, minor: 2, patch: 3 });
    expect(parseSemver('1.2')).toBeUndefined();
    expect(parseSemver('01.2.3')).toBeUndefined();
    expect(compareSemver(parseSemver('1.10.0')!, parseSemver('1.9.9')!)).toBeGreaterThan(0);
    expect(compareSemver(parseSemver('0.9.0')!, parseSemver('1.0.0')!)).toBeLessThan(0);
  });

  it('accepts the same version, older versions and newer patches', () => {
    for (const v of ['1.1.0', '1.1.7', '1.0.0', '0.9.0']) {
      expect(checkSpecVersion(spec(v))).toEqual({ version: v, forced: false });
    }
  });

  it('refuses a newer minor or major unless forced', () => {
    for (const v of ['1.2.0', '2.0.0']) {
      expect(code(() => checkSpecVersion(spec(v)))).toBe(ErrorCodes.SPEC_VERSION_UNSUPPORTED);
      expect(checkSpecVersion(spec(v), { force: true })).toEqual({ version: v, forced: true });
    }
  });

  it('calls a missing or malformed version invalid, even with force', () => {
    for (const s of [{}, null, spec(1), spec('one'), { meta: null }]) {
      expect(code(() => checkSpecVersion(s, { force: true }))).toBe(ErrorCodes.SPEC_INVALID);
    }
  });
});
