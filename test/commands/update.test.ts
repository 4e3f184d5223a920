// `studio update` in-process: the same flags as generate, merges instead of refusing, and a conflict is
// an error (exit 2, E_MERGE_CONFLICT) with one JSON shape, after the folder was written.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Generate from '../../src/commands/generate.js';
import Update from '../../src/commands/update.js';
import { exampleProject } from '../e2e/cli.js';
import { runCommand } from './run-command.js';

const { dir, idea, inputs } = exampleProject('clinic-queue', 'studio-update-cmd-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const out = join(dir, 'out');
const argv = (...extra: string[]) => inputs('-o', out, '--no-cache', ...extra);
const read = (rel: string) => readFileSync(join(out, rel), 'utf8');

describe('studio update', () => {
  it('merges where generate refuses; a conflict exits 2 with E_MERGE_CONFLICT in JSON', async () => {
    expect((await runCommand(Generate, argv())).exit).toBe(0);
    writeFileSync(join(out, 'roadmap.md'), `${read('roadmap.md')}\nOur note.\n`);
    writeFileSync(join(out, 'brief.md'), read('brief.md').replace(/^# .*$/m, '# Ours'));
    writeFileSync(idea, readFileSync(idea, 'utf8').replace(/^title: .*$/m, 'title: Renamed'));

    const refused = await runCommand(Generate, argv('--json'));
    expect(refused.exit).toBe(2);
    const error = JSON.parse(refused.stdout).error;
    expect(error.code).toBe('E_OUTPUT_EDITED');
    expect(error.details.map((d: { file: string }) => d.file)).toEqual(['brief.md', 'roadmap.md']);

    const updated = await runCommand(Update, argv('--json'));
    expect(updated.exit).toBe(2);
    expect(JSON.parse(updated.stdout)).toMatchObject({
      ok: false,
      error: { code: 'E_MERGE_CONFLICT', details: [{ file: 'brief.md' }] },
    });
    // The folder was written: the clean merge and the conflict markers are on disk.
    expect(read('roadmap.md')).toMatch(/^# Renamed: roadmap\n[\s\S]*\nOur note\.\n$/);
    expect(read('brief.md')).toContain('<<<<<<< edited brief.md\n# Ours\n');
    const index = JSON.parse(read('artifact_index.json'));
    const merges = Object.fromEntries(
      index.artifacts
        .filter((a: { merge?: unknown }) => a.merge)
        .map((a: { path: string; merge: { result: string } }) => [a.path, a.merge.result]),
    );
    expect(merges).toEqual({ 'brief.md': 'conflict', 'roadmap.md': 'merged' });
    // The report says so beside each document.
    expect(read('run_report.html')).toMatch(/<code>brief\.md<\/code> <span [^>]*data-merge="conflict"/);
    expect(read('run_report.html')).toMatch(/<code>roadmap\.md<\/code> <span [^>]*data-merge="merged"/);
  });
});
