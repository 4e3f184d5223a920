// `$STUDIO_DATA_DIR/studio-gates.json`: which user-installed package versions passed the gates (and
// which linked folders passed the link checks), with the sha256 of every file they had. A package is
// trusted at load time only while its version, tarball integrity and files still equal its record, so
// `plugins update` (which skips the install hooks) or a hand-edited node_modules never brings in an
// unchecked pack.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../util/canonical-json.js';
import { mkdirBounded } from '../util/mkdir-bounded.js';
import type { FileDigests } from './tree-digest.js';

/** One passed-gates record. */
export interface GateRecord {
  version: string;
  /** SRI sha512 of the installed tarball ('' for a linked folder). */
  integrity: string;
  /** Gates (or, for a link, checks) passed. */
  gates: string[];
  /** studio version that ran the gates. */
  engine: string;
  /** "user" (installed from a registry) or "link" (a linked working copy). */
  type?: 'user' | 'link';
  /** Absolute folder of a linked working copy. */
  root?: string;
  /** The index that vouched for the install (path and signer). */
  index?: string;
  /** sha256 of every file of the pack as it passed. */
  files?: FileDigests;
  /** One digest over `files`. */
  digest?: string;
}

export const RECORDS_FILE = 'studio-gates.json';

/** Records by package name; an unreadable file counts as no records (nothing is trusted). */
export function readGateRecords(dataDir: string): Record<string, GateRecord> {
  const file = join(dataDir, RECORDS_FILE);
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { records?: Record<string, GateRecord> };
    return parsed.records && typeof parsed.records === 'object' ? parsed.records : {};
  } catch {
    return {};
  }
}

function writeRecords(dataDir: string, records: Record<string, GateRecord>): void {
  const file = join(dataDir, RECORDS_FILE);
  // `plugins link` is the first command that writes into a fresh data dir (install has npm create it).
  mkdirBounded(dataDir);
  writeFileSync(`${file}.tmp`, canonicalJson({ records }));
  renameSync(`${file}.tmp`, file);
}

export function addGateRecord(dataDir: string, name: string, record: GateRecord): void {
  writeRecords(dataDir, { ...readGateRecords(dataDir), [name]: record });
}

export function removeGateRecord(dataDir: string, name: string): void {
  const records = readGateRecords(dataDir);
  if (!(name in records)) return;
  delete records[name];
  writeRecords(dataDir, records);
}

/** The integrity npm recorded for an installed package, from the data dir's package-lock.json. */
export function installedIntegrity(dataDir: string, name: string): string | null {
  const lock = join(dataDir, 'package-lock.json');
  if (!existsSync(lock)) return null;
  try {
    const parsed = JSON.parse(readFileSync(lock, 'utf8')) as {
      packages?: Record<string, { integrity?: unknown }>;
    };
    const integrity = parsed.packages?.[`node_modules/${name}`]?.integrity;
    return typeof integrity === 'string' ? integrity : null;
  } catch {
    return null;
  }
}

/** Drop records of packages the data dir's package.json no longer lists (as a dependency or a linked
 *  plugin), so a record never outlives its package. */
export function pruneGateRecords(dataDir: string): string[] {
  const file = join(dataDir, 'package.json');
  const installed = new Set<string>();
  if (existsSync(file)) {
    try {
      const pjson = JSON.parse(readFileSync(file, 'utf8')) as {
        dependencies?: Record<string, unknown>;
        oclif?: { plugins?: unknown[] };
      };
      for (const name of Object.keys(pjson.dependencies ?? {})) installed.add(name);
      for (const p of pjson.oclif?.plugins ?? []) {
        const name = typeof p === 'string' ? p : (p as { name?: unknown })?.name;
        if (typeof name === 'string') installed.add(name);
      }
    } catch {
      return []; // an unreadable package.json: leave the records; trust is re-checked at load time anyway
    }
  }
  const removed = Object.keys(readGateRecords(dataDir)).filter((name) => !installed.has(name));
  for (const name of removed) removeGateRecord(dataDir, name);
  return removed;
}
