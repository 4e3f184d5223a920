import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Migrate from '../../src/commands/migrate.js';
import Validate from '../../src/commands/validate.js';
import { ROOT, runCommand } from './run-command.js';

const dir = mkdtempSync(join(tmpdir(), 'studio-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Paths relative to the current directory, as a user would type them.
const rel = (p: string) => relative(process.cwd(), p);
const IDEA = rel(join(ROOT, 'examples/clinic-queue/idea.yaml'));
const DECISIONS = rel(join(ROOT, 'examples/clinic-queue/decisions.yaml'));
const SPEC = rel(join(ROOT, 'test/fixtures/specs/source_spec/valid/clinic-queue.json'));
const V09 = rel(join(ROOT, 'test/fixtures/specs/v0.9/clinic-queue.spec.json'));

function write(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return rel(file);
}

function badSpec(): string {
  const spec = JSON.parse(readFileSync(SPEC, 'utf8'));
  spec.features[1].priority = 42;
  spec.meta.extra = true;
  return write('bad-spec.json', JSON.stringify(spec, null, 2));
}

describe('studio validate', () => {
  it('exits 0 with one OK line for a valid spec, and for valid inputs', async () => {
    const spec = await runCommand(Validate, ['--spec', SPEC]);
    expect(spec.exit).toBe(0);
    expect(spec.stdout.trim().split('\n')).toEqual([`OK: ${SPEC} is a valid Source Spec 1.0.0.`]);
    const inputs = await runCommand(Validate, ['--idea', IDEA, '--decisions', DECISIONS]);
    expect(inputs.exit).toBe(0);
    expect(inputs.stdout.trim()).toBe(`OK: ${IDEA} and ${DECISIONS} build a valid Source Spec 1.0.0.`);
  });

  it('counts the placeholders an incomplete Idea Card would get', async () => {
    const idea = write('min.yaml', 'title: T\none_liner:\nproblem:\naudience: []\ngoals: []\nfeatures: []\n');
    const { stdout, exit } = await runCommand(Validate, ['--idea', idea]);
    expect(exit).toBe(0);
    expect(stdout).toContain('7 empty field(s) would get a placeholder');
  });

  it('exits 2 listing every error as file:line:col at /pointer: message, with hints', async () => {
    const file = badSpec();
    const { stderr, exit } = await runCommand(Validate, ['--spec', file]);
    expect(exit).toBe(2);
    const priorityLine =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('"priority": 42')) + 1;
    expect(stderr).toContain(
      `${file}:${priorityLine}:7 at /features/1/priority: must be one of: must, should, could, wont`,
    );
    expect(stderr).toMatch(
      /at \/meta\/extra: unknown key "extra"\n\s+hint: Remove it; the keys allowed here are: spec_version, locale, generator\./,
    );
    expect(stderr).toContain('E_SPEC_INVALID');
  });

  it('--json prints {ok:false, error} with every problem as a detail (pointer, message, hint, file, line, column)', async () => {
    const file = badSpec();
    const { stdout, exit } = await runCommand(Validate, ['--spec', file, '--json']);
    expect(exit).toBe(2);
    const parsed = JSON.parse(stdout) as {
      ok: boolean;
      error: { code: string; details: Record<string, unknown>[] };
    };
    expect(parsed.ok).toBe(false);
    expect(parsed.error.code).toBe('E_SPEC_INVALID');
    expect(parsed.error.details.map((e) => e.pointer)).toEqual(['/meta/extra', '/features/1/priority']);
    for (const e of parsed.error.details) {
      expect(Object.keys(e).sort()).toEqual(['column', 'file', 'hint', 'line', 'message', 'pointer']);
      expect(e.file).toBe(file);
    }
  });

  it('--json on success prints {ok:true, …}', async () => {
    const { stdout, exit } = await runCommand(Validate, ['--spec', SPEC, '--json']);
    expect(exit).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, files: [SPEC], spec_version: '1.0.0' });
  });

  it('--json also lists input errors that are not schema errors (missing file)', async () => {
    const missing = rel(join(dir, 'nope.yaml'));
    const { stdout, exit } = await runCommand(Validate, ['--idea', missing, '--json']);
    expect(exit).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      ok: false,
      error: {
        code: 'E_INPUT_NOT_FOUND',
        message: `${missing} does not exist`,
        file: missing,
        line: null,
        column: null,
        pointer: null,
        plugin: null,
        hint: 'Check the path; relative paths are resolved from the current directory.',
        details: [],
      },
    });
  });

  it('reports the errors of both input files together, with lines', async () => {
    const idea = write(
      'idea.yaml',
      'title: T\none_liner: x\nproblem: x\naudience: []\ngoals: []\nfeatures:\n  - name: A\n    priority: Must\n',
    );
    const decisions = write('decisions.yaml', 'dials:\n  flow: Waterfall\n');
    const { stdout, exit } = await runCommand(Validate, ['--idea', idea, '--decisions', decisions, '--json']);
    expect(exit).toBe(2);
    const errors = (JSON.parse(stdout) as { error: { details: Record<string, unknown>[] } }).error.details;
    expect(errors.map((e) => [e.file, e.line, e.column, e.pointer])).toEqual([
      [idea, 8, 5, '/features/0/priority'],
      [decisions, 2, 3, '/dials/flow'],
    ]);
  });

  it('checks deliverables against the Idea Card only when both are given', async () => {
    const decisions = write('ms.yaml', 'milestones:\n  - { name: M, goal: G, deliverables: [F-1, F-42] }\n');
    expect((await runCommand(Validate, ['--decisions', decisions])).exit).toBe(0);
    const both = await runCommand(Validate, ['--idea', IDEA, '--decisions', decisions]);
    expect(both.exit).toBe(2);
    expect(both.stderr).toContain(
      `${decisions}:2:45 at /milestones/0/deliverables/1: deliverable "F-42" is not the id of a feature`,
    );
  });

  it('refuses a newer spec_version unless --force, and validates an older one after migration', async () => {
    const spec = JSON.parse(readFileSync(SPEC, 'utf8'));
    spec.meta.spec_version = '1.1.0';
    const newer = write('newer.json', JSON.stringify(spec, null, 2));
    const refused = await runCommand(Validate, ['--spec', newer]);
    expect(refused.exit).toBe(2);
    expect(refused.stderr).toContain('E_SPEC_VERSION_UNSUPPORTED');
    expect(refused.stderr).toMatch(/newer\.json:\d+:\d+ at \/meta\/spec_version/);
    expect((await runCommand(Validate, ['--spec', newer, '--force'])).exit).toBe(0);
    const old = await runCommand(Validate, ['--spec', V09]);
    expect(old.exit).toBe(0);
    expect(old.stdout).toContain('0.9.0-to-1.0.0');
  });

  it('refuses bad flags with exit 2', async () => {
    expect((await runCommand(Validate, [])).exit).toBe(2);
    expect((await runCommand(Validate, ['--spec', SPEC, '--idea', IDEA])).exit).toBe(2);
    const dials = await runCommand(Validate, ['--idea', IDEA, '--dials', 'flow=Waterfall']);
    expect(dials.exit).toBe(2);
    expect(dials.stderr).toContain('E_FLAG_INVALID');
  });
});

