// The Plan stage resolves every pack's catalogs through the run's cache root: checked catalogs are
// kept under <cache>/catalogs (beside the compiled templates), and a run without caches writes none.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../../src/pipeline/orchestrator.js';
import { createRunContext } from '../../../src/pipeline/run-context.js';
import { buildCatalog } from '../../../src/plugins/discovery.js';
import { tempDir } from '../../e2e/cli.js';
import { REPO, ensureFirstPartyBuilt, pluginFromDir } from '../../gates/first-party.js';

const EXAMPLE = join(REPO, 'examples/clinic-queue');
// A copy of the balanced pack whose catalog text is its own (re-indented): a catalog this process
// checked already (another test file in the same worker) is not read from disk again.
const pack = join(tempDir(), 'balanced');
cpSync(join(REPO, 'packs/balanced'), pack, { recursive: true });
const catalogFile = join(pack, 'catalogs/en-US.json');
writeFileSync(catalogFile, JSON.stringify(JSON.parse(readFileSync(catalogFile, 'utf8')), null, 3));
const catalog = () => buildCatalog([pluginFromDir(join(REPO, 'plugins/agents-core')), pluginFromDir(pack)]);
const run = (out: string, cacheDir: string | null | undefined) =>
  generate({
    ideaFile: join(EXAMPLE, 'idea.yaml'),
    decisionsFile: join(EXAMPLE, 'decisions.yaml'),
    packIds: ['balanced'],
    outDir: out,
    catalog: catalog(),
    engineVersion: '0.1.0',
    env: { SOURCE_DATE_EPOCH: '0' },
    ctx: createRunContext({ cacheDir }),
  });
const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

beforeAll(() => ensureFirstPartyBuilt());

describe('Plan stage: catalog cache', () => {
  it('stores the checked catalog under the cache root and reads it back; --no-cache writes nothing', async () => {
    const root = tempDir();
    const cache = join(root, 'cache');
    await run(join(root, 'a'), cache);
    const entries = list(join(cache, 'catalogs'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/^[0-9a-f]{64}\.json$/);
    const templates = list(join(cache, 'templates'));
    expect(templates.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(0);
    expect(templates.filter((f) => f.endsWith('.v8'))).toHaveLength(
      templates.filter((f) => f.endsWith('.js')).length,
    );
    await run(join(root, 'b'), cache);
    expect(list(join(cache, 'catalogs'))).toEqual(entries);
    await run(join(root, 'c'), null);
    for (const file of ['brief.md', 'prd.md', 'roadmap.md']) {
      const a = readFileSync(join(root, 'a', file), 'utf8');
      expect(readFileSync(join(root, 'b', file), 'utf8')).toBe(a);
      expect(readFileSync(join(root, 'c', file), 'utf8')).toBe(a);
    }
    // Without a cache root (--no-cache) nothing is written, not even under the default root.
    const saved = process.env.STUDIO_CACHE_DIR;
    process.env.STUDIO_CACHE_DIR = join(root, 'default-root');
    try {
      await run(join(root, 'd'), null);
      expect(existsSync(join(root, 'default-root'))).toBe(false);
      await run(join(root, 'e'), undefined);
      // (The catalog itself is known to this process by now, so only the templates land there.)
      expect(list(join(root, 'default-root', 'templates'))).toEqual(templates);
    } finally {
      process.env.STUDIO_CACHE_DIR = saved;
    }
  });
});
