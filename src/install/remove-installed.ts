// Undo an install completely: npm uninstall (scripts disabled), then make sure nothing is left of the
// package: its node_modules folder, its package.json entries and lock entries, its gate record.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeGateRecord } from './gate-records.js';
import { runNpm } from './npm-run.js';

function editJson(file: string, edit: (data: Record<string, unknown>) => void): void {
  if (!existsSync(file)) return;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    edit(data);
    writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  } catch {
    // An unreadable file is left for npm to report; the folder removal below still happens.
  }
}

/** Remove `name` from the data dir. Returns what could not be removed (empty = clean). */
export async function removeInstalled(dataDir: string, name: string): Promise<string[]> {
  await runNpm(['uninstall', name, '--no-audit', '--no-fund'], dataDir).catch(() => undefined);
  editJson(join(dataDir, 'package.json'), (pjson) => {
    const deps = pjson.dependencies as Record<string, unknown> | undefined;
    if (deps) delete deps[name];
    const oclif = pjson.oclif as { plugins?: unknown[] } | undefined;
    if (oclif?.plugins) {
      oclif.plugins = oclif.plugins.filter(
        (p) => (typeof p === 'string' ? p : (p as { name?: string })?.name) !== name,
      );
    }
  });
  editJson(join(dataDir, 'package-lock.json'), (lock) => {
    const packages = lock.packages as Record<string, { dependencies?: Record<string, unknown> }> | undefined;
    if (!packages) return;
    delete packages[`node_modules/${name}`];
    if (packages['']?.dependencies) delete packages['']!.dependencies[name];
  });
  rmSync(join(dataDir, 'node_modules', name), { recursive: true, force: true });
  removeGateRecord(dataDir, name);
  const left: string[] = [];
  if (existsSync(join(dataDir, 'node_modules', name))) left.push(`node_modules/${name}`);
  const pjsonText = existsSync(join(dataDir, 'package.json'))
    ? readFileSync(join(dataDir, 'package.json'), 'utf8')
    : '';
  if (pjsonText.includes(JSON.stringify(name))) left.push('package.json entry');
  return left;
}
