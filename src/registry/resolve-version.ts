// Which listed version an install request means, and whether this engine can use it.
import type { RegistryPackage, RegistryVersion } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { compareVersions, isValidRange, isValidVersion, satisfies } from '../util/semver.js';

/** The host's versions, against which packs' ranges are checked. */
export interface EngineVersions {
  /** studio's own version (root package.json). */
  engine: string;
  /** The Source Spec version this engine writes. */
  spec: string;
}

/** Why `ver` cannot run on this engine, or null when it can. */
export function incompatibility(ver: RegistryVersion, host: EngineVersions): string | null {
  if (!satisfies(host.engine, ver.engine))
    return `it needs studio ${ver.engine}; this is studio ${host.engine}`;
  if (!satisfies(host.spec, ver.spec_versions)) {
    return `it accepts Source Spec ${ver.spec_versions}; this engine writes spec ${host.spec}`;
  }
  return null;
}

/** Listed versions, highest first by semver precedence. */
export function newestFirst<V extends { version: string }>(versions: readonly V[]): V[] {
  return [...versions].sort((a, b) => compareVersions(b.version, a.version));
}

/** Resolve a tag ("latest", an exact version or a range) to one listed, compatible version: the
 *  highest one, preferring versions that are not deprecated. Throws with the exact reason. */
export function resolveListedVersion(
  pkg: RegistryPackage,
  tag: string,
  host: EngineVersions,
): RegistryVersion {
  const listed = newestFirst(pkg.versions);
  const shownVersions = listed.map((v) => v.version).join(', ');
  if (isValidVersion(tag)) {
    const exact = listed.find((v) => compareVersions(v.version, tag) === 0);
    if (!exact) {
      throw new StudioError(
        ErrorCodes.REGISTRY_NOT_LISTED,
        `${pkg.name}@${tag} is not listed in the registry index`,
        {
          hint: `Listed versions: ${shownVersions}.`,
        },
      );
    }
    const why = incompatibility(exact, host);
    if (why) {
      throw new StudioError(ErrorCodes.REGISTRY_INCOMPATIBLE, `${pkg.name}@${tag} cannot be used: ${why}`, {
        hint: 'Install a version whose engine range includes this studio, or upgrade studio.',
      });
    }
    return exact;
  }
  const range = tag === 'latest' || tag === '' ? '*' : tag;
  if (!isValidRange(range)) {
    throw new StudioError(ErrorCodes.REGISTRY_NOT_LISTED, `"${tag}" is not a version, a range or "latest"`, {
      hint: `Install ${pkg.name}@<version>; listed versions: ${shownVersions}.`,
    });
  }
  const matching = listed.filter(
    (v) => satisfies(v.version, range) || (range === '*' && !v.version.includes('-')),
  );
  if (matching.length === 0) {
    throw new StudioError(
      ErrorCodes.REGISTRY_NOT_LISTED,
      `no listed version of ${pkg.name} matches "${tag}"`,
      {
        hint: `Listed versions: ${shownVersions}.`,
      },
    );
  }
  const compatible = matching.filter((v) => incompatibility(v, host) === null);
  if (compatible.length === 0) {
    const reasons = matching.map((v) => `${v.version}: ${incompatibility(v, host)}`).join('; ');
    throw new StudioError(
      ErrorCodes.REGISTRY_INCOMPATIBLE,
      `no listed version of ${pkg.name} works with this engine`,
      {
        details: matching.map((v) => ({ message: `${pkg.name}@${v.version}: ${incompatibility(v, host)}` })),
        hint: `Upgrade studio or ask the pack's authors for a compatible release (${reasons}).`,
      },
    );
  }
  return compatible.find((v) => v.deprecated === undefined) ?? compatible[0]!;
}
