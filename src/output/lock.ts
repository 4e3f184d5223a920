// One run at a time per output folder. The lock is a file created atomically with its content (written
// to a private temp file, then hard-linked into place: link fails if the lock exists), naming the
// holder's host, pid and process start time. A lock whose holder is gone (a crashed or killed run) is
// stale and taken over; a live holder makes a second run fail at once with E_OUTPUT_LOCKED.
import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { writeFailed } from '../util/io-error.js';
import { type OutputLayout, auxPath, lockPath } from './layout.js';

interface LockRecord {
  host: string;
  pid: number;
  /** Process start time (Linux clock ticks since boot), so a reused pid is not mistaken for the holder. */
  start: string | null;
  run: string;
}

/** A lock file (or lock attempt) without a readable record older than this was cut short by a crash. */
const UNREADABLE_STALE_MS = 5_000;

/** A break-in older than this is from a run that died while breaking a stale lock. */
const BREAKER_STALE_MS = 30_000;

/** Linux /proc/<pid>/stat fields after the command name (which may hold spaces and parentheses):
 *  [0] is the state (Z: a zombie, dead but not yet reaped), [19] the start time. */
function procStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function processStart(pid: number): string | null {
  return procStat(pid)?.[19] ?? null;
}

function readRecord(file: string): LockRecord | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as LockRecord;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the holder of `record` is still running (unknown hosts count as running). */
function holderAlive(record: LockRecord): boolean {
  if (record.host !== hostname()) return true;
  try {
    process.kill(record.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = procStat(record.pid);
  if (stat?.[0] === 'Z' || stat?.[0] === 'X') return false;
  const start = stat?.[19] ?? null;
  return record.start === null || start === null || start === record.start;
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

/** The lock of one output folder, held by this run until release(). */
export class OutputLock {
  private held = false;
  private readonly file: string;
  private readonly temp: string;
  private readonly record: LockRecord;

  constructor(
    private readonly layout: OutputLayout,
    runId: string,
  ) {
    this.file = lockPath(layout);
    this.temp = auxPath(layout, `lock.${runId.slice(0, 8)}`);
    this.record = { host: hostname(), pid: process.pid, start: processStart(process.pid), run: runId };
  }

  /** Take the lock or throw E_OUTPUT_LOCKED (another live run holds it). */
  acquire(): void {
    try {
      writeFileSync(this.temp, `${JSON.stringify(this.record)}\n`);
    } catch (error) {
      throw writeFailed(error, this.layout.target);
    }
    try {
      if (tryLink(this.temp, this.file) || this.breakStale()) {
        this.held = true;
        return;
      }
    } catch (error) {
      throw writeFailed(error, this.layout.target);
    } finally {
      removeQuietly(this.temp);
    }
    const holder = readRecord(this.file);
    throw new StudioError(
      ErrorCodes.OUTPUT_LOCKED,
      `another studio run is writing ${this.layout.target}` +
        (holder ? ` (process ${holder.pid} on ${holder.host})` : ''),
      {
        hint: `Wait for it to finish, or write elsewhere with -o/--out. If no run is active, delete ${this.file}.`,
      },
    );
  }

  /** Take over a lock whose holder is gone. One breaker at a time: the break-in file is created like
   *  the lock, so two runs finding the same stale lock cannot both take it. */
  private breakStale(): boolean {
    const stale = readRecord(this.file);
    if (stale !== undefined && holderAlive(stale)) return false;
    if (stale === undefined && !this.unreadableIsStale()) return false;
    const breaker = auxPath(this.layout, 'lock-break');
    if (!tryLink(this.temp, breaker)) {
      if (Date.now() - mtimeMs(breaker) < BREAKER_STALE_MS) return false;
      removeQuietly(breaker);
      if (!tryLink(this.temp, breaker)) return false;
    }
    try {
      // Re-read under the break-in: another breaker may have replaced the stale lock meanwhile.
      const now = readRecord(this.file);
      if (now !== undefined && (now.run !== stale?.run || holderAlive(now))) return false;
      removeQuietly(this.file);
      return tryLink(this.temp, this.file);
    } finally {
      removeQuietly(breaker);
    }
  }

  /** A lock file without a readable record was cut short by a crash, unless it is brand new. */
  private unreadableIsStale(): boolean {
    return Date.now() - mtimeMs(this.file) > UNREADABLE_STALE_MS;
  }

  /** Release the lock if this run holds it. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (readRecord(this.file)?.run === this.record.run) removeQuietly(this.file);
  }
}

/** Whether a lock attempt's temp file (written before it is linked into place as the lock) was left by a
 *  run that is gone: its record names a holder that is no longer running, or it holds no readable
 *  record and is older than a moment. A live run's attempt in flight is never a leftover. */
export function lockAttemptLeftover(file: string): boolean {
  const record = readRecord(file);
  if (record !== undefined) return !holderAlive(record);
  return Date.now() - mtimeMs(file) > UNREADABLE_STALE_MS;
}

function mtimeMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
