// Once per `vitest run`: a private temp root for the whole run, holding every temp folder the tests and
// the CLIs they start create (TMPDIR points into it, so nothing is left in the machine's temp folder),
// and a cache (STUDIO_CACHE_DIR) warmed by one real generate, so timings do not depend on what an
// earlier run left in ~/.cache/studio. Workers and the CLIs they spawn inherit both variables.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureBuilt, generateArgs } from './e2e/cli.js';

// Vitest runs a global setup once per project (vitest.config.ts has several): the first one sets the run up.
const RUN = Symbol.for('studio.test-run');
const state = globalThis as { [RUN]?: string };

/** Where the run's root goes: memory (/dev/shm) where the machine has it, else the temp folder. The
 *  suite creates and removes tens of thousands of small files (projects, caches, npm prefixes); on a
 *  disk that was about a sixth of its CPU, nearly all of it system time. */
function runParent(): string {
  try {
    if (statSync('/dev/shm').isDirectory()) {
      accessSync('/dev/shm', constants.W_OK);
      return '/dev/shm';
    }
  } catch {
    // No /dev/shm (macOS, Windows) or not writable: the temp folder.
  }
  return tmpdir();
}

export default function setup(): () => void {
  if (state[RUN]) return () => {};
  // No test opens a TLS connection (registries and servers are local, over http), and Node parses the
  // NODE_EXTRA_CA_CERTS bundle at every start-up where the machine sets it: ~30 ms of CPU for each of
  // the suite's ~700 Node processes. Workers and the processes they spawn inherit the deletion.
  delete process.env.NODE_EXTRA_CA_CERTS;
  const root = mkdtempSync(join(runParent(), 'studio-test-run-'));
  state[RUN] = root;
  const tmp = join(root, 'tmp');
  mkdirSync(tmp);
  process.env.TMPDIR = tmp;
  process.env.TMP = tmp;
  process.env.TEMP = tmp;
  process.env.STUDIO_CACHE_DIR = join(root, 'cache');

  ensureBuilt();
  // Deep extends Balanced: one run compiles every first-party template and validates every format.
  const out = join(tmp, 'warm-up');
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'bin/run.js'), ...generateArgs('clinic-queue', '--pack', 'deep', '-o', out)],
    { cwd: ROOT, env: { ...process.env, STUDIO_DATA_DIR: join(tmp, 'warm-up-data') }, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`warming the cache failed:\n${r.stderr}`);
  rmSync(out, { recursive: true, force: true });

  return () => rmSync(root, { recursive: true, force: true });
}
