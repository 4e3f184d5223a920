import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ARTIFACT_INDEX_FILE } from '../package/artifact-index.js';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { commitOutput, readJournal, recoverOutput, stagingPath } from '../output/commit.js';
import { faultPoint } from '../output/fault.js';
import { type OutputLayout, isAuxName, outputLayout } from '../output/layout.js';
import { OutputLock } from '../output/lock.js';
import { writeFailed } from '../util/io-error.js';
import { mkdirBounded } from '../util/mkdir-bounded.js';

/** A folder that receives the whole output before the commit makes it `out/` (src/output/commit.ts),
 *  so a failed or killed run never leaves a half-written `out/`. */
export class StagingDir {
  readonly path: string;
  readonly layout: OutputLayout;
  private readonly lock: OutputLock;

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
    } catch (error) {
      throw writeFailed(error, this.target);
    }
  }

  write(relPath: string, content: string | Uint8Array): void {
    const file = join(this.path, ...relPath.split('/'));
    try {
      mkdirBounded(dirname(file));
      writeFileSync(file, content);
    } catch (error) {
      throw writeFailed(error, `${this.target} (${relPath})`);
    }
  }

  /** Make the staging folder the output (crash-safe; see src/output/commit.ts). */
  commit(): void {
    commitOutput(this.layout, this.runId);
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
