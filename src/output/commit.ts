import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ARTIFACT_INDEX_FILE } from './artifact-index.js';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { type OutputSet, outputEntries } from './output-set.js';

/** A folder next to the target that receives the whole output before it is renamed into place,
 *  so a failed run never leaves a half-written `out/`. */
export class StagingDir {
  readonly path: string;

  constructor(
    readonly target: string,
    runId: string,
  ) {
    this.path = join(dirname(target), `.${basename(target)}.tmp-${runId.slice(0, 8)}`);
  }

  /** Refuse to replace a folder that is not a previous studio output (we would delete the user's files). */
  checkTarget(): void {
    if (!existsSync(this.target)) return;
    if (!statSync(this.target).isDirectory()) {
      throw new StudioError(
        ErrorCodes.WRITE_FAILED,
        `the output path ${this.target} exists and is not a folder`,
        {
          hint: 'Choose another -o/--out.',
        },
      );
    }
    const entries = readdirSync(this.target);
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
    rmSync(this.path, { recursive: true, force: true });
    mkdirSync(this.path, { recursive: true });
  }

  write(relPath: string, content: string | Uint8Array): void {
    const file = join(this.path, ...relPath.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }

  /** Swap the staging folder into place: old output aside, new one in, old one removed. */
  commit(): void {
    const aside = `${this.path}-old`;
    try {
      if (existsSync(this.target)) renameSync(this.target, aside);
      renameSync(this.path, this.target);
    } catch (error) {
      if (!existsSync(this.target) && existsSync(aside)) renameSync(aside, this.target);
      throw new StudioError(
        ErrorCodes.WRITE_FAILED,
        `could not move the output into ${this.target}: ${(error as Error).message}`,
        {
          hint: 'Check permissions, and that no program holds files in the output folder open.',
          cause: error,
        },
      );
    }
    rmSync(aside, { recursive: true, force: true });
  }

  discard(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** The one place a run's output reaches the disk: the whole set is written into a staging folder beside
 *  `target`, which then replaces `target` in one rename. Anything that must hold for every write
 *  (locking, a journal for crash recovery, output rules) belongs here, around these steps. */
export function commitOutput(target: string, set: OutputSet, runId: string): void {
  const staging = new StagingDir(target, runId);
  staging.checkTarget();
  staging.create();
  try {
    for (const entry of outputEntries(set)) staging.write(entry.path, entry.bytes);
    staging.commit();
  } catch (error) {
    staging.discard();
    throw error;
  }
}
