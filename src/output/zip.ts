// Deterministic zip: the same files and mtime give the same bytes on any OS, in any time zone, on
// every run. What could vary, and how it is pinned:
// - entry order: sorted by path in code-point order, never the caller's or the file system's order;
// - times: one fixed date for every entry, written as DOS time computed in UTC so the process TZ
//   cannot leak in;
// - modes: 0o644 for every file, never read from the file system (which differs on Windows);
// - directories: none are written; readers create them from the entry paths;
// - compression: STORE. Node bundles a zlib whose deflate output may depend on the CPU's fast paths,
//   so deflated bytes are not guaranteed equal across machines; stored bytes are.
import { crc32 } from 'node:zlib';
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

/** DOS date and time of `d`, read in UTC so the process time zone cannot change the bytes. */
function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

const VERSION_NEEDED = 20; // 2.0: plain stored entries
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED; // 3 = Unix, so the external attributes carry the mode
const FLAG_UTF8 = 0x0800; // entry names are UTF-8
const S_IFREG = 0o100000;

/** Version needed, flags, method (store), DOS time and date, CRC-32, both sizes and the name length:
 *  the run of fields a local header (at 4) and a central-directory record (at 6) have in common. */
function writeEntryFields(
  buf: Buffer,
  at: number,
  e: { crc: number; size: number; nameLength: number; time: number; date: number },
): void {
  buf.writeUInt16LE(VERSION_NEEDED, at);
  buf.writeUInt16LE(FLAG_UTF8, at + 2);
  buf.writeUInt16LE(0, at + 4); // method: store
  buf.writeUInt16LE(e.time, at + 6);
  buf.writeUInt16LE(e.date, at + 8);
  buf.writeUInt32LE(e.crc, at + 10);
  buf.writeUInt32LE(e.size, at + 14);
  buf.writeUInt32LE(e.size, at + 18);
  buf.writeUInt16LE(e.nameLength, at + 22);
}

/** Zip `files` deterministically (see the header comment); resolves to the whole archive. Written by
 *  hand (store only, no data descriptors, no extra fields) because nothing else is needed and a
 *  general archiver costs a quarter of a second of start-up in a command that aims at 0.35 s. */
export async function zipFiles(files: readonly ZipInput[], opts: ZipOptions): Promise<Buffer> {
  if (Number.isNaN(opts.mtime.getTime())) {
    throw new StudioError(ErrorCodes.INTERNAL, 'zipFiles was given an invalid mtime.');
  }
  const sorted = checkInputs(files);
  const { date, time } = dosDateTime(opts.mtime);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of sorted) {
    const name = Buffer.from(file.path, 'utf8');
    const data = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
    if (data.length >= 0xffffffff || offset >= 0xffffffff) {
      throw new StudioError(
        ErrorCodes.ARTIFACT_TOO_LARGE,
        `"${file.path}" does not fit in a zip without Zip64.`,
        {
          hint: 'Artifacts over 4 GiB are not supported.',
        },
      );
    }
    const crc = crc32(data);
    // The fields a local header and its central-directory record share, in the same order.
    const entry = { crc, size: data.length, nameLength: name.length, time, date };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, entry);
    local.writeUInt16LE(0, 28); // extra length
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(VERSION_MADE_BY, 4);
    writeEntryFields(header, 6, entry);
    header.writeUInt16LE(0, 30); // extra length
    header.writeUInt16LE(0, 32); // comment length
    header.writeUInt16LE(0, 34); // disk number
    header.writeUInt16LE(0, 36); // internal attributes
    header.writeUInt32LE(((S_IFREG | ZIP_ENTRY_MODE) << 16) >>> 0, 38);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(header, name);
    offset += local.length + name.length + data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...parts, ...central, end]);
}
