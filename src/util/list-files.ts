import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareCodePoints } from './canonical-json.js';

/** Every entry under `dir` that is not a folder (files, and symlinks, which are never followed), as
 *  relative POSIX paths sorted by code point. Folders whose relative path is in `skip` (e.g.
 *  `node_modules` of a working copy) are not entered. */
export function listFiles(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const visit = (prefix: string): void => {
    for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (!entry.isDirectory()) out.push(rel);
      else if (!skip.has(rel)) visit(rel);
    }
  };
  visit('');
  return out.sort(compareCodePoints);
}
