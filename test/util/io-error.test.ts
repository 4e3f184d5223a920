import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import { toStudioError } from '../../src/errors/render.js';
import { inputUnreadable, reasonInWords, systemErrorToStudio, writeFailed } from '../../src/util/io-error.js';

const sys = (code: string, syscall: string, path = '/x/out') =>
  Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path }) as NodeJS.ErrnoException;

describe('io-error', () => {
  it.each([
    ['ENOSPC', 'the disk is full'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'the operation is not permitted'],
    ['EROFS', 'the file system is read-only'],
    ['ENAMETOOLONG', 'the path is too long'],
    ['ENOTDIR', 'a part of the path is a file, not a folder'],
    ['EWHATEVER', 'the system reported EWHATEVER'],
  ])('%s reads "%s"', (code, words) => {
    expect(reasonInWords(sys(code, 'write'))).toBe(words);
    const e = writeFailed(sys(code, 'write'), 'out');
    expect(e.code).toBe(ErrorCodes.WRITE_FAILED);
    expect(e.message).toBe(`cannot write out: ${words}`);
    expect(e.exitCode).toBe(1);
    expect(e.hint).toBeTruthy();
  });

  it('an unreadable input is E_INPUT_UNREADABLE with the file', () => {
    const e = inputUnreadable(sys('EACCES', 'open', 'idea.yaml'), 'idea.yaml');
    expect(e.code).toBe(ErrorCodes.INPUT_UNREADABLE);
    expect(e.file).toBe('idea.yaml');
    expect(e.exitCode).toBe(1);
  });

  it('a stray OS error is named, not called a bug: reads unreadable, everything else a failed write', () => {
    expect(systemErrorToStudio(sys('EIO', 'read')).code).toBe(ErrorCodes.INPUT_UNREADABLE);
    expect(systemErrorToStudio(sys('ENOSPC', 'write')).code).toBe(ErrorCodes.WRITE_FAILED);
    expect(systemErrorToStudio(sys('EACCES', 'open')).code).toBe(ErrorCodes.WRITE_FAILED);
    const e = toStudioError(sys('EROFS', 'mkdir'));
    expect(e.code).toBe(ErrorCodes.WRITE_FAILED);
    expect(e.message).toContain('read-only');
    expect(e.hint).not.toContain('bug');
    expect(toStudioError(new Error('boom')).code).toBe(ErrorCodes.INTERNAL);
  });
});
