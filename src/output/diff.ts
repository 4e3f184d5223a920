import { compareCodePoints } from '../util/canonical-json.js';
import type { ArtifactIndex } from './artifact-index.js';
import type { OutputSet } from './output-set.js';
import { readArtifactIndex } from './read-index.js';
import { type FilePatch, type ZipChange, diffFiles } from '../regen/output-diff.js';

/** How a dry run's artifacts compare with the previous output in the same folder. */
export interface DryRunDiff {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  /** False when there was no readable, valid previous index. */
  hadPrevious: boolean;
  /** A unified diff of every indexed file that would change on disk (hand edits included). */
  patches: FilePatch[];
  /** Zips that would be added, changed or removed. */
  zips: ZipChange[];
}

/** What committing `set` would change in `outDir`: the dry run's replacement for the commit. */
export async function diffOutput(
  outDir: string,
  set: Pick<OutputSet, 'index' | 'files' | 'zips'>,
): Promise<DryRunDiff> {
  let previous: ArtifactIndex | null;
  try {
    previous = await readArtifactIndex(outDir);
  } catch {
    // No folder, no index or a broken one: everything counts as added.
    previous = null;
  }
  const prev = new Map((previous?.artifacts ?? []).map((a) => [a.path, a.sha256]));
  const diff: DryRunDiff = {
    added: [],
    changed: [],
    removed: [],
    unchanged: [],
    hadPrevious: previous !== null,
    ...(await diffFiles(outDir, set.files, set.zips, previous)),
  };
  for (const a of set.index.artifacts) {
    const old = prev.get(a.path);
    if (old === undefined) diff.added.push(a.path);
    else if (old === a.sha256) diff.unchanged.push(a.path);
    else diff.changed.push(a.path);
  }
  const nextPaths = new Set(set.index.artifacts.map((a) => a.path));
  for (const p of prev.keys()) if (!nextPaths.has(p)) diff.removed.push(p);
  diff.removed.sort(compareCodePoints);
  return diff;
}