describe('studio migrate', () => {
  it('prints the migrated spec as canonical JSON on stdout, the summary on stderr', async () => {
    const { stdout, stderr, exit } = await runCommand(Migrate, ['--spec', V09]);
    expect(exit).toBe(0);
    const spec = JSON.parse(stdout) as { meta: { spec_version: string }; dials: Record<string, string> };
    expect(spec.meta.spec_version).toBe('1.0.0');
    expect(spec.dials.test).toBe('Pyramid');
    expect(stderr).toBe(`Migrated ${V09} from 0.9.0 to 1.0.0 (0.9.0-to-1.0.0).\n`);
  });

  it('writes -o, and the written file validates', async () => {
    const out = rel(join(dir, 'migrated', 'spec.json'));
    const { stdout, exit } = await runCommand(Migrate, ['--spec', V09, '-o', out]);
    expect(exit).toBe(0);
    expect(stdout).toContain(`wrote ${out}`);
    expect(readFileSync(out, 'utf8').endsWith('}\n')).toBe(true);
    expect((await runCommand(Validate, ['--spec', out])).exit).toBe(0);
    // Migrating a current spec changes nothing.
    const again = await runCommand(Migrate, ['--spec', out, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, from: '1.0.0', to: '1.0.0', applied: [] });
    expect(JSON.stringify((JSON.parse(again.stdout) as { spec: unknown }).spec)).toBe(
      JSON.stringify(JSON.parse(readFileSync(out, 'utf8'))),
    );
  });

  it('refuses a spec newer than the engine', async () => {
    const newer = write('newer-migrate.json', '{"meta": {"spec_version": "2.0.0"}}');
    const { stderr, exit } = await runCommand(Migrate, ['--spec', newer]);
    expect(exit).toBe(2);
    expect(stderr).toContain('E_SPEC_VERSION_UNSUPPORTED');
  });
});
