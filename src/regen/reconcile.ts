// Regenerating into a folder that holds a previous output: what happens to files edited by hand since
// they were generated. `generate` refuses (unless --force discards them); `studio update` merges them
// three-way and records the merge in the index, while the zips keep the pure render (next merge base).
import type { ArtifactMerge } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import type { ArtifactIndex } from '../output/artifact-index.js';
import { sha256Hex } from '../util/hash.js';
import {
  type HandEdit,
  fingerprint,
  fingerprintOf,
  handEditsIn,
  readMergeBase,
  readOnDisk,
  readPreviousIndex,
} from './previous-output.js';
import { CONFLICT_MARKER, mergeThreeWay } from './three-way-merge.js';

/** refuse: stop when a file was edited by hand; force: overwrite edits; merge: `studio update`. */
export type RegenerateMode = 'refuse' | 'force' | 'merge';

/** A rendered file about to be written. */
export interface RenderedFile {
  path: string;
  bytes: Uint8Array;
}

/** The files to write after reconciling with the previous output. */
export interface Reconciled<F extends RenderedFile> {
  /** The previous output's index (null when the folder held none). */
  previous: ArtifactIndex | null;
  /** Files to write: the render, except merged files, which carry their merged bytes and a `merge`. */
  files: (F & { merge?: ArtifactMerge })[];
  /** Hand-edited files found (sorted by path). */
  edited: string[];
  /** Files whose hand edits were merged cleanly. */
  merged: string[];
  /** Files written with conflict markers. */
  conflicts: string[];
  /** Hashes of the previous output's files when they were read (see assertUnchanged). */
  snapshot: Map<string, string | null>;
}

/** The edited text in the render's conventions (LF, no BOM; studio writes both so): an editor that
 *  saved CRLF or added a BOM changed every line, not the content, and would conflict everywhere. */
function likeRender(edited: string, rendered: string): string {
  let text = edited;
  if (!rendered.startsWith('\uFEFF') && text.startsWith('\uFEFF')) text = text.slice(1);
  if (!rendered.includes('\r')) text = text.replace(/\r\n/g, '\n');
  return text;
}

function editDetails(edits: HandEdit[], why: (e: HandEdit) => string) {
  return edits.map((e) => ({ file: e.path, message: why(e) }));
}

function refuse(outDir: string, edits: HandEdit[]): StudioError {
  return new StudioError(
    ErrorCodes.OUTPUT_EDITED,
    `${edits.length} file(s) in ${outDir} were edited by hand since they were generated; nothing was written`,
    {
      details: editDetails(edits, (e) =>
        e.wasMerged
          ? 'keeps hand edits merged by `studio update`'
          : `edited: sha256 is ${e.actual.slice(0, 12)}…, generated ${e.rendered.slice(0, 12)}…`,
      ),
      hint: 'Run `studio update` (same flags) to merge your edits into the new render, or add --force to discard them.',
    },
  );
}

/** Reconcile `files` (the new render) with what is in `outDir`. Throws OUTPUT_EDITED when mode is
 *  "refuse" and a file was edited (not for a dry run, which only reports), and when "merge" would have
 *  to drop an edited file the new render no longer produces. */
export async function reconcile<F extends RenderedFile>(
  outDir: string,
  files: F[],
  mode: RegenerateMode,
  dryRun = false,
): Promise<Reconciled<F>> {
  const previous = await readPreviousIndex(outDir);
  const onDisk = previous === null ? new Map() : readOnDisk(outDir, previous);
  const snapshot = fingerprintOf(onDisk);
  const edits = previous === null ? [] : handEditsIn(previous, onDisk);
  const result: Reconciled<F> = {
    previous,
    files,
    edited: edits.map((e) => e.path),
    merged: [],
    conflicts: [],
    snapshot,
  };
  if (edits.length === 0 || mode === 'force') return result;
  if (mode === 'refuse') {
    if (dryRun) return result;
    throw refuse(outDir, edits);
  }
  const rendered = new Map(files.map((f) => [f.path, f]));
  const dropped = edits.filter((e) => !rendered.has(e.path));
  if (dropped.length > 0) {
    throw new StudioError(
      ErrorCodes.OUTPUT_EDITED,
      `${dropped.length} edited file(s) are no longer produced by the new render, so they cannot be merged; nothing was written`,
      {
        details: editDetails(dropped, () => 'edited by hand, and no longer generated'),
        hint: 'Move these files out of the output folder (keep your edits elsewhere), then run `studio update` again.',
      },
    );
  }
  const base = await readMergeBase(outDir, previous!);
  const merges = new Map<string, { bytes: Buffer; merge: ArtifactMerge }>();
  for (const edit of edits) {
    const theirs = rendered.get(edit.path)!.bytes;
    const theirsText = Buffer.from(theirs).toString('utf8');
    const merged = mergeThreeWay(
      likeRender(edit.bytes.toString('utf8'), theirsText),
      base.get(edit.path)?.toString('utf8') ?? '',
      theirsText,
      { ours: `edited ${edit.path}`, base: 'previous render', theirs: 'new render' },
    );
    const bytes = Buffer.from(merged.text, 'utf8');
    // An edit that the new render now contains verbatim leaves nothing to record.
    if (bytes.equals(theirs)) continue;
    // Markers left unresolved in the edited file merge "cleanly" against an unchanged render; they are
    // still a conflict.
    const conflict = merged.conflicts > 0 || CONFLICT_MARKER.test(merged.text);
    const merge: ArtifactMerge = {
      result: conflict ? 'conflict' : 'merged',
      rendered_sha256: sha256Hex(theirs),
      rendered_bytes: theirs.byteLength,
    };
    merges.set(edit.path, { bytes, merge });
    (conflict ? result.conflicts : result.merged).push(edit.path);
  }
  result.files = files.map((f) => {
    const m = merges.get(f.path);
    return m === undefined ? f : { ...f, bytes: m.bytes, merge: m.merge };
  });
  return result;
}

/** Just before the commit: refuse when a file of the previous output changed while the run rendered
 *  (saved in an editor meanwhile), since what was decided about it no longer holds. */
export async function assertUnchanged(outDir: string, reconciled: Reconciled<RenderedFile>): Promise<void> {
  if (reconciled.previous === null) return;
  const now = await fingerprint(outDir, reconciled.previous);
  const changed = [...now]
    .filter(([path, sha]) => reconciled.snapshot.get(path) !== sha)
    .map(([path]) => path);
  if (changed.length === 0) return;
  throw new StudioError(
    ErrorCodes.OUTPUT_EDITED,
    `${changed.length} file(s) in ${outDir} changed while studio was running; nothing was written`,
    {
      details: changed.map((file) => ({ file, message: 'changed during the run' })),
      hint: 'Save your edits, then run the command again.',
    },
  );
}
