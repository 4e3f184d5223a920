// Shared by the gates tests: fresh packs in temp folders, built from the real scaffold.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaffoldPack } from '../../src/gates/scaffold-pack.js';

/** A freshly scaffolded pack (name @test/<id>, pack id <id>) in its own temp folder. */
export function freshPack(id = 'sample'): string {
  const root = join(mkdtempSync(join(tmpdir(), 'studio-gates-')), id);
  scaffoldPack({ name: `@test/${id}`, id, out: root });
  return root;
}

export function editJson(file: string, edit: (data: Record<string, unknown>) => void): void {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(data);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

export const target = (root: string) => ({ root, name: '', version: '' });

/** The gates a pack passes, in the order they run. */
export const PACK_GATES = ['package', 'paths', 'manifest', 'engine', 'harness', 'determinism'];
