// Host output rules, for every pack whatever the gates said: reserved names, declared format against
// extension, caps on files and bytes (each `each` item counts), engine-slugged placeholders. And the
// compiled-template cache: a poisoned entry, or planted V8 data, is ignored and rebuilt, never run.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';
import type { SourceSpec } from '@studio/sdk';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import { StudioError } from '../../src/errors/studio-error.js';
import { harnessSpecs } from '../../src/gates/harness-specs.js';
import { renderPacks } from '../../src/pipeline/render-packs.js';
import { buildCatalog } from '../../src/plugins/discovery.js';
import { createRenderer } from '../../src/render/renderer.js';
import { codeCachePath } from '../../src/render/template-loader.js';
import { readVerifiedEntry } from '../../src/util/cache-entry.js';
import { sha256Hex } from '../../src/util/hash.js';
import { ensureFirstPartyBuilt, firstPartyPlugins, pluginFromDir } from '../gates/first-party.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'sandbox', 'output-pack');
let dir: string;
let pack: string;
const saved: Record<string, string | undefined> = {};
const LIMIT_VARS = ['STUDIO_MAX_ARTIFACTS', 'STUDIO_MAX_ARTIFACT_BYTES', 'STUDIO_MAX_OUTPUT_BYTES'];

beforeAll(() => ensureFirstPartyBuilt());
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'studio-output-rules-'));
  pack = path.join(dir, 'output-pack');
  cpSync(FIXTURE, pack, { recursive: true });
  for (const k of LIMIT_VARS) saved[k] = process.env[k];
});
afterEach(() => {
  for (const k of LIMIT_VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  // Nothing is written by a refused run: the temp folder holds only the pack copy.
  expect(readdirSync(dir)).toEqual(['output-pack']);
  rmSync(dir, { recursive: true, force: true });
});

function editArtifact(edit: Record<string, unknown>): void {
  const file = path.join(pack, 'pack.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { artifacts: Record<string, unknown>[] };
  Object.assign(manifest.artifacts[0]!, edit);
  for (const [k, v] of Object.entries(edit)) if (v === undefined) delete manifest.artifacts[0]![k];
  writeFileSync(file, JSON.stringify(manifest, null, 2));
}

function spec(count: number, title = 'Item', bodyLength = 10): SourceSpec {
  const s = structuredClone(harnessSpecs()[1]!.spec);
  (s as { one_liner: string }).one_liner = `${count}|${title}|${bodyLength}`;
  return s;
}

function render(count: number, title?: string, bodyLength?: number) {
  const catalog = buildCatalog([pluginFromDir(pack, 'user'), ...firstPartyPlugins()]);
  return renderPacks({ catalog, packIds: ['out'], spec: spec(count, title, bodyLength), cacheDir: null });
}

async function refusal(count: number, title?: string, bodyLength?: number): Promise<StudioError> {
  try {
    await render(count, title, bodyLength);
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return error as StudioError;
  }
  throw new Error('the run was not refused');
}

describe('output rules', () => {
  it('an `each` over 20,000 items is refused before anything is rendered', async () => {
    const e = await refusal(20_000);
    expect(e.code).toBe(ErrorCodes.OUTPUT_LIMIT);
    expect(e.message).toContain('20000 files, more than the cap of 10000');
    expect(e.plugin).toBe('@test/output-pack');
  }, 60_000);

  it('the file cap is overridable', async () => {
    process.env.STUDIO_MAX_ARTIFACTS = '2';
    expect((await refusal(3)).code).toBe(ErrorCodes.OUTPUT_LIMIT);
    const { artifacts } = await render(2);
    expect(artifacts.map((a) => a.path)).toEqual(['items/item-0.md', 'items/item-1.md']);
  });

  it('caps the bytes of one artifact and of the run', async () => {
    process.env.STUDIO_MAX_ARTIFACT_BYTES = '1000';
    const one = await refusal(1, 'Big', 5_000);
    expect(one.code).toBe(ErrorCodes.OUTPUT_LIMIT);
    expect(one.message).toMatch(/per artifact/);
    delete process.env.STUDIO_MAX_ARTIFACT_BYTES;
    process.env.STUDIO_MAX_OUTPUT_BYTES = '3000';
    const all = await refusal(5, 'Big', 900);
    expect(all.code).toBe(ErrorCodes.OUTPUT_LIMIT);
    expect(all.message).toMatch(/add up to more than the cap/);
  });

  for (const [target, format] of [
    ['artifact_index.json', 'json'],
    ['run_report.html', 'yaml'],
    ['audit.jsonl', 'json'],
    ['source_spec.json', 'json'],
    ['Source_Spec.JSON', 'json'],
    ['balanced.zip', 'markdown'],
    ['deep.zip', 'markdown'],
  ] as const) {
    it(`refuses an artifact named ${target}`, async () => {
      editArtifact({ path: target, format, each: undefined });
      const e = await refusal(1);
      expect(e.code).toBe(ErrorCodes.OUTPUT_LIMIT);
      expect(e.message).toContain(`"${target}"`);
    });
  }

  it('refuses a declared format that does not match the extension', async () => {
    editArtifact({ format: 'yaml' });
    const e = await refusal(1);
    expect(e.code).toBe(ErrorCodes.OUTPUT_LIMIT);
    expect(e.message).toMatch(/declared as yaml but "items\/item-0\.md"/);
  });

  it('slugs placeholder values itself', async () => {
    const { artifacts } = await render(1, '../../Évil Name/..');
    expect(artifacts.map((a) => a.path)).toEqual(['items/evil-name-0.md']);
  });
});

describe('compiled-template cache', () => {
  /** The fixture's templates rendered once into a fresh cache; `render` renders them again. */
  function cached() {
    const templates = path.join(dir, 'tpl');
    const cache = path.join(dir, 'cache');
    cpSync(path.join(FIXTURE, 'templates'), templates, { recursive: true });
    const context = { item: { title: 'T', body: 'B' } };
    const render = () =>
      createRenderer({ packId: 'out', searchPaths: [templates], cacheDir: cache }).render(
        'item.md.njk',
        context,
      );
    const first = render();
    const entry = path.join(
      cache,
      readdirSync(cache).find((f) => f.endsWith('.js'))!,
    );
    // The refused-run check after each test expects the temp folder to hold the pack copy only.
    const cleanUp = () => {
      rmSync(templates, { recursive: true });
      rmSync(cache, { recursive: true });
    };
    return { canary: path.join(dir, 'CANARY'), render, first, entry, cleanUp };
  }

  it('a poisoned entry is ignored and rebuilt, never run', () => {
    const { canary, render, first, entry: file, cleanUp } = cached();
    const payload = `process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(canary)}, 'ran'); return {};`;
    const poisons = [
      payload,
      // A well-formed header over different code.
      `// sha256:${'0'.repeat(64)}\n${payload}`,
      // The genuine header with the payload appended.
      `${readFileSync(file, 'utf8')}\n;${payload}`,
    ];
    for (const poison of poisons) {
      writeFileSync(file, poison);
      expect(render()).toBe(first);
      expect(existsSync(canary)).toBe(false);
      expect(readFileSync(file, 'utf8')).not.toContain('writeFileSync');
    }
    cleanUp();
  });

  it('planted V8 data (made from other code of the same length) is never run', () => {
    const { canary, render, first, entry, cleanUp } = cached();
    const v8 = codeCachePath(entry);
    const code = readVerifiedEntry(entry)!;
    // V8 checks cached data against the length of the source only: data compiled from a payload as
    // long as the genuine script runs the payload in its place.
    const genuine = `(function () {\n${code}\n})`;
    const body = `process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(canary)}, 'ran'); return {};`;
    const frame = `(function () {\n${body} //\n})`;
    const payload = `(function () {\n${body} //${'x'.repeat(genuine.length - frame.length)}\n})`;
    expect(payload.length).toBe(genuine.length);
    const script = new Script(payload);
    const data = script.createCachedData();
    // The attack is real: bare V8 accepts the planted data for the genuine source and runs the payload.
    expect(new Script(genuine, { cachedData: data }).cachedDataRejected).toBe(false);
    const genuineHeader = readFileSync(v8).subarray(0, 32);
    const plants = [
      data,
      // The genuine file's digest over the payload's data.
      Buffer.concat([genuineHeader, data]),
      // Correctly bound to the payload's code, planted beside the genuine entry.
      Buffer.concat([
        createHash('sha256')
          .update(sha256Hex(payload.slice(15, -3)))
          .update(data)
          .digest(),
        data,
      ]),
    ];
    for (const plant of plants) {
      writeFileSync(v8, plant);
      expect(render()).toBe(first);
      expect(existsSync(canary)).toBe(false);
      expect(readFileSync(v8).subarray(32).equals(data)).toBe(false);
    }
    cleanUp();
  });
});
