import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/plugins/discovery.js';
import type { PluginRef } from '../../src/plugins/types.js';
import { type GateRecord, addGateRecord, readGateRecords } from '../../src/install/gate-records.js';
import { digestTree } from '../../src/install/tree-digest.js';
import { trustStatus, trustedPlugins } from '../../src/install/trust.js';

const INTEGRITY = `sha512-${'Q'.repeat(86)}==`;
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A data dir whose lock file records `integrity` for @v/pack, with the pack's files on disk. */
function dataDir(integrity: string | null): { dir: string; root: string } {
  const dir = mkdtempSync(join(tmpdir(), 'studio-trust-'));
  temps.push(dir);
  const packages: Record<string, unknown> = { '': {} };
  if (integrity) packages['node_modules/@v/pack'] = { version: '1.0.0', integrity };
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
  const root = join(dir, 'node_modules/@v/pack');
  mkdirSync(join(root, 'templates'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"name":"@v/pack","version":"1.0.0"}');
  writeFileSync(join(root, 'templates/a.md.njk'), 'hello\n');
  return { dir, root };
}

const plugin = (
  name: string,
  type: string,
  packs: Record<string, string>,
  root = `/x/${name}`,
): PluginRef => ({
  name,
  version: '1.0.0',
  root,
  type,
  studio: { packs },
});

const record = (root: string, extra: Partial<GateRecord> = {}): GateRecord => ({
  version: '1.0.0',
  integrity: INTEGRITY,
  gates: ['package'],
  engine: '0.1.0',
  type: 'user',
  files: digestTree(root),
  ...extra,
});

describe('load-time trust', () => {
  it('uses a user pack only while version, tarball integrity and every file match its record', () => {
    const { dir, root } = dataDir(INTEGRITY);
    const user = plugin('@v/pack', 'user', { fin: 'pack.json' }, root);
    expect(trustStatus(user, dir)).toMatchObject({
      trusted: false,
      reason: expect.stringMatching(/no passed-gates record/),
    });
    addGateRecord(dir, '@v/pack', record(root));
    expect(readGateRecords(dir)['@v/pack']!.integrity).toBe(INTEGRITY);
    expect(trustStatus(user, dir)).toEqual({ trusted: true, reason: 'verified' });
    expect(trustStatus({ ...user, version: '1.0.1' }, dir).reason).toMatch(
      /version 1\.0\.1 is installed but 1\.0\.0 passed/,
    );
    // One byte of a template changes: refused, and the file is named.
    writeFileSync(join(root, 'templates/a.md.njk'), 'hellO\n');
    expect(trustStatus(user, dir)).toEqual({
      trusted: false,
      reason: 'not verified: templates/a.md.njk was changed since it passed (reinstall it)',
      changed: 'templates/a.md.njk',
    });
    writeFileSync(join(root, 'templates/a.md.njk'), 'hello\n');
    writeFileSync(join(root, 'hook.js'), 'export default () => {}');
    expect(trustStatus(user, dir)).toMatchObject({
      trusted: false,
      changed: 'hook.js',
      reason: expect.stringMatching(/hook\.js was added/),
    });
  });

  it('refuses a pack whose lock integrity differs from the record', () => {
    const { dir, root } = dataDir(`sha512-${'R'.repeat(86)}==`);
    addGateRecord(dir, '@v/pack', record(root));
    expect(trustStatus(plugin('@v/pack', 'user', {}, root), dir).reason).toMatch(/integrity differs/);
  });

  it('uses a linked working copy only as it was when linked, with a warning; core is always trusted', () => {
    const { dir, root } = dataDir(null);
    const link = plugin('@v/pack', 'link', { wip: 'pack.json' }, root);
    expect(trustStatus(link, dir).reason).toMatch(/not checked: link it with "studio plugins link/);
    addGateRecord(dir, '@v/pack', record(root, { type: 'link', root, integrity: '' }));
    const result = trustedPlugins([link, plugin('@studio/pack-balanced', 'core', { balanced: 'p' })], dir);
    expect(result.plugins.map((p) => p.name)).toEqual(['@v/pack', '@studio/pack-balanced']);
    expect(result.warnings).toEqual([
      { plugin: '@v/pack', message: expect.stringMatching(/linked working copy: checked when linked/) },
    ]);
    writeFileSync(join(root, 'templates/a.md.njk'), 'edited\n');
    expect(trustStatus(link, dir).reason).toMatch(
      /templates\/a\.md\.njk was changed .*run "studio plugins link" again/,
    );
  });

  it('an unverified pack claiming a built-in id cannot knock the built-in out', () => {
    const { dir } = dataDir(null);
    const filtered = trustedPlugins(
      [
        plugin('@studio/pack-balanced', 'core', { balanced: 'p' }),
        plugin('@evil/balanced', 'user', { balanced: 'p' }),
      ],
      dir,
    );
    const catalog = buildCatalog(filtered.plugins, filtered.warnings);
    expect(catalog.packs.get('balanced')!.plugin.name).toBe('@studio/pack-balanced');
    expect(catalog.warnings.map((w) => w.message).join()).toMatch(/@evil\/balanced@1\.0\.0 is not used/);
  });

  it('a trusted non-built-in pack claiming a built-in id: the built-in wins, with a warning', () => {
    const catalog = buildCatalog([
      plugin('@studio/pack-balanced', 'core', { balanced: 'p' }),
      plugin('@me/wip', 'link', { balanced: 'p' }),
    ]);
    expect(catalog.packs.get('balanced')!.plugin.name).toBe('@studio/pack-balanced');
    expect(catalog.warnings[0]!.message).toBe(
      'pack id "balanced" is built in (@studio/pack-balanced); the one of @me/wip is not used',
    );
  });

  it('two non-built-in packs claiming one id: neither is used and both are named', () => {
    const catalog = buildCatalog([
      plugin('@a/one', 'user', { same: 'p' }),
      plugin('@b/two', 'link', { same: 'p' }),
    ]);
    expect(catalog.packs.has('same')).toBe(false);
    expect(catalog.warnings[0]!.message).toBe(
      'pack id "same" is claimed by @a/one and @b/two; neither is used',
    );
  });
});
