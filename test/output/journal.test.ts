// Crash safety of the output commit, with real processes killed (SIGKILL) at each step of the commit
// (STUDIO_FAULT_POINT) and at random moments, concurrent runs on one out/, and out/ as a mount point.
// The writer is test/fixtures/robustness/commit-child.mjs (the real StagingDir from dist/); the soak
// (scripts/soak.mjs) runs the same checks hundreds of times.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, tempDir } from '../e2e/cli.js';

const CHILD = join(ROOT, 'test/fixtures/robustness/commit-child.mjs');
const FILES = 40;
let base: string;

beforeAll(() => {
  ensureBuilt();
  base = tempDir('studio-commit-');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
function freshOut(): { parent: string; out: string } {
  n += 1;
  const parent = join(base, `case-${n}`);
  mkdirSync(parent);
  return { parent, out: join(parent, 'out') };
}

function run(out: string, marker: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CHILD, out, marker], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

/** The marker out/ holds when it is a complete output of one run; undefined otherwise. */
function intactMarker(out: string): string | undefined {
  if (!existsSync(join(out, 'artifact_index.json'))) return undefined;
  const index = (JSON.parse(readFileSync(join(out, 'artifact_index.json'), 'utf8')) as { marker: string })
    .marker;
  const docs = readdirSync(join(out, 'docs'));
  if (docs.length !== FILES) return undefined;
  const ok = docs.every((f) => readFileSync(join(out, 'docs', f), 'utf8').startsWith(`${index}\n`));
  return ok ? index : undefined;
}

/** Entries beside out/ (lock, journal, staging, old output): none may survive a completed run. */
function leftovers(parent: string): string[] {
  return readdirSync(parent).filter((name) => name !== 'out');
}

const SWAP_POINTS = [
  // [fault point, what out/ holds once the next run has recovered: the old or the new output]
  ['lock-acquired', 'A'],
  ['staged', 'A'],
  ['journal-written', 'B'],
  ['target-aside', 'B'],
  ['staging-in', 'B'],
  ['journal-removed', 'B'],
] as const;

describe('output commit (swap mode)', () => {
  it.each(SWAP_POINTS)(
    'killed at %s: the next run finishes or rolls back (%s), then a clean run leaves no leftovers',
    (point, recovered) => {
      const { parent, out } = freshOut();
      expect(run(out, 'A').status).toBe(0);
      const killed = run(out, 'B', { STUDIO_FAULT_POINT: point });
      expect(killed.signal).toBe('SIGKILL');
      // Right after the kill, out/ is intact, or (between the two renames) recoverable from the journal.
      const now = intactMarker(out);
      if (now === undefined) expect(readdirSync(parent)).toContain('.out.studio-journal');
      else expect(['A', 'B']).toContain(now);
      // The next run recovers under the lock, then dies before it commits anything of its own.
      expect(run(out, 'R', { STUDIO_FAULT_POINT: 'staged' }).signal).toBe('SIGKILL');
      expect(intactMarker(out)).toBe(recovered);
      expect(run(out, 'C').status).toBe(0);
      expect(intactMarker(out)).toBe('C');
      expect(leftovers(parent)).toEqual([]);
    },
    60_000,
  );

  it('removes leftovers of the old staging layout and restores an output a crash left aside', () => {
    const { parent, out } = freshOut();
    expect(run(out, 'A').status).toBe(0);
    // What the previous studio left after a crash between its two renames: no out/, the old one aside.
    const aside = join(parent, '.out.tmp-0123abcd-old');
    spawnSync('mv', [out, aside]);
    mkdirSync(join(parent, '.out.tmp-0123abcd'));
    expect(run(out, 'R', { STUDIO_FAULT_POINT: 'staged' }).signal).toBe('SIGKILL');
    expect(intactMarker(out)).toBe('A');
    expect(run(out, 'C').status).toBe(0);
    expect(leftovers(parent)).toEqual([]);
  });

  it('takes over the lock of a run that died (its pid is gone)', () => {
    const { parent, out } = freshOut();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const record = { host: hostname(), pid: Number(dead.stdout), start: null, run: 'dead' };
    writeFileSync(join(parent, '.out.studio-lock'), JSON.stringify(record));
    expect(run(out, 'A').status).toBe(0);
    expect(intactMarker(out)).toBe('A');
    expect(leftovers(parent)).toEqual([]);
  });
});

describe('random kills and concurrent runs (a sample; npm run soak runs hundreds)', () => {
  it('after a kill at a random moment, out/ is intact or recoverable, and the next run cleans up', async () => {
    const { parent, out } = freshOut();
    expect(run(out, 'A').status).toBe(0);
    for (let i = 0; i < 6; i += 1) {
      const child = spawn(process.execPath, [CHILD, out, `K${i}`], { stdio: 'ignore' });
      // Listened for at once: a child that ends before the kill must not be waited for forever.
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 200)));
      child.kill('SIGKILL');
      await exited;
      const now = intactMarker(out);
      if (now === undefined) expect(readdirSync(parent)).toContain('.out.studio-journal');
      const next = run(out, `N${i}`);
      expect(next.status).toBe(0);
      expect(intactMarker(out)).toBe(`N${i}`);
      expect(leftovers(parent)).toEqual([]);
    }
  }, 120_000);

  it('a second run on the same out/ fails at once with E_OUTPUT_LOCKED (exit 2), never half-way', async () => {
    const { parent, out } = freshOut();
    for (let i = 0; i < 3; i += 1) {
      const start = (marker: string) =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const c = spawn(process.execPath, [CHILD, out, marker], {
            env: { ...process.env, CHILD_HOLD_MS: '1500' },
          });
          let stderr = '';
          c.stderr.on('data', (d) => (stderr += String(d)));
          c.on('exit', (code) => resolve({ code, stderr }));
        });
      const [x, y] = await Promise.all([start(`X${i}`), start(`Y${i}`)]);
      const codes = [x.code, y.code].sort();
      expect(codes).toEqual([0, 2]);
      expect([x, y].find((r) => r.code === 2)!.stderr).toContain('E_OUTPUT_LOCKED');
      const winner = x.code === 0 ? `X${i}` : `Y${i}`;
      expect(intactMarker(out)).toBe(winner);
      expect(leftovers(parent)).toEqual([]);
    }
  }, 120_000);
});

