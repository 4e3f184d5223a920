import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTree, digestTree, firstDifference, treeDigest } from '../../src/install/tree-digest.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-digest-'));
  temps.push(dir);
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'package.json'), '{}');
  writeFileSync(join(dir, 'templates/b.njk'), 'b');
  writeFileSync(join(dir, 'templates/c.njk'), 'c');
  return dir;
}

describe('file digests', () => {
  it('digests every file by relative POSIX path, in code-point order', () => {
    const files = digestTree(tree());
    expect(Object.keys(files)).toEqual(['package.json', 'templates/b.njk', 'templates/c.njk']);
    expect(files['templates/b.njk']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(treeDigest(files)).toBe(treeDigest({ ...files }));
    expect(treeDigest(files)).not.toBe(treeDigest({ ...files, x: files['package.json']! }));
  });

  it('names the first added, removed or changed file', () => {
    const dir = tree();
    const before = digestTree(dir);
    expect(checkTree(dir, before)).toBeNull();
    writeFileSync(join(dir, 'templates/c.njk'), 'C');
    writeFileSync(join(dir, 'templates/a.njk'), 'new');
    expect(checkTree(dir, before)).toEqual({ file: 'templates/a.njk', change: 'added' });
    unlinkSync(join(dir, 'templates/a.njk'));
    expect(checkTree(dir, before)).toEqual({ file: 'templates/c.njk', change: 'changed' });
    unlinkSync(join(dir, 'templates/b.njk'));
    expect(firstDifference(before, digestTree(dir))).toEqual({ file: 'templates/b.njk', change: 'removed' });
  });

  it('a symbolic link never matches a file, and a missing folder is a difference', () => {
    const dir = tree();
    const before = digestTree(dir);
    unlinkSync(join(dir, 'templates/b.njk'));
    symlinkSync(join(dir, 'templates/c.njk'), join(dir, 'templates/b.njk'));
    expect(checkTree(dir, before)).toEqual({ file: 'templates/b.njk', change: 'changed' });
    expect(checkTree(join(dir, 'gone'), before)).toEqual({ file: '.', change: 'removed' });
  });

  it('leaves out node_modules and .git of a working copy when asked', () => {
    const dir = tree();
    mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/x/i.js'), '');
    expect(Object.keys(digestTree(dir, ['node_modules', '.git']))).not.toContain('node_modules/x/i.js');
    expect(Object.keys(digestTree(dir))).toContain('node_modules/x/i.js');
  });
});
