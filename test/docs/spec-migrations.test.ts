// docs/spec-migrations.md stays true: its worked example runs as written, from the oldest supported
// format to the engine's, and every registered migration step has its before-fixture folder.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSchema } from '../../src/schemas/validate.js';
import { MIGRATIONS, migrateSpec } from '../../src/spec/migrations/index.js';
import { ENGINE_SPEC_VERSION } from '../../src/spec/spec-version.js';
import { ensureBuilt, ROOT } from '../e2e/cli.js';

const DOC = readFileSync(join(ROOT, 'docs/spec-migrations.md'), 'utf8');
const FIXTURES = join(ROOT, 'test/fixtures/specs');
const OLDEST = join(FIXTURES, 'v0.9/clinic-queue.spec.json');

function workedExampleCommands(): string[][] {
  const section = DOC.slice(DOC.indexOf('### Worked example'), DOC.indexOf('## Writing a migration'));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
  return blocks
    .flatMap((b) => b.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.startsWith('studio '))
    .map((line) => line.split(/\s+/).slice(1));
}

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'studio-migrate-doc-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/spec-migrations.md', () => {
  it('runs the worked example as written, from 0.9.0 to the engine format', () => {
    copyFileSync(OLDEST, join(dir, 'old_spec.json'));
    const commands = workedExampleCommands();
    expect(commands.map((c) => c.slice(0, 1)[0])).toEqual(['migrate', 'validate', 'generate']);
    const outputs = commands.map((args) =>
      execFileSync(process.execPath, [join(ROOT, 'bin/run.js'), ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, STUDIO_DATA_DIR: join(dir, 'data') },
      }),
    );
    expect(outputs[0]).toContain('Migrated old_spec.json from 0.9.0 to');
    const spec = JSON.parse(readFileSync(join(dir, 'new_spec.json'), 'utf8')) as {
      meta: { spec_version: string };
      dials: Record<string, unknown>;
      features: { acceptance: { id: string; text: string }[] }[];
      open_questions: unknown;
    };
    expect(spec.meta.spec_version).toBe(ENGINE_SPEC_VERSION);
    expect(spec.dials).toHaveProperty('test', 'Pyramid');
    expect(spec.dials).not.toHaveProperty('test_strategy');
    expect(spec.features[0]!.acceptance[0]).toEqual({
      id: 'F-1-AC-1',
      text: 'Given a valid mobile number, when staff add the patient, then a confirmation text is sent within 10 seconds',
    });
    expect(Array.isArray(spec.open_questions)).toBe(true);
    expect(existsSync(join(dir, 'out/prd.md'))).toBe(true);
  });

  it('has a before-fixture folder for every registered migration, each migrating to a valid current spec', () => {
    for (const m of MIGRATIONS) {
      const folder = join(FIXTURES, `v${m.from}`);
      expect(existsSync(folder), `${m.id} needs ${folder}`).toBe(true);
      const befores = readdirSync(folder).filter((f) => f.endsWith('.spec.json'));
      expect(befores.length, `${m.id} needs a *.spec.json fixture`).toBeGreaterThan(0);
      for (const f of befores) {
        const { spec, applied } = migrateSpec(JSON.parse(readFileSync(join(folder, f), 'utf8')));
        expect(applied[0]).toBe(m.id);
        expect(validateSchema('source_spec', spec), `${m.id}: ${f}`).toEqual([]);
      }
    }
  });
});
