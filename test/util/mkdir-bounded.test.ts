import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import type { StudioError } from '../../src/errors/studio-error.js';
import { mkdirBounded } from '../../src/util/mkdir-bounded.js';
import { thrown } from '../errors/studio-failure.js';

const dir = mkdtempSync(join(tmpdir(), 'studio-mkdir-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const failure = (path: string): StudioError => thrown(() => mkdirBounded(path), `mkdir ${path}`);

describe('mkdirBounded', () => {
  it('creates missing parents, and accepts a folder that exists', () => {
    const deep = join(dir, 'a', 'b', 'c');
    mkdirBounded(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    mkdirBounded(deep);
  });

  it('names a regular file in the path', () => {
    writeFileSync(join(dir, 'file'), '');
    const e = failure(join(dir, 'file', 'sub'));
    expect(e.code).toBe(ErrorCodes.WRITE_FAILED);
    expect(e.message).toContain('not a folder');
    expect(failure(join(dir, 'file')).code).toBe(ErrorCodes.WRITE_FAILED);
  });

  it.skipIf(process.platform !== 'linux')(
    'gives up at once under /proc, where mkdir answers ENOENT forever',
    () => {
      const e = failure('/proc/self/studio-x/y/z');
      expect(e.code).toBe(ErrorCodes.WRITE_FAILED);
      expect(e.message).toContain('does not allow creating folders');
      expect(existsSync('/proc/self/studio-x')).toBe(false);
    },
  );
});
