// What a previous run left in the output folder: its index, which indexed files were edited by hand
// since, and the rendered bytes in its zips (the merge base of `studio update`).
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactIndexEntry } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { ARTIFACT_INDEX_FILE, type ArtifactIndex } from '../output/artifact-index.js';
import { readZipEntries } from '../output/read-zip.js';
import { sha256Hex } from '../util/hash.js';
import { readArtifactIndex } from '../output/read-index.js';

/** An indexed file whose bytes on disk are not the bytes studio rendered for it. */
export interface HandEdit {
  /** Relative POSIX path. */
  path: string;
  /** SHA-256 of what was rendered. */
  rendered: string;
  /** SHA-256 of the file on disk now. */
  actual: string;
  /** The file on disk. */
  bytes: Buffer;
  /** True when the edits were merged by an earlier `studio update` (the file is not new to the user). */
  wasMerged: boolean;
}

/** SHA-256 of the bytes the templates rendered for an entry (its own hash unless update merged it). */
export function renderedSha(entry: ArtifactIndexEntry): string {
  return entry.merge?.rendered_sha256 ?? entry.sha256;
}

/** The previous index of `outDir`, or null when there is no previous studio output there. */
export async function readPreviousIndex(outDir: string): Promise<ArtifactIndex | null> {
  if (!existsSync(join(outDir, ARTIFACT_INDEX_FILE))) return null;
  try {
    return await readArtifactIndex(outDir);
  } catch (error) {
    throw new StudioError(
      ErrorCodes.OUTPUT_EDITED,
      `${ARTIFACT_INDEX_FILE} in ${outDir} is damaged, so hand edits to the folder cannot be told apart`,
      {
        file: ARTIFACT_INDEX_FILE,
        details: (error as StudioError).details,
        hint: 'Copy any files you edited elsewhere, then regenerate with --force.',
        cause: error,
      },
    );
  }
}

/** The bytes with LF line endings and no BOM (studio writes both so). */
function normalized(bytes: Buffer): Buffer {
  const text = bytes.toString('utf8');
  return Buffer.from(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'), 'utf8');
}

/** An indexed file as it is on disk now: its bytes and their SHA-256, or null when it is absent. */
export type OnDisk = Map<string, { bytes: Buffer; sha256: string } | null>;

/** Every indexed file of `index` as it is on disk now, each read once. Synchronously: reconcile needs
 *  all of them before it can go on, and a thread-pool round trip per open, stat, read and close (three
 *  passes over every file, as it was) cost more CPU than the reading. */
export function readOnDisk(outDir: string, index: ArtifactIndex): OnDisk {
  const files: OnDisk = new Map();
  for (const entry of index.artifacts) {
    try {
      const bytes = readFileSync(join(outDir, ...entry.path.split('/')));
      files.set(entry.path, { bytes, sha256: sha256Hex(bytes) });
    } catch {
      files.set(entry.path, null);
    }
  }
  return files;
}

/** Indexed files that exist and differ from what was rendered. A deleted file is not an edit:
 *  regenerating it loses nothing; nor is a file that only gained CRLF line endings or a BOM (a git
 *  checkout with autocrlf, an editor's setting): its content is what was rendered. */
export function handEditsIn(index: ArtifactIndex, onDisk: OnDisk): HandEdit[] {
  const edits: HandEdit[] = [];
  for (const entry of index.artifacts) {
    const file = onDisk.get(entry.path);
    if (!file) continue;
    const { bytes, sha256: actual } = file;
    if (actual !== renderedSha(entry) && sha256Hex(normalized(bytes)) !== renderedSha(entry)) {
      edits.push({
        path: entry.path,
        rendered: renderedSha(entry),
        actual,
        bytes,
        wasMerged: entry.merge !== undefined,
      });
    }
  }
  return edits;
}

/** handEditsIn over the files on disk now. */
export async function findHandEdits(outDir: string, index: ArtifactIndex): Promise<HandEdit[]> {
  return handEditsIn(index, readOnDisk(outDir, index));
}

/** SHA-256 of every indexed file (null when absent), to notice a change made meanwhile. */
export function fingerprintOf(onDisk: OnDisk): Map<string, string | null> {
  return new Map([...onDisk].map(([path, file]) => [path, file?.sha256 ?? null]));
}

/** SHA-256 of every indexed file on disk now (null when absent). */
export async function fingerprint(outDir: string, index: ArtifactIndex): Promise<Map<string, string | null>> {
  return fingerprintOf(readOnDisk(outDir, index));
}

/** Rendered bytes of the previous run, by path, from its zips. Only entries whose hash is the one the
 *  index records as rendered are trusted as a merge base. */
export async function readMergeBase(outDir: string, index: ArtifactIndex): Promise<Map<string, Buffer>> {
  const expected = new Map(index.artifacts.map((a) => [a.path, renderedSha(a)]));
  const base = new Map<string, Buffer>();
  for (const pkg of index.packages) {
    let entries;
    try {
      entries = await readZipEntries(await readFile(join(outDir, pkg.path)));
    } catch {
      continue; // a missing or damaged zip gives no base; its files merge as whole-file conflicts
    }
    for (const entry of entries) {
      if (!base.has(entry.path) && expected.get(entry.path) === sha256Hex(entry.bytes))
        base.set(entry.path, entry.bytes);
    }
  }
  return base;
}
