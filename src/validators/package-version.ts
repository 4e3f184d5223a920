// Versions of validator libraries, read from their package.json without importing them: the versions
// are part of the validation-cache key, and a warm run must not pay for loading the libraries.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const versions = new Map<string, string>();

/** The installed version of `name`, found the way Node resolves packages (nearest node_modules up
 *  from this file), or "unknown" when it is not installed. */
export function packageVersion(name: string): string {
  const known = versions.get(name);
  if (known !== undefined) return known;
  let version = 'unknown';
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'node_modules', ...name.split('/'), 'package.json');
    if (existsSync(manifest)) {
      version = String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version);
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  versions.set(name, version);
  return version;
}