const canUnshare = spawnSync('unshare', ['-rm', 'true']).status === 0;
const IN_PLACE_POINTS = [
  ['journal-written', 'B'],
  ['index-removed', 'B'],
  ['old-removed', 'B'],
  ['entry-moved', 'B'],
  ['index-in', 'B'],
  ['journal-removed', 'B'],
  ['staged', 'A'],
] as const;

// A mount point cannot be renamed: studio writes into it in place. Needs unprivileged user namespaces
// (unshare -rm) to mount a tmpfs without root; skipped where the kernel does not allow them.
describe.skipIf(!canUnshare)('output commit (out/ is a mount point: in place)', () => {
  it.each(IN_PLACE_POINTS)(
    'killed at %s: verify reports the partial state, the next run completes it (%s), no leftovers',
    (point, recovered) => {
      const { out } = freshOut();
      mkdirSync(out);
      const r = spawnSync(
        'unshare',
        ['-rm', process.execPath, join(ROOT, 'test/fixtures/robustness/inplace-scenario.mjs'), out, point],
        { encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      const s = JSON.parse(r.stdout) as {
        status: [number, string, string, number];
        afterKill: { index: string | null; markers: string[]; names: string[] };
        afterRecovery: { index: string | null; markers: string[]; files: number };
        final: { index: string | null; markers: string[]; names: string[]; files: number };
        verifyAfterKill: { status: number; stderr: string };
      };
      expect(s.status).toEqual([0, 'SIGKILL', 'SIGKILL', 0]);
      // A folder that is neither the old nor the new output never passes as complete.
      if (s.afterKill.names.includes('.studio-journal')) {
        expect(s.verifyAfterKill.status).toBe(2);
        expect(s.verifyAfterKill.stderr).toContain('interrupted');
      } else {
        expect(s.afterKill.markers).toHaveLength(1);
        expect(s.afterKill.index).toBe(s.afterKill.markers[0]);
      }
      expect(s.afterRecovery).toMatchObject({ index: recovered, markers: [recovered], files: FILES });
      expect(s.final).toEqual({
        names: ['artifact_index.json', 'docs'],
        files: FILES,
        markers: ['C'],
        index: 'C',
      });
    },
    60_000,
  );
});
