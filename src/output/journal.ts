// The journal of the output commit (commit.ts): a fully written staging folder becomes out/ so that a crash at any instant leaves
// either the previous output or the new one — never neither — once the next run (or `studio verify`'s
// advice to run again) has finished what the crash interrupted.
//
// Protocol (swap mode, out/ renameable):
//   1. the staging folder `.out.studio-new-<run>` is complete;
//   2. the journal `.out.studio-journal` is written (temp file, fsync, rename): from here on the new
//      output is the one that wins;
//   3. out/ → `.out.studio-old-<run>`;  4. staging → out/;  5. journal removed;  6. old output removed.
// Recovery (next run, under the lock): with a journal, roll forward (finish 3–6); without one, any
// staging or old folder is a leftover of a run that died before step 2 or after step 5 and is removed.
//
// In-place mode (out/ is a mount point): staging is `out/.studio-new-<run>`; the journal lists the new
// entries; the old index is removed first (so `verify` sees an incomplete folder, never a mixed one
// passing as complete), then the old entries, then each new entry is moved in, the index last.
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { ARTIFACT_INDEX_FILE } from './artifact-index.js';
import { lockAttemptLeftover } from './lock.js';
import { writeFailed } from '../util/io-error.js';
import { faultPoint } from './fault.js';
import { type OutputLayout, JOURNAL_NAME, asideName, isAuxName, journalPath, stagingName } from './layout.js';

/** What a crashed commit left for the next run to finish. */
export interface Journal {
  version: 1;
  mode: 'swap' | 'in-place';
  /** Staging folder name (in auxDir). */
  staging: string;
  /** Swap mode: name the previous out/ is moved to (in auxDir). */
  aside?: string;
  /** In-place mode: the new output's top-level entries. */
  entries?: string[];
}

function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: some file systems do not fsync folders.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeJournal(layout: OutputLayout, journal: Journal): void {
  const file = journalPath(layout);
  const temp = `${file}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(journal)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  fsyncPath(layout.auxDir);
}

export function readJournal(layout: OutputLayout): Journal | undefined {
  const file = journalPath(layout);
  if (!existsSync(file)) return undefined;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Journal;
    if (value.version === 1 && typeof value.staging === 'string') return value;
  } catch {
    // A journal cut short never reached its rename: the temp file is a leftover, not a journal.
  }
  return undefined;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function remove(path: string): void {
  rmSync(path, { recursive: true, force: true, maxRetries: 3 });
}

/** The staging folder of this run. */
export function stagingPath(layout: OutputLayout, runId: string): string {
  return join(layout.auxDir, stagingName(layout, runId));
}

/** Make the staging folder of `runId` the output (see the protocol above). */
export function commitStaged(layout: OutputLayout, runId: string): void {
  faultPoint('staged');
  try {
    if (layout.inPlace) {
      const staging = stagingName(layout, runId);
      const entries = readdirSync(join(layout.auxDir, staging)).sort();
      writeJournal(layout, { version: 1, mode: 'in-place', staging, entries });
      faultPoint('journal-written');
      finishInPlace(layout, { version: 1, mode: 'in-place', staging, entries });
    } else {
      const journal: Journal = {
        version: 1,
        mode: 'swap',
        staging: stagingName(layout, runId),
        aside: asideName(layout, runId),
      };
      writeJournal(layout, journal);
      faultPoint('journal-written');
      finishSwap(layout, journal);
    }
  } catch (error) {
    throw writeFailed(error, layout.target);
  }
}

function finishSwap(layout: OutputLayout, journal: Journal): void {
  const staging = join(layout.auxDir, journal.staging);
  const aside = join(layout.auxDir, journal.aside ?? `${layout.prefix}old-recovered`);
  if (exists(staging)) {
    if (exists(layout.target)) {
      if (exists(aside)) {
        // Both an out/ and an aside: something other than studio recreated out/; keep it, drop ours.
        remove(staging);
      } else {
        renameSync(layout.target, aside);
        faultPoint('target-aside');
      }
    }
    if (exists(staging)) {
      renameSync(staging, layout.target);
      faultPoint('staging-in');
    }
  } else if (!exists(layout.target) && exists(aside)) {
    // The new output is gone (removed by hand): the previous one comes back.
    renameSync(aside, layout.target);
  }
  remove(journalPath(layout));
  fsyncPath(layout.auxDir);
  faultPoint('journal-removed');
  remove(aside);
}

function finishInPlace(layout: OutputLayout, journal: Journal): void {
  const target = layout.target;
  const staging = join(target, journal.staging);
  if (exists(staging)) {
    const fresh = new Set(journal.entries ?? []);
    const pending = new Set(readdirSync(staging));
    // While the new index is still staged, the one in out/ is the old one: it goes first.
    if (pending.has(ARTIFACT_INDEX_FILE)) remove(join(target, ARTIFACT_INDEX_FILE));
    faultPoint('index-removed');
    for (const name of readdirSync(target)) {
      if (isAuxName(layout, name)) continue;
      // A new entry already moved in stays; an old one (or an old one of a new name) goes.
      if (fresh.has(name) && !pending.has(name)) continue;
      remove(join(target, name));
    }
    faultPoint('old-removed');
    const names = [...pending].filter((n) => n !== ARTIFACT_INDEX_FILE).sort();
    for (const name of names) {
      renameSync(join(staging, name), join(target, name));
      faultPoint('entry-moved');
    }
    if (pending.has(ARTIFACT_INDEX_FILE))
      renameSync(join(staging, ARTIFACT_INDEX_FILE), join(target, ARTIFACT_INDEX_FILE));
    faultPoint('index-in');
    fsyncPath(target);
    remove(staging);
  }
  remove(journalPath(layout));
  faultPoint('journal-removed');
}

/** Finish a commit a crash interrupted, then remove leftovers of earlier runs (staging and old
 *  folders, temp files). Call with the lock held. Returns what was done, for the audit log. */
export function recoverOutput(layout: OutputLayout): string[] {
  const done: string[] = [];
  try {
    const journal = readJournal(layout);
    if (journal) {
      if (journal.mode === 'in-place') finishInPlace(layout, journal);
      else finishSwap(layout, journal);
      done.push(`finished an interrupted commit (${journal.mode}) of ${layout.target}`);
    }
    done.push(...removeLeftovers(layout));
  } catch (error) {
    throw writeFailed(error, layout.target);
  }
  return done;
}

// Older studio versions staged beside out/ as `.out.tmp-<8 hex>` and `.out.tmp-<8 hex>-old`.
const LEGACY = (base: string) =>
  new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.tmp-[0-9a-f]{8}(-old)?$`);

