import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import { StudioError } from '../../src/errors/studio-error.js';
import {
  ENGINE_SPEC_VERSION,
  checkSpecVersion,
  compareFormats,
  specFormat,
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

  it('reads the format (major.minor) of a version through semver, and compares formats', () => {
    expect(specFormat('1.2.3-rc.1+b5')).toEqual({ major: 1, minor: 2 });
    expect(specFormat('1.2')).toBeUndefined();
    expect(specFormat('01.2.3')).toBeUndefined();
    expect(compareFormats(specFormat('1.10.0')!, specFormat('1.9.9')!)).toBeGreaterThan(0);
    expect(compareFormats(specFormat('0.9.0')!, specFormat('1.0.0')!)).toBeLessThan(0);
    expect(compareFormats(specFormat('1.0.9')!, specFormat('1.0.0-rc.1')!)).toBe(0);
  });

  it('judges pre-releases by their format: a 1.1 pre-release is accepted, a 1.2 one is newer', () => {
    expect(checkSpecVersion(spec('1.1.1-rc.1'))).toEqual({ version: '1.1.1-rc.1', forced: false });
    expect(code(() => checkSpecVersion(spec('1.2.0-rc.1')))).toBe(ErrorCodes.SPEC_VERSION_UNSUPPORTED);
  });

  it("answers for the engine's own version without parsing it, as parsing it would", () => {
    // checkSpecVersion returns early for ENGINE_SPEC_VERSION: it must be a valid, not newer, format.
    const own = specFormat(ENGINE_SPEC_VERSION);
    expect(own).toBeDefined();
    expect(compareFormats(own!, own!)).toBe(0);
    expect(checkSpecVersion(spec(ENGINE_SPEC_VERSION))).toEqual({
      version: ENGINE_SPEC_VERSION,
      forced: false,
    });
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
