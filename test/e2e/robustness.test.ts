// The cases of issue 10 through the built CLI, inputs in test/fixtures/robustness/: valid input that
// once failed now renders (and verifies); input that once ran unbounded is refused by `validate` with a
// pointer; I/O failures are named; a second concurrent run on one out/ is refused at once.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, example, ROOT, studio, tempDir } from './cli.js';

const F = (name: string) => join(ROOT, 'test/fixtures/robustness', name);
let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  ensureBuilt();
  work = tempDir('studio-robust-');
  env = { SOURCE_DATE_EPOCH: '0' };
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function generateOk(idea: string, decisions: string, packs: string[]): void {
  const out = join(work, `out-${Math.random().toString(36).slice(2)}`);
  const r = studio(
    ['generate', '--idea', idea, '--decisions', decisions, ...packs.flatMap((p) => ['--pack', p]), '-o', out],
    { env },
  );
  expect(r.stderr).not.toContain('Error');
  expect(r.status).toBe(0);
  const v = studio(['verify', out], { env });
  expect(v.status, v.stderr).toBe(0);
}

function refused(args: string[], code: string, pointer?: string): string {
  const r = studio(args, { env });
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toContain(code);
  if (pointer) expect(r.stderr).toContain(`at ${pointer}`);
  expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  return r.stderr;
}

describe('valid input renders', () => {
  it('names, titles, ADR titles and SLO names ending in "#" (closed ATX headings)', () => {
    generateOk(F('hash-endings.idea.yaml'), F('hash-endings.decisions.yaml'), ['balanced', 'deep']);
  }, 120_000);

  it('entity and field names with line breaks and tabs', () => {
    generateOk(F('basic.idea.yaml'), F('entity-line-break.decisions.yaml'), ['deep']);
  }, 120_000);

  it('field and entity names a JSON Schema contract or URI could misread', () => {
    generateOk(F('basic.idea.yaml'), F('odd-field-names.decisions.yaml'), ['deep']);
  }, 120_000);

  it('texts at the length limit, and the longest milestone with the Scrum flow', () => {
    generateOk(F('longest-strings.idea.yaml'), F('duration-limit.decisions.yaml'), ['balanced', 'deep']);
  }, 120_000);
});

describe('input that cannot render is refused by validate, with a pointer', () => {
  it('an unpaired surrogate in the title (validate and generate)', () => {
    const stderr = refused(
      ['validate', '--idea', F('lone-surrogate-title.idea.yaml')],
      'E_SPEC_INVALID',
      '/title',
    );
    expect(stderr).toContain('surrogate');
    refused(
      ['generate', '--idea', F('lone-surrogate-title.idea.yaml'), '-o', join(work, 'x')],
      'E_SPEC_INVALID',
      '/title',
    );
  });

  it('an unpaired surrogate in an entity field name', () => {
    refused(
      ['validate', '--idea', F('basic.idea.yaml'), '--decisions', F('lone-surrogate-field.decisions.yaml')],
      'E_SPEC_INVALID',
      '/entities/0/fields/0/name',
    );
  });

  it('a milestone of 1e9 weeks (once 4.7 GB and a V8 abort)', () => {
    const args = ['--idea', F('basic.idea.yaml'), '--decisions', F('duration-huge.decisions.yaml')];
    refused(['validate', ...args], 'E_SPEC_INVALID', '/milestones/0/duration_weeks');
    refused(['generate', ...args, '--pack', 'balanced', '-o', join(work, 'x')], 'E_SPEC_INVALID');
  });

  it('one 100 KB acceptance criterion', () => {
    refused(['validate', '--idea', F('long-string.idea.yaml')], 'E_SPEC_INVALID', '/features/0/acceptance/0');
  });

  it('a ready Source Spec over the limits (--spec) is refused by the rules', () => {
    // A valid Source Spec as generate writes it (test/commands/validate.test.ts holds it valid).
    const valid = join(ROOT, 'test/fixtures/specs/source_spec/valid/clinic-queue.json');
    const spec = JSON.parse(readFileSync(valid, 'utf8'));
    spec.milestones = [{ id: 'M-1', name: 'M', goal: 'G', duration_weeks: 1e9, deliverables: ['F-1'] }];
    const file = join(work, 'big-spec.json');
    writeFileSync(file, JSON.stringify(spec));
    refused(['validate', '--spec', file], 'E_SPEC_INVALID', '/milestones/0/duration_weeks');
  });
});

