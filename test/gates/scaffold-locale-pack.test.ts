// `studio pack new --locale fr-CA --for balanced`: a locale pack with the English catalog to translate,
// which passes the gates as scaffolded.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGates } from '../../src/gates/run-gates.js';
import { scaffoldLocalePack } from '../../src/gates/scaffold-locale-pack.js';
import { buildCatalog } from '../../src/plugins/discovery.js';
import { REPO, ensureFirstPartyBuilt, firstPartyPlugins, pluginFromDir } from './first-party.js';

const temp = mkdtempSync(join(tmpdir(), 'studio-locale-scaffold-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('scaffoldLocalePack', () => {
  beforeAll(() => ensureFirstPartyBuilt(), 600_000);
  const catalog = () =>
    buildCatalog([...firstPartyPlugins(), pluginFromDir(join(REPO, 'examples/packs/fintech-pack'), 'user')]);

  it('writes package.json, pack.json and the English catalog of each pack, and passes the gates', async () => {
    const out = join(temp, 'de');
    const made = scaffoldLocalePack({ locale: 'de-de', packs: ['balanced'], out }, catalog());
    expect(made).toEqual({
      name: 'locale-de-de',
      id: 'locale-de-de',
      folder: out,
      files: ['package.json', 'pack.json', 'oclif.manifest.json', 'catalogs/balanced.json'],
    });
    expect(JSON.parse(readFileSync(join(out, 'pack.json'), 'utf8'))).toMatchObject({
      id: 'locale-de-de',
      kind: 'locale',
      locale: 'de-DE',
      catalogs: { balanced: 'catalogs/balanced.json' },
    });
    expect(JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')).studio).toEqual({
      locales: { 'locale-de-de': 'pack.json' },
    });
    expect(readFileSync(join(out, 'catalogs/balanced.json'), 'utf8')).toBe(
      readFileSync(join(REPO, 'packs/balanced/catalogs/en-US.json'), 'utf8'),
    );
    const report = await runGates({ root: out, name: '', version: '' }, { plugins: firstPartyPlugins() });
    expect(report.gates.filter((g) => !g.ok)).toEqual([]);
  }, 120_000);

  it('refuses a pack that is not installed, a pack without a catalog, and a malformed locale', () => {
    expect(() =>
      scaffoldLocalePack({ locale: 'fr-CA', packs: ['nope'], out: join(temp, 'a') }, catalog()),
    ).toThrow(/no installed plugin provides the pack "nope"/);
    expect(() =>
      scaffoldLocalePack({ locale: 'fr-CA', packs: ['fintech'], out: join(temp, 'b') }, catalog()),
    ).toThrow(/the pack "fintech" has no catalogs\/en-US\.json/);
    expect(() =>
      scaffoldLocalePack({ locale: 'fr_CA', packs: ['balanced'], out: join(temp, 'c') }, catalog()),
    ).toThrow(/not a BCP 47 locale tag/);
    expect(() => scaffoldLocalePack({ locale: 'fr-CA', packs: [], out: join(temp, 'd') }, catalog())).toThrow(
      /needs at least one --for/,
    );
  });
});
