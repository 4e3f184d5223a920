import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../src/util/list-files.js';
import { tempDir } from '../e2e/cli.js';

describe('listFiles', () => {
  it('lists every non-folder entry as a relative POSIX path, in code-point order, links unfollowed', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'b/deep'), { recursive: true });
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'b/deep/x.md'), 'x');
    writeFileSync(join(dir, 'a.md'), 'a');
    writeFileSync(join(dir, 'B.md'), 'B');
    symlinkSync(join(dir, 'b'), join(dir, 'link'));
    expect(listFiles(dir)).toEqual(['B.md', 'a.md', 'b/deep/x.md', 'link']);
  });

  it('does not enter the folders named in skip (relative paths), at the top level or deeper', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
    mkdirSync(join(dir, 'src/node_modules'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/x/index.js'), '');
    writeFileSync(join(dir, 'src/node_modules/y.js'), '');
    writeFileSync(join(dir, 'src/a.js'), '');
    expect(listFiles(dir, new Set(['node_modules']))).toEqual(['src/a.js', 'src/node_modules/y.js']);
    expect(listFiles(dir, new Set(['node_modules', 'src/node_modules']))).toEqual(['src/a.js']);
  });
});
