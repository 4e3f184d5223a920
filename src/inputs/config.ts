// The user's studio config (DESIGN §2 CollectInputs): `.studiorc*`, `studio.config.*` or
// `package.json#studio`, found with cosmiconfig's "project" search from the working directory.
// cosmiconfig costs ~40 ms to load, a tenth of a generate run, so it is imported only when a
// candidate file exists; the usual case (a package.json without a usable "studio" key) is decided here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Dials } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';

/** Config files searched, in this order, in each folder from the working directory up to the project root. */
export const CONFIG_SEARCH_PLACES = [
  '.studiorc',
  '.studiorc.json',
  '.studiorc.yaml',
  '.studiorc.yml',
  'studio.config.json',
  'studio.config.yaml',
  'package.json',
];

/** Keys a config may hold. `packs`/`agents` belong to a plugin's own package.json#studio and are ignored. */
const KNOWN_KEYS = ['registries', 'pack', 'out', 'dials', 'locale', 'research'];
const PLUGIN_KEYS = ['packs', 'agents', 'research_agent'];

/** A loaded config: its file (null when none) and its data. */
export interface StudioConfig {
  file: string | null;
  data: Record<string, unknown>;
}

function hasStudioKey(pkgFile: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { studio?: unknown };
    if (pkg.studio === null || typeof pkg.studio !== 'object') return pkg.studio !== undefined;
    return Object.keys(pkg.studio).some((k) => !PLUGIN_KEYS.includes(k));
  } catch {
    return true; // let cosmiconfig report the broken file
  }
}

/** Is there anything for cosmiconfig to find between `cwd` and the project root (first package.json)? */
function candidateExists(cwd: string): boolean {
  for (let dir = cwd; ; dir = dirname(dir)) {
    for (const place of CONFIG_SEARCH_PLACES) {
      const file = join(dir, place);
      if (!existsSync(file)) continue;
      if (place !== 'package.json') return true;
      return hasStudioKey(file); // the project root: the search stops here
    }
    if (dirname(dir) === dir) return false;
  }
}

export async function loadStudioConfig(cwd: string = process.cwd()): Promise<StudioConfig> {
  if (!candidateExists(cwd)) return { file: null, data: {} };
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig('studio', {
    searchPlaces: CONFIG_SEARCH_PLACES,
    packageProp: 'studio',
    searchStrategy: 'project',
    cache: false,
  });
  let found: Awaited<ReturnType<typeof explorer.search>>;
  try {
    found = await explorer.search(cwd);
  } catch (error) {
    throw new StudioError(
      ErrorCodes.CONFIG_INVALID,
      `the studio config cannot be read: ${(error as Error).message}`,
      {
        cause: error,
        hint: 'Fix the syntax of your .studiorc / studio.config file.',
      },
    );
  }
  if (!found || found.isEmpty || found.config === null || found.config === undefined)
    return { file: null, data: {} };
  if (typeof found.config !== 'object' || Array.isArray(found.config)) {
    throw new StudioError(ErrorCodes.CONFIG_INVALID, `${found.filepath} must hold an object`, {
      file: found.filepath,
      hint: `Known keys: ${KNOWN_KEYS.join(', ')}.`,
    });
  }
  const data = found.config as Record<string, unknown>;
  const unknown = Object.keys(data).filter((k) => !KNOWN_KEYS.includes(k) && !PLUGIN_KEYS.includes(k));
  if (unknown.length > 0) {
    throw new StudioError(
      ErrorCodes.CONFIG_INVALID,
      `${found.filepath} has unknown key(s): ${unknown.join(', ')}`,
      {
        file: found.filepath,
        pointer: `/${unknown[0]}`,
        hint: `Known keys: ${KNOWN_KEYS.join(', ')}.`,
      },
    );
  }
  return { file: found.filepath, data };
}

/** Defaults for `studio generate` from the config; flags given on the command line win. */
export interface GenerateDefaults {
  pack?: string[];
  out?: string;
  dials?: Partial<Dials>;
  locale?: string;
}

export function generateDefaults(
  config: StudioConfig,
  parseDials: (text: string) => Partial<Dials>,
): GenerateDefaults {
  const { data, file } = config;
  const bad = (key: string, what: string) =>
    new StudioError(ErrorCodes.CONFIG_INVALID, `"${key}" in ${file} must be ${what}`, {
      file: file ?? undefined,
      pointer: `/${key}`,
    });
  const out: GenerateDefaults = {};
  if (data.pack !== undefined) {
    const packs = typeof data.pack === 'string' ? [data.pack] : data.pack;
    if (!Array.isArray(packs) || packs.length === 0 || !packs.every((p) => typeof p === 'string' && p)) {
      throw bad('pack', 'a pack id or a list of pack ids');
    }
    out.pack = packs as string[];
  }
  if (data.out !== undefined) {
    if (typeof data.out !== 'string' || !data.out) throw bad('out', 'a folder path');
    out.out = data.out;
  }
  if (data.locale !== undefined) {
    if (typeof data.locale !== 'string') throw bad('locale', 'a BCP 47 locale such as en-US');
    out.locale = data.locale;
  }
  if (data.dials !== undefined) {
    if (typeof data.dials === 'string') out.dials = parseDials(data.dials);
    else if (data.dials !== null && typeof data.dials === 'object' && !Array.isArray(data.dials)) {
      out.dials = parseDials(
        Object.entries(data.dials)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(','),
      );
    } else throw bad('dials', 'an object {audience, flow, test} or "audience=…,flow=…,test=…"');
  }
  return out;
}
