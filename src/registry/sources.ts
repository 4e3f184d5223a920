// Which registry indexes apply, in which order. The index shipped with studio comes first, then the
// indexes of the studio config in the order listed, so a config file (for instance a `.studiorc` in a
// cloned project) can add packages but never re-describe one the shipped index lists. For any package
// name, the FIRST index that lists it wins, entirely: versions are never merged across indexes. Each
// index also carries its trust (src/install/index-trust.ts): only a trusted index vouches for installs.
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStudioConfig } from '../inputs/config.js';
import type { RegistryIndex, RegistryPackage } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { type IndexTrust, assessIndex, readUserTrust } from '../install/index-trust.js';
import { parseIndex, readIndexText } from './index-file.js';
import { newestFirst } from './resolve-version.js';
import { compareCodePoints } from '../util/canonical-json.js';

/** The index shipped with studio (works from src/ and dist/). */
export const DEFAULT_INDEX_PATH = fileURLToPath(new URL('../../registry/index.json', import.meta.url));

export { CONFIG_SEARCH_PLACES } from '../inputs/config.js';

/** One index in precedence order. */
export interface IndexSource {
  /** 1-based rank: lower wins. */
  rank: number;
  /** Absolute path of the index file (shown to the user, never written to outputs). */
  path: string;
  /** Where it was configured: the config file, or "default". */
  origin: string;
  index: RegistryIndex;
  /** Whether it may vouch for installs (signature, user trust). */
  trust: IndexTrust;
}

/** Where the registries list was found. */
export interface RegistryConfig {
  /** Config file path, or null when none was found. */
  file: string | null;
  /** Index paths, absolute, in the order listed. */
  registries: string[];
}

function toPath(entry: string, base: string, file: string, i: number): string {
  if (/^file:/i.test(entry)) {
    try {
      return fileURLToPath(entry);
    } catch (error) {
      throw new StudioError(
        ErrorCodes.CONFIG_INVALID,
        `registries[${i}] "${entry}" is not a valid file URL`,
        {
          file,
          pointer: `/registries/${i}`,
          cause: error,
          hint: 'Use a path (relative to the config file) or a file:// URL.',
        },
      );
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) {
    throw new StudioError(ErrorCodes.CONFIG_INVALID, `registries[${i}] "${entry}" is a remote URL`, {
      file,
      pointer: `/registries/${i}`,
      hint: 'studio reads indexes from disk only (it stays offline); download the index and list its path.',
    });
  }
  return isAbsolute(entry) ? entry : resolve(base, entry);
}

/** Read the `registries` list of the user's studio config. */
export async function readRegistryConfig(cwd: string = process.cwd()): Promise<RegistryConfig> {
  const found = await loadStudioConfig(cwd);
  if (found.file === null) return { file: null, registries: [] };
  const config = found.data as { registries?: unknown };
  if (config.registries === undefined) return { file: found.file, registries: [] };
  if (
    !Array.isArray(config.registries) ||
    !config.registries.every((r) => typeof r === 'string' && r.length > 0)
  ) {
    throw new StudioError(
      ErrorCodes.CONFIG_INVALID,
      '"registries" must be a list of index file paths or file URLs',
      {
        file: found.file,
        pointer: '/registries',
        hint: 'e.g. registries: [./my-index.json]',
      },
    );
  }
  const base = dirname(found.file);
  const file = found.file;
  const registries = (config.registries as string[]).map((r, i) => toPath(r, base, file, i));
  return { file, registries };
}

/** Load every index in precedence order: the default first, then the configured ones (as listed). */
export async function loadIndexSources(
  options: { cwd?: string; defaultIndexPath?: string; configDir?: string } = {},
): Promise<IndexSource[]> {
  const config = await readRegistryConfig(options.cwd);
  const defaultPath = options.defaultIndexPath ?? DEFAULT_INDEX_PATH;
  const user = readUserTrust(options.configDir);
  const entries = [
    { path: defaultPath, origin: 'default' },
    ...config.registries
      .filter((path) => path !== defaultPath)
      .map((path) => ({ path, origin: config.file ?? 'config' })),
  ];
  return entries.map((e, i) => {
    const text = readIndexText(e.path);
    return {
      rank: i + 1,
      path: e.path,
      origin: e.origin,
      index: parseIndex(text, e.path),
      trust: assessIndex(e.path, text, e.origin === 'default', user),
    };
  });
}

/** The entry of `name` from the first index that lists it; exact match only (no unscoping, no
 *  case folding, no "did you mean"): a look-alike name must never stand in for a listed one. */
export function findPackage(
  sources: IndexSource[],
  name: string,
): { pkg: RegistryPackage; source: IndexSource } | null {
  for (const source of sources) {
    const pkg = source.index.packages.find((p) => p.name === name);
    if (pkg) return { pkg, source };
  }
  return null;
}

/** A package as the first index listing it lists it. */
export interface VisiblePackage {
  pkg: RegistryPackage;
  source: IndexSource;
}

/** Every package visible through the sources (the first listing of each name), sorted by name. */
export function visiblePackages(sources: IndexSource[]): VisiblePackage[] {
  const seen = new Map<string, VisiblePackage>();
  for (const source of sources) {
    for (const pkg of source.index.packages) if (!seen.has(pkg.name)) seen.set(pkg.name, { pkg, source });
  }
  return [...seen.values()].sort((a, b) => compareCodePoints(a.pkg.name, b.pkg.name));
}

/** What `registry list` and `registry search` show of a package: its latest listed version, and the
 *  rank of the index listing it. */
export function packageSummary({ pkg, source }: VisiblePackage): {
  name: string;
  description: string;
  latest: string;
  provides: string[];
  index: number;
} {
  const latest = newestFirst(pkg.versions)[0]!;
  return {
    name: pkg.name,
    description: pkg.description,
    latest: latest.version,
    provides: latest.provides,
    index: source.rank,
  };
}
