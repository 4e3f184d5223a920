import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareCodePoints } from './canonical-json.js';

/** Every entry under `dir` that is not a folder (files, and symlinks, which are never followed), as
 *  relative POSIX paths sorted by code point. */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return prefix === '' ? out.sort(compareCodePoints) : out;
}
