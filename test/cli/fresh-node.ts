// The start-up modules change Node's module cache, so their tests run them in fresh Node processes, as
// bin/run.js does.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { ROOT } from '../e2e/cli.js';

/** Run `body`, an ES module script with `binding` (e.g. `{ loadOclif }`) imported from the module at
 *  `entry`, `req` (a require from the repository's root) and `loaded(part)` (the names of the cached
 *  modules whose path has `part`) in scope, without DEBUG; returns what it prints, parsed as JSON. */
export function inFreshNode(entry: string, binding: string, body: string): Record<string, unknown> {
  const script = [
    `const ${binding} = await import(${JSON.stringify(pathToFileURL(entry).href)});`,
    "const { createRequire } = await import('node:module');",
    `const req = createRequire(${JSON.stringify(join(ROOT, 'package.json'))});`,
    'const loaded = (part) => Object.keys(req.cache).filter((f) => f.includes(part)).map((f) => f.split("/").pop());',
    body,
  ].join('\n');
  const env = { ...process.env };
  // Without DEBUG, oclif's debug logging (and the terminal detection it loads) stays unloaded.
  delete env.DEBUG;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}
