// A content-addressed cache of derived text (a parsed input as JSON, a schema pass, a document's HTML):
// the entry's name is the SHA-256 of everything the text is derived from, and the entry is one of
// src/util/cache-entry.ts (headed by the SHA-256 of the text), so an entry that was truncated, edited
// or replaced does not match and is never used: the text is derived again and the entry rewritten. Writes are atomic (temp file, then
// rename) and best effort: a read-only or full disk only costs speed. Deleting the cache is always safe.
import { join } from 'node:path';
import { type CacheName, cacheSubdir } from './cache-dir.js';
import { readVerifiedEntry, writeEntry } from './cache-entry.js';
import { sha256Hex } from './hash.js';

/** The key of an entry: the digest of every input the derived text depends on (versions included). */
export function memoKey(parts: readonly string[]): string {
  return sha256Hex(JSON.stringify(parts));
}

export class MemoCache {
  constructor(readonly dir: string) {}

  /** The cache `name` under `root` (undefined: the default root), or null when caching is off. */
  static under(root: string | null | undefined, name: CacheName): MemoCache | null {
    const dir = cacheSubdir(root, name);
    return dir === null ? null : new MemoCache(dir);
  }

  private file(key: string): string {
    return join(this.dir, key.slice(0, 2), key);
  }

  /** The text stored under `key`, if its entry is intact; undefined otherwise. */
  get(key: string): string | undefined {
    return readVerifiedEntry(this.file(key)) ?? undefined;
  }

  set(key: string, body: string): void {
    try {
      writeEntry(this.file(key), body);
    } catch {
      // Nothing to do: the next run derives the text again.
    }
  }

  /** The cached text for `key`, else `derive()`'s, stored for next time (unless it returned undefined:
   *  something that must not be remembered, such as a failure). */
  through(key: string, derive: () => string | undefined): string | undefined {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const body = derive();
    if (body !== undefined) this.set(key, body);
    return body;
  }
}
