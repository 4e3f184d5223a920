// plugins:postuninstall — drop passed-gates records of packages no longer installed, so a record never
// outlives its package (oclif calls this hook without saying which package went).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hook, Interfaces } from '@oclif/core';
import { readGateRecords, removeGateRecord } from '../install/gate-records.js';

export function pruneGateRecords(dataDir: string): string[] {
  const file = join(dataDir, 'package.json');
  let installed = new Set<string>();
  if (existsSync(file)) {
    try {
      const pjson = JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, unknown> };
      installed = new Set(Object.keys(pjson.dependencies ?? {}));
    } catch {
      return []; // an unreadable package.json: leave the records; trust is re-checked at load time anyway
    }
  }
  const removed = Object.keys(readGateRecords(dataDir)).filter((name) => !installed.has(name));
  for (const name of removed) removeGateRecord(dataDir, name);
  return removed;
}

const hook = async function (this: Hook.Context, options: { config: Interfaces.Config }): Promise<void> {
  pruneGateRecords(options.config.dataDir);
};

export default hook;
