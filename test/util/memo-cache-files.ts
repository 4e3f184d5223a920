// Test helper: the entry files a MemoCache holds (two-character folders, one file per key).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MemoCache } from '../../src/util/memo-cache.js';

export function entryFiles(cache: MemoCache): string[] {
  let folders: string[];
  try {
    folders = readdirSync(cache.dir);
  } catch {
    return [];
  }
  return folders.flatMap((d) => readdirSync(join(cache.dir, d)).map((f) => join(cache.dir, d, f)));
}
