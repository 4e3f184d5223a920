// Cross-check with the orchestrator: a folder written by `generate` verifies clean, and its index
// passes the artifact index schema. Uses the pipeline's tiny fixture pack.
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/pipeline/orchestrator.js';
import { createRunContext } from '../../src/pipeline/run-context.js';
import { buildCatalog } from '../../src/plugins/discovery.js';
import { validateSchema } from '../../src/schemas/validate.js';
import { verifyOutput } from '../../src/output/verify.js';
import { writeIn } from './output-folder.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/pipeline/tiny-pack/', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/clinic-queue/', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'studio-verify-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('verify against a generated folder', () => {
  it('accepts what generate wrote, and notices an edit afterwards', async () => {
    const catalog = buildCatalog([
      {
        name: '@fixture/tiny-pack',
        version: '1.0.0',
        root: FIXTURE,
        type: 'core',
        studio: JSON.parse(readFileSync(join(FIXTURE, 'package.json'), 'utf8')).studio,
      },
    ]);
    const out = join(root, 'out');
    await generate({
      ideaFile: join(EXAMPLE, 'idea.yaml'),
      decisionsFile: join(EXAMPLE, 'decisions.yaml'),
      packIds: ['tiny'],
      outDir: out,
      catalog,
      engineVersion: '0.1.0',
      env: { SOURCE_DATE_EPOCH: '1715947200' },
      ctx: createRunContext({ cacheDir: null }),
    });
    const index = JSON.parse(readFileSync(join(out, 'artifact_index.json'), 'utf8')) as unknown;
    expect(validateSchema('artifact_index', index)).toEqual([]);
    const intact = await verifyOutput(out);
    expect(intact).toMatchObject({ ok: true, missing: [], extra: [], modified: [] });
    expect(intact.zips.map((z) => z.path)).toEqual(['tiny.zip']);

    writeIn(out, 'summary.md', 'edited by hand\n');
    const edited = await verifyOutput(out);
    expect(edited.ok).toBe(false);
    expect(edited.modified.map((m) => m.path)).toEqual(['summary.md']);
  });
});
