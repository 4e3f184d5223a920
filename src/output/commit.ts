import { copyFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ARTIFACT_INDEX_FILE } from './artifact-index.js';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { faultPoint } from './fault.js';
import { commitStaged, readJournal, recoverOutput, stagingPath } from './journal.js';
import { type OutputLayout, isAuxName, outputLayout } from './layout.js';
import { OutputLock } from './lock.js';
import { type OutputSet, outputEntries } from './output-set.js';
import { writeFailed } from '../util/io-error.js';
import { mkdirBounded } from '../util/mkdir-bounded.js';

// The one place a run's output reaches the disk (DESIGN §2): the whole output set is written into a
// staging folder, which the commit then makes `out/` (journal.ts: crash-safe swap, or in-place writing
// when out/ is a mount point), under a lock held from the start of the run (lock.ts).

/** A folder that receives the whole output before the commit makes it `out/`, so a failed or killed
 *  run never leaves a half-written `out/`. */
export class StagingDir {
  readonly path: string;
  readonly layout: OutputLayout;
  private readonly lock: OutputLock;
  /** Folders of the staging folder already created (one mkdir per folder, not per file). */
  private readonly made = new Set<string>();

  constructor(
    readonly target: string,
    private readonly runId: string,
  ) {
    this.layout = outputLayout(target);
    this.path = stagingPath(this.layout, runId);
    this.lock = new OutputLock(this.layout, runId);
  }

  /** Take the output folder's lock (E_OUTPUT_LOCKED when another run holds it), then finish or clean
   *  up whatever earlier crashed runs left. Returns what recovery did. */
  begin(): string[] {
    try {
      mkdirBounded(this.layout.auxDir);
    } catch (error) {
      throw writeFailed(error, this.target);
    }
    this.lock.acquire();
    faultPoint('lock-acquired');
    return recoverOutput(this.layout);
  }

  /** Release the lock (a no-op when begin() did not take it). */
  end(): void {
    this.lock.release();
  }

  /** Refuse to replace a folder that is not a previous studio output (we would delete the user's files). */
  checkTarget(): void {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(this.target).isDirectory();
    } catch {
      return;
    }
    if (!isDirectory) {
      throw new StudioError(
        ErrorCodes.WRITE_FAILED,
        `the output path ${this.target} exists and is not a folder`,
        {
          hint: 'Choose another -o/--out.',
        },
      );
    }
    const entries = readdirSync(this.target).filter((name) => !isAuxName(this.layout, name));
    if (entries.length > 0 && !entries.includes(ARTIFACT_INDEX_FILE)) {
      throw new StudioError(
        ErrorCodes.WRITE_FAILED,
        `the output folder ${this.target} holds files studio did not write`,
        {
          hint: 'studio replaces its output folder as a whole: choose an empty or new folder with -o/--out.',
        },
      );
    }
  }

  create(): void {
    try {
      rmSync(this.path, { recursive: true, force: true });
      mkdirBounded(this.path);
      this.made.clear();
      this.made.add(this.path);
    } catch (error) {
      throw writeFailed(error, this.target);
    }
  }

  write(relPath: string, content: string | Uint8Array): void {
    this.put(relPath, (file) => writeFileSync(file, content));
  }

  /** Copy the file `source` in as `relPath`, byte for byte (in the kernel: no read into the process). */
  copy(relPath: string, source: string): void {
    this.put(relPath, (file) => copyFileSync(source, file));
  }

  private put(relPath: string, write: (file: string) => void): void {
    const file = join(this.path, ...relPath.split('/'));
    const dir = dirname(file);
    try {
      if (!this.made.has(dir)) {
        mkdirBounded(dir);
        this.made.add(dir);
      }
      write(file);
    } catch (error) {
      throw writeFailed(error, `${this.target} (${relPath})`);
    }
  }

  /** Make the staging folder the output (crash-safe; see journal.ts). */
  commit(): void {
    commitStaged(this.layout, this.runId);
  }

  /** Drop the staging folder of a failed run. Once the journal names it, the commit is under way and
   *  is finished instead (now, or by the next run if the file system still refuses). */
  discard(): void {
    if (readJournal(this.layout)?.staging === basename(this.path)) {
      try {
        recoverOutput(this.layout);
      } catch {
        // The journal stays; the next run finishes the commit.
      }
      return;
    }
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** The output folder of one run: locked by open() (a second run fails at once with E_OUTPUT_LOCKED,
 *  and what crashed runs left is finished or removed), written by commit(), released by close(). */
export class OutputTarget {
  private readonly staging: StagingDir;

  constructor(target: string, runId: string) {
    this.staging = new StagingDir(target, runId);
  }

  /** Take the lock and recover; returns what recovery did (for the audit log). */
  open(): string[] {
    return this.staging.begin();
  }

  /** Write the whole set into the staging folder, then commit it. */
  commit(set: OutputSet): void {
    const staging = this.staging;
    staging.checkTarget();
    staging.create();
    try {
      for (const entry of outputEntries(set)) {
        if ('copyOf' in entry) staging.copy(entry.path, entry.copyOf);
        else staging.write(entry.path, entry.bytes);
      }
      staging.commit();
    } catch (error) {
      staging.discard();
      throw error;
    }
  }

  close(): void {
    this.staging.end();
  }
}

/** Lock, write and commit `set` as `target` in one call (for callers that hold no run-long lock). */
export function commitOutput(target: string, set: OutputSet, runId: string): void {
  const output = new OutputTarget(target, runId);
  output.open();
  try {
    output.commit(set);
  } finally {
    output.close();
  }
}
