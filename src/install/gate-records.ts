// `$STUDIO_DATA_DIR/studio-gates.json`: which user-installed package versions passed the gates, with
// the integrity npm recorded for the tarball. A package is trusted at load time only while its
// installed name@version+integrity equals a record, so `plugins update`/`link` (which skip the
// install hooks) or a hand-edited node_modules never bring in an unchecked pack.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../util/canonical-json.js';

/** One passed-gates record. */
export interface GateRecord {
  version: string;
  /** SRI sha512 of the installed tarball (from the data dir's package-lock.json). */
  integrity: string;
  /** Gates passed. */
  gates: string[];
  /** studio version that ran the gates. */
  engine: string;
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
