// Source Spec format versions. A spec written by a newer engine may hold fields this one does not
// know, so it is refused unless --force; a patch-level difference never changes the format.
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';

/** The Source Spec format this engine reads and writes. */
export const ENGINE_SPEC_VERSION = '1.1.0';

/** A parsed semantic version (pre-release and build metadata are ignored for compatibility). */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseSemver(text: string): SemVer | undefined {
  const m = SEMVER.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

/** Negative when a < b, 0 when equal, positive when a > b (major, then minor, then patch). */
export function compareSemver(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** The spec's meta.spec_version, when it has a string one. */
export function specVersionOf(spec: unknown): string | undefined {
  const meta = (spec as { meta?: unknown } | null)?.meta;
  const version = (meta as { spec_version?: unknown } | null | undefined)?.spec_version;
  return typeof version === 'string' ? version : undefined;
}

export interface SpecVersionCheck {
  /** The spec's version as written. */
  version: string;
  /** True when the spec is newer (major or minor) than the engine and --force let it through. */
  forced: boolean;
}

/** Refuse a spec whose meta.spec_version is newer in major or minor than ENGINE_SPEC_VERSION,
 *  unless `force`. A missing or malformed version is SPEC_INVALID. */
export function checkSpecVersion(spec: unknown, opts: { force?: boolean } = {}): SpecVersionCheck {
  const version = specVersionOf(spec);
  const parsed = version === undefined ? undefined : parseSemver(version);
  if (version === undefined || parsed === undefined) {
    throw new StudioError(ErrorCodes.SPEC_INVALID, 'the spec has no valid meta.spec_version', {
      pointer: '/meta/spec_version',
      hint: `Set meta.spec_version to a semantic version such as ${ENGINE_SPEC_VERSION}.`,
    });
  }
  const engine = parseSemver(ENGINE_SPEC_VERSION)!;
  const newer = parsed.major > engine.major || (parsed.major === engine.major && parsed.minor > engine.minor);
  if (newer && !opts.force) {
    throw new StudioError(
      ErrorCodes.SPEC_VERSION_UNSUPPORTED,
      `the spec is format ${version}, newer than this engine supports (${ENGINE_SPEC_VERSION})`,
      {
        pointer: '/meta/spec_version',
        hint: 'Upgrade studio, or pass --force to try anyway (fields this engine does not know are refused).',
      },
    );
  }
  return { version, forced: newer };
}
