// Every command, hook and oclif-provided command fails the same way: one renderer for text, one JSON
// shape for --json, and the same exit code either way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, studio } from '../e2e/cli.js';

let home: string;
const env = () => ({
  STUDIO_DATA_DIR: join(home, 'data'),
  NO_COLOR: '1',
});
const run = (args: string[]) => studio(args, { env: env(), cwd: home });
// Commands that change nothing answer the same every time: each runs once for all the tests that read it.
const answers = new Map<string, ReturnType<typeof run>>();
const runOnce = (args: string[]) => {
  const key = JSON.stringify(args);
  if (!answers.has(key)) answers.set(key, run(args));
  return answers.get(key)!;
};

const ERROR_KEYS = ['code', 'column', 'details', 'file', 'hint', 'line', 'message', 'plugin', 'pointer'];

beforeAll(() => {
  ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'studio-base-command-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('one error renderer and one JSON shape', () => {
  // [argv, expected code, expected exit]: studio's own commands, a hook's refusal, oclif's commands,
  // oclif's parser and an unknown command.
  const failures: [string[], string, number][] = [
    [['generat'], 'E_COMMAND_NOT_FOUND', 2],
    [['verify', 'no-such-folder'], 'E_INPUT_NOT_FOUND', 2],
    [['pack', 'verify', 'no-such-pack'], 'E_INPUT_NOT_FOUND', 2],
    [['registry', 'info', '@nobody/nothing'], 'E_REGISTRY_NOT_LISTED', 2],
    [['generate', '--dials', 'audience=Nobody'], 'E_FLAG_INVALID', 2],
    [['validate', '--no-such-flag'], 'E_FLAG_INVALID', 2],
    [['plugins', 'install', 'https://github.com/someone/some-pack'], 'E_REGISTRY_NOT_LISTED', 2],
    [['plugins', 'install', '@nobody/nothing'], 'E_REGISTRY_NOT_LISTED', 2],
    [['plugins', 'uninstall', 'not-installed'], 'E_COMMAND_FAILED', 2],
    // A command of a first-party plugin (the Librarian) fails like the host's own.
    [['research', '--sources', 'docs', '--top-k', '0'], 'E_FLAG_INVALID', 2],
    [['research', '--sources', 'docs'], 'E_FLAG_INVALID', 2],
  ];

  it.each(failures)('%j fails with %s and exit %i, in text and in JSON', (argv, code, exit) => {
    const text = runOnce(argv);
    expect(text.status).toBe(exit);
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatch(new RegExp(`^Error ${code}: `));
    expect(text.stderr).toContain('Try this: ');

    const json = run([...argv, '--json']);
    expect(json.status).toBe(exit);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; error: Record<string, unknown> };
    expect(Object.keys(parsed).sort()).toEqual(['error', 'ok']);
    expect(parsed.ok).toBe(false);
    expect(Object.keys(parsed.error).sort()).toEqual(ERROR_KEYS);
    expect(parsed.error.code).toBe(code);
    // The same message either way: the text is a rendering of the same error.
    expect(text.stderr).toContain(String(parsed.error.message));
  });

  it('suggests the closest command for a typo', () => {
    const r = runOnce(['generat']);
    expect(r.stderr).toContain('"generat" is not a studio command');
    expect(r.stderr).toContain('Did you mean "studio generate"?');
    expect(run(['registry', 'serch']).stderr).toContain('Did you mean "studio registry search"?');
  });

  it('answers success with {ok: true, …} on studio commands and oclif commands alike', () => {
    for (const argv of [
      ['registry', 'list'],
      ['pack', 'list'],
      ['plugins'],
      ['plugins', 'reset', '--hard'],
    ]) {
      const r = runOnce([...argv, '--json']);
      expect(r.status, argv.join(' ')).toBe(0);
      expect(JSON.parse(r.stdout), argv.join(' ')).toMatchObject({ ok: true });
    }
  });

  it('uses snake_case keys in every --json answer', () => {
    const camel = (value: unknown, at: string, out: string[]): string[] => {
      if (Array.isArray(value)) value.forEach((v) => camel(v, at, out));
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) {
          if (/[a-z][A-Z]/.test(k)) out.push(`${at}.${k}`);
          camel(v, `${at}.${k}`, out);
        }
      return out;
    };
    const inputs = ['--idea', 'json/idea.yaml', '--decisions', 'json/decisions.yaml', '-o', 'json/out'];
    const runs: [string[], typeof run][] = [
      [['init', '-o', 'json'], run],
      [['generate', ...inputs, '--dry-run'], run],
      [['generate', ...inputs], run],
      [['generate', ...inputs, '--dry-run'], run],
      [['verify', 'json/out'], run],
      [['validate', '--spec', 'json/out/source_spec.json'], run],
      [['registry', 'info', '@vendor/fintech-pack'], run],
      [['pack', 'list'], runOnce],
      [['plugins'], runOnce],
    ];
    for (const [argv, how] of runs) {
      const r = how([...argv, '--json']);
      expect(r.status, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      expect(camel(JSON.parse(r.stdout), argv.join(' '), [])).toEqual([]);
    }
  });

  it('plugins install --help advertises only what is accepted', () => {
    const r = run(['plugins', 'install', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('listed in a registry index');
    // oclif's own help offers GitHub URLs and slugs, which the install hook refuses.
    expect(r.stdout).not.toMatch(/github\.com|someuser|from a github/i);
    expect(r.stdout).toContain('refused');
    expect(r.stdout).toContain('@vendor/fintech-pack');
  });
});
