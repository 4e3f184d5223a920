import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Verify from '../../src/commands/verify.js';
import { ZIP, makeOutputFolder, writeIn } from './output-folder.js';
import { runCommand } from '../commands/run-command.js';

const made: string[] = [];

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Run `studio verify` in-process; returns what it printed and the exit code it asked for. */
const run = (argv: string[]) => runCommand(Verify, argv);

async function folder() {
  const out = await makeOutputFolder();
  made.push(out.dir);
  return out.dir;
}

describe('studio verify', () => {
  it('exits 0 with a one-line summary when the folder is intact', async () => {
    const dir = await folder();
    const { stdout, exit } = await run([dir]);
    expect(exit).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toContain('intact');
  });

  it('exits 2 and lists every missing, modified and extra file', async () => {
    const dir = await folder();
    rmSync(join(dir, 'brief.md'));
    writeIn(dir, 'prd.md', '# PRD edited\n');
    writeIn(dir, 'stray.txt', 'x\n');
    const { stderr, exit } = await run([dir]);
    expect(exit).toBe(2);
    expect(stderr).toContain('E_VERIFY_MISMATCH');
    expect(stderr).toMatch(/brief\.md: missing/);
    expect(stderr).toMatch(/prd\.md: modified/);
    expect(stderr).toMatch(/stray\.txt: extra/);
  });

  it('prints the result as JSON with --json, exiting 2 on a mismatch', async () => {
    const dir = await folder();
    writeIn(dir, ZIP, 'not a zip');
    const { stdout, exit } = await run([dir, '--json']);
    expect(exit).toBe(2);
    // The one failure shape of every command: {ok: false, error: {code, …, details}}.
    const result = JSON.parse(stdout) as {
      ok: boolean;
      error: { code: string; details: { file: string; message: string }[] };
    };
    expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('E_VERIFY_MISMATCH');
    expect(result.error.details.map((d) => d.file)).toContain(ZIP);
  });

  it('prints ok JSON and exits 0 with --json on an intact folder', async () => {
    const dir = await folder();
    const { stdout, exit } = await run([dir, '--json']);
    expect(exit).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, missing: [], extra: [], modified: [] });
  });

  it('exits 2 with a hint when the folder has no index', async () => {
    const dir = await folder();
    rmSync(join(dir, 'artifact_index.json'));
    const { stderr, exit } = await run([dir]);
    expect(exit).toBe(2);
    expect(stderr).toContain('E_INPUT_NOT_FOUND');
    expect(stderr).toContain('Try this:');
  });
});
