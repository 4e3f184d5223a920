import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StagingDir, commitOutput } from '../../src/output/commit.js';
import type { OutputSet } from '../../src/output/output-set.js';
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
    // A folder made once is remembered; create() starts a fresh staging folder, and forgets them.
    s.create();
    s.write('adr/ADR-0001-x.md', '# x\n');
    s.write('adr/ADR-0002-y.md', '# y\n');
    s.write('artifact_index.json', '{"new":true}');
    expect(readFileSync(join(out, 'old.md'), 'utf8')).toBe('old');
    s.commit();
    expect(existsSync(join(out, 'old.md'))).toBe(false);
    expect(readFileSync(join(out, 'adr/ADR-0001-x.md'), 'utf8')).toBe('# x\n');
    expect(readdirSync(join(out, 'adr'))).toEqual(['ADR-0001-x.md', 'ADR-0002-y.md']);
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

describe('commitOutput', () => {
  const set: OutputSet = {
    files: [
      {
        path: 'docs/a.md',
        pack: 'p',
        artifactId: 'a',
        format: 'markdown',
        purpose: 'x',
        template_set: '1',
        template_commit: 'c',
        bytes: Buffer.from('# a\n'),
      },
    ],
    zips: [{ path: 'p.zip', pack: 'p', bytes: Buffer.from('zip'), entries: ['docs/a.md'] }],
    index: { generated_at: 'g', engine_version: '0', spec_version: '1', artifacts: [], packages: [] },
    report: '<html></html>',
    reportAssets: [{ path: 'run_report_files/draw-diagrams.js', bytes: Buffer.from('draw()') }],
    audit: '{"stage":"Done"}\n',
  };

  it('copies an asset given as the file it is a copy of, byte for byte', () => {
    const dir = tempDir();
    const source = join(dir, 'bundle.js');
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    writeFileSync(source, bytes);
    const out = join(dir, 'out');
    commitOutput(
      out,
      { ...set, reportAssets: [...set.reportAssets, { path: 'run_report_files/bundle.js', copyOf: source }] },
      'run12345',
    );
    expect(readFileSync(join(out, 'run_report_files/bundle.js')).equals(bytes)).toBe(true);
    expect(readFileSync(join(out, 'run_report_files/draw-diagrams.js'), 'utf8')).toBe('draw()');
    // A copy, not a link: the output can be edited without touching the source.
    writeFileSync(join(out, 'run_report_files/bundle.js'), 'edited');
    expect(readFileSync(source).equals(bytes)).toBe(true);
  });

  it('writes every member of the set, and nothing else, in one swap', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    commitOutput(out, set, 'run12345');
    expect(readdirSync(out).sort()).toEqual([
      'artifact_index.json',
      'audit.jsonl',
      'docs',
      'p.zip',
      'run_report.html',
      'run_report_files',
    ]);
    expect(readFileSync(join(out, 'run_report_files/draw-diagrams.js'), 'utf8')).toBe('draw()');
    expect(readFileSync(join(out, 'docs/a.md'), 'utf8')).toBe('# a\n');
    expect(readFileSync(join(out, 'audit.jsonl'), 'utf8')).toBe(set.audit);
    expect(JSON.parse(readFileSync(join(out, 'artifact_index.json'), 'utf8'))).toEqual(set.index);
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it("refuses a folder of the user's files and leaves no staging folder behind", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => commitOutput(dir, set, 'run12345')).toThrow(/did not write/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});
