// mkdir -p with a bounded number of system calls. Node's recursive mkdir retries forever when mkdir
// answers ENOENT for a path whose parent exists (procfs, some FUSE file systems); this walks up at most
// once per path component, then down once, and gives up with the reason in words.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { writeFailed } from './io-error.js';

/** Create `dir` and its missing parents. Throws E_WRITE_FAILED (reason in words) when it cannot. */
export function mkdirBounded(dir: string): void {
  const missing: string[] = [];
  let current = resolve(dir);
  // Each iteration moves one component up; a path has fewer components than characters.
  for (let guard = current.length + 1; guard > 0; guard -= 1) {
    try {
      mkdirSync(current);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        if (statSafe(current)?.isDirectory()) break;
        throw writeFailed(Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }), dir);
      }
      const parent = dirname(current);
      // ENOENT under a parent that exists means the file system will never create it (procfs).
      if (code === 'ENOENT' && parent !== current && statSafe(parent)?.isDirectory()) {
        throw new StudioError(
          ErrorCodes.WRITE_FAILED,
          `cannot create the folder ${dir}: this file system does not allow creating folders there`,
          { hint: 'Choose a path on an ordinary disk (not under /proc or /sys).', cause: error },
        );
      }
      if (code !== 'ENOENT' || parent === current) throw writeFailed(error, dir);
      missing.push(current);
      current = parent;
    }
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSafe(path)?.isDirectory()) continue;
      throw writeFailed(error, dir);
    }
  }
}

function statSafe(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
