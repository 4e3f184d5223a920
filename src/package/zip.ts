// Deterministic zip: the same files and mtime give the same bytes on any OS, in any time zone, on
// every run. What could vary, and how it is pinned:
// - entry order: sorted by path in code-point order, never the caller's or the file system's order;
// - times: one fixed date for every entry, written as DOS time computed in UTC (archiver's default;
//   `forceLocalTime` stays off) so the process TZ cannot leak in;
// - modes: 0o644 for every file (archiver would otherwise read them from stat, which differs on Windows);
// - directories: none are written; readers create them from the entry paths;
// - compression: STORE. Node bundles a zlib whose deflate output may depend on the CPU's fast paths,
//   so deflated bytes are not guaranteed equal across machines; stored bytes are.
import { ZipArchive } from 'archiver';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { unsafePathReason } from '../util/safe-path.js';

/** One file to put in a zip. */
export interface ZipInput {
  /** Entry path: relative POSIX (see unsafePathReason). */
  path: string;
  /** The file's exact bytes. */
  bytes: Uint8Array;
}

/** Options of zipFiles. */
export interface ZipOptions {
  /** The modification time every entry gets (see packageTime). DOS time: 2-second resolution, 1980–2043. */
  mtime: Date;
}

/** Permissions of every entry: rw-r--r--. */
export const ZIP_ENTRY_MODE = 0o644;

function checkInputs(files: readonly ZipInput[]): ZipInput[] {
  const sorted = [...files].sort((a, b) => compareCodePoints(a.path, b.path));
  for (let i = 0; i < sorted.length; i++) {
    const file = sorted[i]!;
    const reason = unsafePathReason(file.path);
    if (reason !== null) {
      throw new StudioError(ErrorCodes.ARTIFACT_PATH_UNSAFE, `Cannot zip "${file.path}": ${reason}.`, {
        hint: 'Artifact paths must be relative POSIX paths without "..", backslashes or reserved characters.',
      });
    }
    if (i > 0 && sorted[i - 1]!.path === file.path) {
      throw new StudioError(ErrorCodes.INTERNAL, `Two files to zip share the path "${file.path}".`, {
        hint: 'This is a bug in the packager or a pack with duplicate artifact paths; report it.',
      });
    }
  }
  return sorted;
}

/** Zip `files` deterministically (see the header comment); resolves to the whole archive. */
export async function zipFiles(files: readonly ZipInput[], opts: ZipOptions): Promise<Buffer> {
  if (Number.isNaN(opts.mtime.getTime())) {
    throw new StudioError(ErrorCodes.INTERNAL, 'zipFiles was given an invalid mtime.');
  }
  const sorted = checkInputs(files);
  const archive = new ZipArchive({ store: true, forceLocalTime: false, forceZip64: false, comment: '' });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    archive.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.on('end', () => resolve(Buffer.concat(chunks)));
    archive.on('error', reject);
    // A warning (e.g. a missing file) would mean an archive that differs from its inputs: fail instead.
    archive.on('warning', reject);
  });
  for (const file of sorted) {
    archive.append(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), {
      name: file.path,
      date: opts.mtime,
      mode: ZIP_ENTRY_MODE,
      store: true,
    });
  }
  archive.finalize().catch(() => {
    // The same failure reaches `done` through the 'error' listener.
  });
  return done;
}
