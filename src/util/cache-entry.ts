// Entries of studio's content-addressed caches (compiled templates, checked catalogs): text headed by
// the SHA-256 of what follows, written atomically. An entry is named by the digest of everything it
// is made from, and verified before use: one that was truncated, edited or replaced does not match
// its header and is never used; the caller makes it again and rewrites it.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from './hash.js';
import { mkdirBounded } from './mkdir-bounded.js';

/** Header line of an entry: the SHA-256 of the text that follows it. */
const ENTRY_HEADER = /^\/\/ sha256:([0-9a-f]{64})\n/;

/** The text of a verified entry and its digest. */
export interface VerifiedEntry {
  text: string;
  digest: string;
}

/** The entry in `file` if its text matches the digest it was stored under, else null (also when the
 *  file is missing or unreadable). */
export function readEntry(file: string): VerifiedEntry | null {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const header = ENTRY_HEADER.exec(raw);
  if (!header) return null;
  const text = raw.slice(header[0].length);
  const digest = sha256Hex(text);
  return digest === header[1] ? { text, digest } : null;
}

/** The text of the entry in `file` if verified, else null. */
export function readVerifiedEntry(file: string): string | null {
  return readEntry(file)?.text ?? null;
}

/** writeFileSync, creating the folder only when it is missing: cache folders almost always exist, and
 *  creating them first cost two failing system calls (mkdir, stat) on every write. */
export function writeCreatingFolder(file: string, bytes: string | Uint8Array): void {
  try {
    writeFileSync(file, bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirBounded(path.dirname(file));
    writeFileSync(file, bytes);
  }
}

/** Write `bytes` to `file` atomically (rename): a concurrent run reads the old file or this one. */
export function writeAtomic(file: string, bytes: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeCreatingFolder(tmp, bytes);
  renameSync(tmp, file);
}

/** Write an entry with its digest header, atomically. */
export function writeEntry(file: string, text: string): void {
  writeAtomic(file, `// sha256:${sha256Hex(text)}\n${text}`);
}