function removeLeftovers(layout: OutputLayout): string[] {
  const done: string[] = [];
  if (!exists(layout.auxDir)) return done;
  const lockTemp = new RegExp(`^lock\\.[0-9a-f]{8}$`);
  for (const name of readdirSync(layout.auxDir)) {
    if (!isAuxName(layout, name)) continue;
    const rest = name.slice(layout.prefix.length);
    // Another run's lock attempt in flight names a live holder; a killed one's holder is gone.
    if (lockTemp.test(rest) && !lockAttemptLeftover(join(layout.auxDir, name))) continue;
    if (rest === 'lock' || rest === 'lock-break' || rest === JOURNAL_NAME) continue;
    if (/^(new|old)-[0-9a-f]{8}$/.test(rest) || rest === `${JOURNAL_NAME}.tmp` || lockTemp.test(rest)) {
      remove(join(layout.auxDir, name));
      done.push(`removed the leftover ${name}`);
    }
  }
  if (!layout.inPlace) {
    const base = layout.prefix.slice(1, -'.studio-'.length);
    const legacy = LEGACY(base);
    for (const name of readdirSync(layout.auxDir).sort()) {
      if (!legacy.test(name)) continue;
      const path = join(layout.auxDir, name);
      // A legacy crash between its two renames left no out/: its old output is the last good one.
      if (name.endsWith('-old') && !exists(layout.target)) {
        renameSync(path, layout.target);
        done.push(`restored the previous output from ${name}`);
      } else {
        remove(path);
        done.push(`removed the leftover ${name}`);
      }
    }
  }
  return done;
}

/** A description of an unfinished commit of `layout`, or undefined (for `studio verify`). */
export function pendingCommit(layout: OutputLayout): string | undefined {
  const journal = readJournal(layout);
  if (!journal) return undefined;
  return journal.mode === 'in-place'
    ? 'a commit into this folder was interrupted: it is incomplete. Run studio generate again to finish it.'
    : 'a commit of this folder was interrupted. Run studio generate again to finish it.';
}