describe('input reading', () => {
  it("--decisions '' is refused like --idea ''", () => {
    refused(
      ['generate', '--idea', F('basic.idea.yaml'), '--decisions', '', '-o', join(work, 'x')],
      'E_INPUT_NOT_FOUND',
    );
    refused(['generate', '--idea', '', '-o', join(work, 'x')], 'E_INPUT_NOT_FOUND');
  });

  it.skipIf(process.platform !== 'linux')('a file whose stat size is 0 but whose content is huge', () => {
    refused(['validate', '--idea', '/proc/self/pagemap'], 'E_INPUT_TOO_LARGE');
  });
});

describe('I/O failures are named (exit 1, no "bug in studio")', () => {
  it.skipIf(process.platform !== 'linux')(
    'an output folder under /proc (mkdir answers ENOENT forever)',
    () => {
      const r = studio(
        ['generate', '--idea', F('basic.idea.yaml'), '--pack', 'balanced', '-o', '/proc/self/studio-out/x'],
        { env },
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('E_WRITE_FAILED');
      expect(r.stderr).not.toContain('bug in studio');
    },
  );

  it('an output path below a regular file (ENOTDIR)', () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    const r = studio(
      ['generate', '--idea', F('basic.idea.yaml'), '--pack', 'balanced', '-o', join(file, 'out')],
      { env },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('E_WRITE_FAILED');
    expect(r.stderr).toContain('is a file, not a folder');
  });

  it('a path that is too long', () => {
    const r = studio(
      ['generate', '--idea', F('basic.idea.yaml'), '--pack', 'balanced', '-o', join(work, 'x'.repeat(300))],
      { env },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('E_WRITE_FAILED');
    expect(r.stderr).toContain('the path is too long');
  });
});

describe('concurrent runs and interrupted commits through the CLI', () => {
  it('a second generate on the same out/ fails at once with E_OUTPUT_LOCKED; out/ stays intact', async () => {
    const out = join(work, 'concurrent');
    const { idea, decisions } = example('clinic-queue');
    const args = ['generate', '--idea', idea, '--decisions', decisions, '--pack', 'balanced', '-o', out];
    studio(args, { env }); // warm the cache so both runs reach the lock at about the same time
    const start = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, [join(ROOT, 'bin/run.js'), ...args], {
          cwd: ROOT,
          env: { ...process.env, ...env, STUDIO_DATA_DIR: join(work, 'data') },
        });
        let stderr = '';
        c.stderr.on('data', (d) => (stderr += String(d)));
        c.on('exit', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([start(), start()]);
    for (const r of results) expect([0, 2]).toContain(r.code);
    expect(results.some((r) => r.code === 0)).toBe(true);
    for (const r of results.filter((x) => x.code === 2)) expect(r.stderr).toContain('E_OUTPUT_LOCKED');
    expect(studio(['verify', out], { env }).status).toBe(0);
    expect(readdirSync(work).filter((n) => n.startsWith('.concurrent'))).toEqual([]);
  }, 120_000);

  it('killed between the two renames: verify says so, the next generate finishes the swap', () => {
    const parent = join(work, 'killed');
    mkdirSync(parent);
    const out = join(parent, 'out');
    const { idea, decisions } = example('clinic-queue');
    const args = ['generate', '--idea', idea, '--decisions', decisions, '--pack', 'balanced', '-o', out];
    expect(studio(args, { env }).status).toBe(0);
    const killed = studio(args, { env: { ...env, STUDIO_FAULT_POINT: 'target-aside' } });
    expect(killed.status).toBe(null);
    const v = studio(['verify', out], { env });
    expect(v.status).toBe(2);
    expect(v.stderr).toContain('interrupted');
    expect(studio(args, { env }).status).toBe(0);
    expect(studio(['verify', out], { env }).status).toBe(0);
    expect(readdirSync(parent)).toEqual(['out']);
  }, 120_000);
});
