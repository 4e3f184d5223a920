// `studio verify <dir>`: does an output folder still hold exactly what its artifact index says —
// every artifact with its hash and size, nothing more, and zips whose bytes and entries match?
import {
  ARTIFACT_INDEX_FILE,
  type ArtifactIndex,
  type ArtifactIndexPackage,
  RUN_RECORD_FILES,
} from './artifact-index.js';
import { readZipEntries } from './read-zip.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { sha256Hex } from '../util/hash.js';
import { listFiles } from '../util/list-files.js';
import { readArtifactIndex } from './read-index.js';
import { existsSync } from 'node:fs';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { pendingCommit } from './journal.js';
import { isAuxName, outputLayout, readOutputFile } from './layout.js';

/** An indexed file whose bytes changed. */
export interface ModifiedFile {
  /** Relative POSIX path. */
  path: string;
  /** SHA-256 the index records. */
  expected: string;
  /** SHA-256 of the bytes on disk. */
  actual: string;
}

/** The check of one zip listed in the index. */
export interface ZipCheck {
  /** `<pack>.zip`. */
  path: string;
  /** True when the zip's hash, size and entries all match the index. */
  ok: boolean;
  /** One sentence per problem, in a stable order. */
  problems: string[];
}

/** What `verifyOutput` found. Lists are sorted by path (code-point order). */
export interface VerifyResult {
  /** True when nothing is missing, extra, modified, and every zip is ok. */
  ok: boolean;
  /** Indexed files (artifacts or zips) that are not on disk. */
  missing: string[];
  /** Files on disk the index does not list (the index itself and the run records are expected). */
  extra: string[];
  /** Indexed artifacts whose hash or size differs. */
  modified: ModifiedFile[];
  /** One check per zip listed in the index. */
  zips: ZipCheck[];
  /** Files that keep hand edits merged by `studio update` (intact: the index records the merge). */
  merged: string[];
  /** Files `studio update` left with conflict markers: unresolved, so the folder is not ok. */
  conflicts: string[];
}

function short(hash: string): string {
  return hash.slice(0, 12);
}

async function entryProblems(
  zipBytes: Buffer,
  pkg: ArtifactIndexPackage,
  index: ArtifactIndex,
): Promise<string[]> {
  let entries;
  try {
    entries = await readZipEntries(zipBytes);
  } catch (error) {
    return [`the zip cannot be read: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  const names = entries.map((e) => e.path);
  const expected = new Set(pkg.entries);
  const present = new Set(names);
  for (const name of pkg.entries) if (!present.has(name)) problems.push(`entry "${name}" is missing`);
  for (const name of names)
    if (!expected.has(name)) problems.push(`entry "${name}" is not listed in the index`);
  if (problems.length === 0 && names.join('\n') !== pkg.entries.join('\n')) {
    problems.push('entries are not in the order the index lists');
  }
  const artifacts = new Map(index.artifacts.map((a) => [a.path, a]));
  for (const entry of entries) {
    const artifact = artifacts.get(entry.path);
    if (artifact === undefined || !expected.has(entry.path)) continue;
    // A merged file's zip entry is its render, not the merged bytes on disk.
    const sha = artifact.merge?.rendered_sha256 ?? artifact.sha256;
    const size = artifact.merge?.rendered_bytes ?? artifact.bytes;
    const actual = sha256Hex(entry.bytes);
    if (actual !== sha || entry.bytes.length !== size) {
      problems.push(
        `entry "${entry.path}" differs from the index (sha256 ${short(sha)}…, found ${short(actual)}…)`,
      );
    }
  }
  return problems;
}

async function checkZip(bytes: Buffer, pkg: ArtifactIndexPackage, index: ArtifactIndex): Promise<ZipCheck> {
  const problems: string[] = [];
  const actual = sha256Hex(bytes);
  if (actual !== pkg.sha256 || bytes.length !== pkg.bytes) {
    problems.push(
      `the zip differs from the index (sha256 ${short(pkg.sha256)}…, ${pkg.bytes} bytes; ` +
        `found ${short(actual)}…, ${bytes.length} bytes)`,
    );
  }
  problems.push(...(await entryProblems(bytes, pkg, index)));
  return { path: pkg.path, ok: problems.length === 0, problems };
}

/** Check output folder `dir` against its artifact_index.json. Throws (see readArtifactIndex) only when
 *  the index itself is missing or invalid; every difference of the folder is reported in the result. */
export async function verifyOutput(dir: string): Promise<VerifyResult> {
  const layout = outputLayout(dir);
  const pending = pendingCommit(layout);
  // Swap mode: an out/ present is complete (old or new); in place, a journal means a partial folder.
  if (pending !== undefined && (layout.inPlace || !existsSync(dir))) {
    throw new StudioError(ErrorCodes.VERIFY_MISMATCH, `${dir}: ${pending}`, {
      file: dir,
      hint: 'Run the same studio generate command again: it finishes the interrupted commit first.',
    });
  }
  const index = await readArtifactIndex(dir);
  const missing: string[] = [];
  const modified: ModifiedFile[] = [];
  for (const artifact of index.artifacts) {
    const bytes = await readOutputFile(dir, artifact.path);
    if (bytes === undefined) {
      missing.push(artifact.path);
      continue;
    }
    const actual = sha256Hex(bytes);
    if (actual !== artifact.sha256 || bytes.length !== artifact.bytes) {
      modified.push({ path: artifact.path, expected: artifact.sha256, actual });
    }
  }
  const zips: ZipCheck[] = [];
  for (const pkg of index.packages) {
    const bytes = await readOutputFile(dir, pkg.path);
    if (bytes === undefined) {
      missing.push(pkg.path);
      zips.push({ path: pkg.path, ok: false, problems: ['the zip is missing'] });
    } else {
      zips.push(await checkZip(bytes, pkg, index));
    }
  }
  const expected = new Set([
    ARTIFACT_INDEX_FILE,
    ...RUN_RECORD_FILES,
    ...index.artifacts.map((a) => a.path),
    ...index.packages.map((p) => p.path),
  ]);
  // In place (out/ is a mount point), a running studio keeps its lock inside out/.
  const extra = listFiles(dir).filter(
    (p) => !expected.has(p) && !(layout.inPlace && isAuxName(layout, p.split('/')[0]!)),
  );
  missing.sort(compareCodePoints);
  const merged = index.artifacts.filter((a) => a.merge?.result === 'merged').map((a) => a.path);
  const conflicts = index.artifacts.filter((a) => a.merge?.result === 'conflict').map((a) => a.path);
  const ok =
    missing.length === 0 &&
    extra.length === 0 &&
    modified.length === 0 &&
    conflicts.length === 0 &&
    zips.every((z) => z.ok);
  return { ok, missing, extra, modified, zips, merged, conflicts };
}
