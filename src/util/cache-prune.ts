// Keeping the caches bounded. Every cache of studio's is content-addressed, so each edited input adds
// entries (a parsed input, schema and traceability passes, the report's HTML and the validator passes
// of every changed document) and nothing ever replaces them. After a successful run, at most once a
// day (one stat of a marker file otherwise), the named caches are measured; when they hold more than
// the limit (STUDIO_CACHE_MAX_MB, default 512), the entries written longest ago are deleted until they
// hold at most three quarters of it. Write time stands for last use: hits do not touch an entry
// (atime is unreliable on relatime/noatime mounts), so a hot entry that goes is simply made again by
// the next run that needs it. Deleting entries is always safe: every reader treats a missing or
// half-deleted entry as a miss. `compile/` (one file per command and Node version) is bounded already;
// only the temporary files a writer stopped mid-write left there (and in the named caches) go, once an
// hour old. Anything else the cache folder holds that studio did not name is left alone.
import { lstatSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { type CacheName, studioCacheRoot } from './cache-dir.js';
import { compareCodePoints } from './canonical-json.js';
import { positiveFromEnv } from './env-number.js';
import { listFiles } from './list-files.js';

/** The caches pruned by size (every cache named in cache-dir.ts). */
export const PRUNED_CACHES: readonly CacheName[] = [
  'validation',
  'templates',
  'catalogs',
  'yaml',
  'schemas',
  'report',
  'traceability',
];

/** Marker in the cache root whose modification time is the last prune. */
export const PRUNE_MARKER = '.last-prune';

/** Age after which a temporary file (`<entry>.<pid>[.<suffix>].tmp`) is a leftover, not a write in
 *  progress. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

/** How often the caches are measured, at most. */
export const PRUNE_INTERVAL_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_CACHE_MAX_MB = 512;

export interface PruneOptions {
  /** Size limit in bytes; default STUDIO_CACHE_MAX_MB (MiB) or DEFAULT_CACHE_MAX_MB. */
  maxBytes?: number;
  /** Now, in ms since the epoch (tests). */
  now?: number;
  /** Measure even if the last prune was less than PRUNE_INTERVAL_MS ago. */
  force?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface PruneResult {
  /** False when the marker said the caches were measured recently (nothing was read). */
  measured: boolean;
  /** Bytes the named caches held before and after (leftover temporary files and compile/ not counted). */
  bytesBefore: number;
  bytesAfter: number;
  /** Entries deleted (leftover temporary files included). */
  removed: number;
}

interface Entry {
  file: string;
  bytes: number;
  mtimeMs: number;
}

/** Every regular file below `dir` (entries live one or two folders deep). A cache that is missing, or
 *  changes while it is listed (another run pruning), is skipped this time. */
function entriesBelow(dir: string, out: Entry[]): void {
  let files: string[];
  try {
    files = listFiles(dir);
  } catch {
    return;
  }
  for (const rel of files) {
    const file = join(dir, rel);
    try {
      const s = lstatSync(file);
      if (s.isFile()) out.push({ file, bytes: s.size, mtimeMs: s.mtimeMs });
    } catch {
      // Deleted meanwhile.
    }
  }
}

/** Keep the caches under `root` within the size limit (see the file comment). `root` null (caching
 *  off) or undefined (the default root) as everywhere else. Never throws: a cache that cannot be
 *  measured or trimmed only costs disk space. */
export function pruneCaches(root: string | null | undefined, options: PruneOptions = {}): PruneResult {
  const none: PruneResult = { measured: false, bytesBefore: 0, bytesAfter: 0, removed: 0 };
  if (root === null) return none;
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now();
  const base = root ?? studioCacheRoot(env);
  const dirs = PRUNED_CACHES.map((name) => join(base, name));
  const marker = join(base, PRUNE_MARKER);
  try {
    if (!options.force && now - statSync(marker).mtimeMs < PRUNE_INTERVAL_MS) return none;
  } catch {
    // No marker yet: measure.
  }
  const maxBytes =
    options.maxBytes ?? positiveFromEnv(env.STUDIO_CACHE_MAX_MB, DEFAULT_CACHE_MAX_MB) * 2 ** 20;
  const found: Entry[] = [];
  for (const dir of [...dirs, join(base, 'compile')]) entriesBelow(dir, found);
  let removed = 0;
  const leftover = (e: Entry) => e.file.endsWith('.tmp') && now - e.mtimeMs > STALE_TEMP_MS;
  for (const e of found.filter(leftover)) {
    try {
      rmSync(e.file, { force: true });
      removed += 1;
    } catch {
      // Not ours to delete after all: leave it.
    }
  }
  const compile = join(base, 'compile');
  const entries = found.filter((e) => !leftover(e) && !e.file.startsWith(compile + sep));
  const bytesBefore = entries.reduce((n, e) => n + e.bytes, 0);
  let bytesAfter = bytesBefore;
  if (bytesBefore > maxBytes) {
    // Oldest first; ties by name, so two runs pruning at once agree on the order.
    entries.sort((a, b) => a.mtimeMs - b.mtimeMs || compareCodePoints(a.file, b.file));
    for (const e of entries) {
      if (bytesAfter <= maxBytes * 0.75) break;
      try {
        rmSync(e.file, { force: true });
        bytesAfter -= e.bytes;
        removed += 1;
      } catch {
        // Not ours to delete after all (permissions): leave it.
      }
    }
  }
  try {
    writeFileSync(marker, '');
    const seconds = now / 1000;
    utimesSync(marker, seconds, seconds);
  } catch {
    // A cache root that cannot be written: nothing was cached either.
  }
  return { measured: true, bytesBefore, bytesAfter, removed };
}
