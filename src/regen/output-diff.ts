// What a run would change on disk, per file, as unified diffs against the folder as it is now (hand
// edits included: they are what the user would lose or keep), and which zips would change.
import type { ArtifactIndex } from '../output/artifact-index.js';
import { readOutputFile } from '../output/layout.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { unifiedDiff } from './unified-diff.js';

/** How a file would change. */
export type ChangeStatus = 'added' | 'changed' | 'removed';

/** One changed indexed file with its unified diff. */
export interface FilePatch {
  /** Relative POSIX path. */
  path: string;
  status: ChangeStatus;
  /** Unified diff (git-style headers, 3 lines of context). */
  patch: string;
}

/** One zip that would change. */
export interface ZipChange {
  /** `<pack>.zip`. */
  path: string;
  status: ChangeStatus;
}

/** Patches and zip changes, sorted by path. */
export interface OutputDiff {
  patches: FilePatch[];
  zips: ZipChange[];
}

export async function diffFiles(
  outDir: string,
  files: { path: string; bytes: Uint8Array }[],
  zips: { path: string; bytes: Uint8Array }[],
  previous: ArtifactIndex | null,
): Promise<OutputDiff> {
  const patches: FilePatch[] = [];
  const next = new Set(files.map((f) => f.path));
  for (const f of files) {
    const before = await readOutputFile(outDir, f.path);
    if (before !== undefined && before.equals(f.bytes)) continue;
    const after = Buffer.from(f.bytes).toString('utf8');
    patches.push({
      path: f.path,
      status: before === undefined ? 'added' : 'changed',
      patch: unifiedDiff(f.path, before?.toString('utf8') ?? null, after),
    });
  }
  for (const a of previous?.artifacts ?? []) {
    if (next.has(a.path)) continue;
    const before = await readOutputFile(outDir, a.path);
    if (before === undefined) continue;
    patches.push({
      path: a.path,
      status: 'removed',
      patch: unifiedDiff(a.path, before.toString('utf8'), null),
    });
  }
  const zipChanges: ZipChange[] = [];
  const nextZips = new Set(zips.map((z) => z.path));
  for (const z of zips) {
    const before = await readOutputFile(outDir, z.path);
    if (before === undefined) zipChanges.push({ path: z.path, status: 'added' });
    else if (!before.equals(z.bytes)) zipChanges.push({ path: z.path, status: 'changed' });
  }
  for (const p of previous?.packages ?? []) {
    if (!nextZips.has(p.path) && (await readOutputFile(outDir, p.path)) !== undefined)
      zipChanges.push({ path: p.path, status: 'removed' });
  }
  patches.sort((a, b) => compareCodePoints(a.path, b.path));
  zipChanges.sort((a, b) => compareCodePoints(a.path, b.path));
  return { patches, zips: zipChanges };
}
