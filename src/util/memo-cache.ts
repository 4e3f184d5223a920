// A content-addressed cache of derived text (a parsed input as JSON, a schema pass, a document's HTML):
// the entry's name is the SHA-256 of everything the text is derived from, and its first line the
// SHA-256 of the text itself, so an entry that was truncated, edited or replaced does not match and is
// never used: the text is derived again and the entry rewritten. Writes are atomic (temp file, then
// rename) and best effort: a read-only or full disk only costs speed. Deleting the cache is always safe.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type CacheName, cacheSubdir } from './cache-dir.js';
import { sha256Hex } from './hash.js';
import { mkdirBounded } from './mkdir-bounded.js';

const HEADER = /^sha256:([0-9a-f]{64})\n/;

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
    let text: string;
    try {
      text = readFileSync(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
    const header = HEADER.exec(text);
    if (!header) return undefined;
    const body = text.slice(header[0].length);
    return sha256Hex(body) === header[1] ? body : undefined;
  }

  set(key: string, body: string): void {
    const file = this.file(key);
    const temp = `${file}.${process.pid}.tmp`;
    try {
      mkdirBounded(dirname(file));
      writeFileSync(temp, `sha256:${sha256Hex(body)}\n${body}`);
      renameSync(temp, file);
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
