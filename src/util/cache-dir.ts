import { homedir } from 'node:os';
import { join } from 'node:path';

/** Root of studio's caches: STUDIO_CACHE_DIR, else $XDG_CACHE_HOME/studio, else ~/.cache/studio.
 *  Caches only ever make a run faster; deleting them is always safe. */
export function studioCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STUDIO_CACHE_DIR) return env.STUDIO_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'studio');
}

/** The caches under the root: validator passes, compiled templates, checked catalogs, parsed YAML inputs, schema passes,
 *  the run report's rendered documents and traceability passes. */
export type CacheName =
  'validation' | 'templates' | 'catalogs' | 'yaml' | 'schemas' | 'report' | 'traceability';

/** A named cache under `root`; `root` undefined means the default root, null means caching is off. */
export function cacheSubdir(root: string | null | undefined, name: CacheName): string | null {
  if (root === null) return null;
  return join(root ?? studioCacheRoot(), name);
}
