// The load-time integrity of a pack: sha256 of every file it has on disk, recorded when it passed, and
// recomputed before it is used. Any added, removed or changed file (an edited agent or template, a
// dropped-in hook) makes the pack unusable, and the first such file is named.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareCodePoints } from '../util/canonical-json.js';
import { sha256Hex } from '../util/hash.js';
import { listFiles } from '../util/list-files.js';

/** Relative POSIX path → "sha256:<hex>" ("symlink" for a link, which a pack never has). */
export type FileDigests = Record<string, string>;

/** Folders of a linked working copy that are not part of the pack. */
export const WORKING_COPY_SKIPPED = ['.git', 'node_modules'];

function fileDigest(path: string): string {
  if (lstatSync(path).isSymbolicLink()) return 'symlink';
  return `sha256:${sha256Hex(readFileSync(path))}`;
}

/** Digest every file under `root` (the folders `skip` names, relative to `root`, left out). */
export function digestTree(root: string, skip: readonly string[] = []): FileDigests {
  const files: FileDigests = {};
  for (const rel of listFiles(root, new Set(skip))) files[rel] = fileDigest(join(root, rel));
  return files;
}

/** One digest over the whole map (shown in records and `pack list --json`). */
export function treeDigest(files: FileDigests): string {
  const hash = createHash('sha256');
  for (const rel of Object.keys(files).sort(compareCodePoints)) hash.update(`${rel}\0${files[rel]}\n`);
  return `sha256:${hash.digest('hex')}`;
}

/** The first difference between two digest maps in path order, or null when they are equal. */
export function firstDifference(
  expected: FileDigests,
  actual: FileDigests,
): { file: string; change: 'changed' | 'added' | 'removed' } | null {
  const paths = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort(compareCodePoints);
  for (const file of paths) {
    if (!(file in actual)) return { file, change: 'removed' };
    if (!(file in expected)) return { file, change: 'added' };
    if (expected[file] !== actual[file]) return { file, change: 'changed' };
  }
  return null;
}

/** Recompute `root`'s digests and compare them with the recorded ones. */
export function checkTree(
  root: string,
  expected: FileDigests,
  skip: readonly string[] = [],
): { file: string; change: 'changed' | 'added' | 'removed' } | null {
  let actual: FileDigests;
  try {
    actual = digestTree(root, skip);
  } catch {
    return { file: '.', change: 'removed' };
  }
  return firstDifference(expected, actual);
}
