// Operating-system errors in words. A full disk or a read-only mount is the user's environment, not a
// bug in studio: it gets a stable code (E_WRITE_FAILED / E_INPUT_UNREADABLE, exit 1), the reason in
// words and a hint, instead of E_INTERNAL and a raw "ENOSPC: …" message.
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';

const REASONS: Readonly<Record<string, { words: string; hint: string }>> = {
  ENOSPC: { words: 'the disk is full', hint: 'Free some space on that disk, or write somewhere else.' },
  EDQUOT: { words: 'the disk quota is exhausted', hint: 'Free some space, or write somewhere else.' },
  EACCES: {
    words: 'permission denied',
    hint: 'Check the permissions of the path and its parent folders, or choose another path.',
  },
  EPERM: {
    words: 'the operation is not permitted',
    hint: 'Check the permissions and attributes (immutable, owned by another user) of the path.',
  },
  EROFS: {
    words: 'the file system is read-only',
    hint: 'Write to a writable location (e.g. a folder under your home directory).',
  },
  ENAMETOOLONG: { words: 'the path is too long', hint: 'Use a shorter path.' },
  ENOTDIR: {
    words: 'a part of the path is a file, not a folder',
    hint: 'Check every folder in the path; one of them is a regular file.',
  },
  ENOENT: {
    words: 'a folder in the path does not exist',
    hint: 'Check the path; relative paths are resolved from the current directory.',
  },
  EISDIR: { words: 'the path is a folder', hint: 'Give the path of a file.' },
  EEXIST: { words: 'something already exists at that path', hint: 'Remove it or choose another path.' },
  EBUSY: {
    words: 'the path is busy (in use, or a mount point)',
    hint: 'Close programs using the folder, or choose another path.',
  },
  EMFILE: { words: 'too many files are open', hint: 'Raise the open-file limit (ulimit -n) and retry.' },
  ENFILE: { words: 'too many files are open', hint: 'Raise the open-file limit and retry.' },
  EIO: { words: 'an input/output error occurred', hint: 'Check the disk or the network file system.' },
  ELOOP: { words: 'the path has too many symbolic links', hint: 'Check for a symbolic link loop.' },
  EXDEV: {
    words: 'the paths are on different file systems',
    hint: 'Choose an output folder on one file system.',
  },
};

/** The errno code of an OS error, or undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** "disk full"-style words for an errno code (falls back to the code itself). */
export function reasonInWords(error: unknown): string {
  const code = errnoCode(error);
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return REASONS[code]?.words ?? `the system reported ${code}`;
}

/** True for an error raised by a file-system call (it has an errno code and a syscall). */
export function isSystemError(error: unknown): boolean {
  return errnoCode(error) !== undefined && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** E_WRITE_FAILED for an OS error while writing `what` (a path as the user would recognise it). */
export function writeFailed(error: unknown, what: string): StudioError {
  if (error instanceof StudioError) return error;
  const code = errnoCode(error);
  return new StudioError(ErrorCodes.WRITE_FAILED, `cannot write ${what}: ${reasonInWords(error)}`, {
    hint: (code && REASONS[code]?.hint) ?? 'Check the output path and the disk.',
    cause: error,
  });
}

/** E_INPUT_UNREADABLE for an OS error while reading `file`. */
export function inputUnreadable(error: unknown, file: string): StudioError {
  if (error instanceof StudioError) return error;
  const code = errnoCode(error);
  return new StudioError(ErrorCodes.INPUT_UNREADABLE, `cannot read ${file}: ${reasonInWords(error)}`, {
    file,
    hint: (code && REASONS[code]?.hint) ?? 'Check the file and the disk.',
    cause: error,
  });
}

// `open` is left out: it opens files for writing as often as for reading.
const READ_SYSCALLS = new Set(['read', 'stat', 'lstat', 'fstat', 'scandir', 'readlink', 'access']);

/** An OS error that escaped every specific handler: name it rather than call it a bug. Reads become
 *  E_INPUT_UNREADABLE, anything else (mkdir, write, rename, unlink…) E_WRITE_FAILED. */
export function systemErrorToStudio(error: NodeJS.ErrnoException): StudioError {
  const where = error.path ?? (error as { dest?: string }).dest ?? 'a file';
  if (READ_SYSCALLS.has(error.syscall ?? '') && error.code !== 'ENOSPC' && error.code !== 'EROFS')
    return inputUnreadable(error, where);
  return writeFailed(error, where);
}
