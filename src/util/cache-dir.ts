import { homedir } from 'node:os';
import { join } from 'node:path';

/** Root of studio's caches: STUDIO_CACHE_DIR, else $XDG_CACHE_HOME/studio, else ~/.cache/studio.
 *  Caches only ever make a run faster; deleting them is always safe. */
export function studioCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STUDIO_CACHE_DIR) return env.STUDIO_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'studio');
}

/** A named cache under `root`; `root` undefined means the default root, null means caching is off. */
export function cacheSubdir(
  root: string | null | undefined,
  name: 'validation' | 'templates' | 'catalogs',
): string | null {
  if (root === null) return null;
  return join(root ?? studioCacheRoot(), name);
}
