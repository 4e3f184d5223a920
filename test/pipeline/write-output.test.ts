import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StagingDir } from '../../src/pipeline/write-output.js';
import { tempDir } from '../e2e/cli.js';

describe('StagingDir', () => {
  it('writes beside the target and swaps it into place on commit, replacing the old output', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'artifact_index.json'), '{}');
    writeFileSync(join(out, 'old.md'), 'old');
    const s = new StagingDir(out, 'abcdef1234');
    s.checkTarget();
    s.create();
    s.write('adr/ADR-0001-x.md', '# x\n');
    s.write('artifact_index.json', '{"new":true}');
    expect(readFileSync(join(out, 'old.md'), 'utf8')).toBe('old');
    s.commit();
    expect(existsSync(join(out, 'old.md'))).toBe(false);
    expect(readFileSync(join(out, 'adr/ADR-0001-x.md'), 'utf8')).toBe('# x\n');
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('discard leaves the target untouched', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const s = new StagingDir(out, 'run1');
    s.create();
    s.write('a.md', 'a');
    s.discard();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a target folder with files studio did not write, and a target that is a file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => new StagingDir(dir, 'r').checkTarget()).toThrow(/did not write/);
    const file = join(dir, 'notes.txt');
    expect(() => new StagingDir(file, 'r').checkTarget()).toThrow(/not a folder/);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(() => new StagingDir(empty, 'r').checkTarget()).not.toThrow();
  });
});
