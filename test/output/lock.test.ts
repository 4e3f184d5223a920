import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import type { StudioError } from '../../src/errors/studio-error.js';
import { outputLayout } from '../../src/output/layout.js';
import { OutputLock, lockAttemptLeftover } from '../../src/output/lock.js';

const dir = mkdtempSync(join(tmpdir(), 'studio-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const layout = () => outputLayout(join(dir, 'out'));
const runId = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;

function lockedBy(lock: OutputLock): StudioError {
  try {
    lock.acquire();
  } catch (error) {
    return error as StudioError;
  }
  throw new Error('expected E_OUTPUT_LOCKED');
}

describe('OutputLock', () => {
  it('one holder at a time; released, the next run takes it; no temp files remain', () => {
    const a = new OutputLock(layout(), runId(1));
    const b = new OutputLock(layout(), runId(2));
    a.acquire();
    const e = lockedBy(b);
    expect(e.code).toBe(ErrorCodes.OUTPUT_LOCKED);
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(`process ${process.pid}`);
    a.release();
    b.acquire();
    b.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a live holder in another process keeps it; a dead one loses it', async () => {
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    const file = join(dir, '.out.studio-lock');
    writeFileSync(file, JSON.stringify({ host: hostname(), pid: sleeper.pid, start: null, run: 'other' }));
    expect(lockedBy(new OutputLock(layout(), runId(3))).code).toBe(ErrorCodes.OUTPUT_LOCKED);
    sleeper.kill('SIGKILL');
    await new Promise((r) => sleeper.once('exit', r));
    const c = new OutputLock(layout(), runId(4));
    c.acquire();
    c.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a reused pid (another process start time) does not keep a stale lock', () => {
    const file = join(dir, '.out.studio-lock');
    writeFileSync(file, JSON.stringify({ host: hostname(), pid: process.pid, start: '1', run: 'old' }));
    const d = new OutputLock(layout(), runId(5));
    if (process.platform === 'linux') {
      d.acquire();
      d.release();
    } else {
      expect(lockedBy(d).code).toBe(ErrorCodes.OUTPUT_LOCKED);
      rmSync(file);
    }
  });

  it('an unreadable lock is stale once it is old, and respected while it is new', () => {
    const file = join(dir, '.out.studio-lock');
    writeFileSync(file, '{"cut sh');
    expect(lockedBy(new OutputLock(layout(), runId(6))).code).toBe(ErrorCodes.OUTPUT_LOCKED);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    const e = new OutputLock(layout(), runId(7));
    e.acquire();
    e.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a lock held on another host is respected', () => {
    const file = join(dir, '.out.studio-lock');
    writeFileSync(file, JSON.stringify({ host: `not-${hostname()}`, pid: 1, start: null, run: 'remote' }));
    expect(lockedBy(new OutputLock(layout(), runId(8))).message).toContain(`on not-${hostname()}`);
    rmSync(file);
  });
});

describe('lockAttemptLeftover', () => {
  it('is a leftover when its holder is gone, never while its holder runs; unreadable ones once old', async () => {
    const file = join(dir, '.out.studio-lock.aaaaaaaa');
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = await new Promise<number>((r) => dead.once('exit', () => r(dead.pid!)));
    writeFileSync(file, JSON.stringify({ host: hostname(), pid, start: null, run: 'killed' }));
    expect(lockAttemptLeftover(file)).toBe(true);
    writeFileSync(file, JSON.stringify({ host: hostname(), pid: process.pid, start: null, run: 'live' }));
    expect(lockAttemptLeftover(file)).toBe(false);
    writeFileSync(file, JSON.stringify({ host: `not-${hostname()}`, pid, start: null, run: 'remote' }));
    expect(lockAttemptLeftover(file)).toBe(false);
    writeFileSync(file, '');
    expect(lockAttemptLeftover(file)).toBe(false);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    expect(lockAttemptLeftover(file)).toBe(true);
    rmSync(file);
  });
});
