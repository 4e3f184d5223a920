// Reads a zip back (yauzl) for `studio verify` and for tests: every entry in central-directory order,
// with its raw metadata so callers can check what the packager promises (order, times, modes).
import yauzl from 'yauzl';

/** One entry of a zip, as stored. */
export interface ZipEntryRead {
  /** Entry name as stored (directories end with "/"). */
  path: string;
  /** Uncompressed bytes (empty for a directory). */
  bytes: Buffer;
  /** Unix permission bits from the external attributes (0 when the zip was not made on Unix). */
  mode: number;
  /** Raw DOS date and time fields, exactly as stored. */
  dosDate: number;
  /** Raw DOS time field. */
  dosTime: number;
  /** Compression method (0 store, 8 deflate). */
  method: number;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Every entry of the zip in `buffer`. Rejects when the zip is corrupt (yauzl's message). */
export async function readZipEntries(buffer: Buffer): Promise<ZipEntryRead[]> {
  // strictFileNames: a name with "\" is reported as an error rather than silently rewritten.
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, strictFileNames: true });
  const entries: ZipEntryRead[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const isDir = entry.fileName.endsWith('/');
      const bytes = isDir ? Buffer.alloc(0) : await readStream(await zip.openReadStreamPromise(entry));
      entries.push({
        path: entry.fileName,
        bytes,
        mode: (entry.externalFileAttributes >>> 16) & 0o7777,
        dosDate: entry.lastModFileDate,
        dosTime: entry.lastModFileTime,
        method: entry.compressionMethod,
      });
    }
  } finally {
    zip.close();
  }
  return entries;
}
