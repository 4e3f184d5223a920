import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/plugins/discovery.js';
import type { PluginRef } from '../../src/plugins/types.js';
import { addGateRecord, readGateRecords } from '../../src/install/gate-records.js';
import { trustStatus, trustedCatalog, trustedPlugins } from '../../src/install/trust.js';

const INTEGRITY = `sha512-${'Q'.repeat(86)}==`;
const plugin = (name: string, type: string, packs: Record<string, string>, version = '1.0.0'): PluginRef => ({
  name,
  version,
  root: `/x/${name}`,
  type,
  studio: { packs },
});

function dataDir(integrity: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-trust-'));
  const packages: Record<string, unknown> = { '': {} };
  if (integrity) packages['node_modules/@v/pack'] = { version: '1.0.0', integrity };
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
  return dir;
}

describe('load-time trust', () => {
  it('uses a user pack only while name@version+integrity matches its passed-gates record', () => {
    const dir = dataDir(INTEGRITY);
    const user = plugin('@v/pack', 'user', { fin: 'pack.json' });
    expect(trustStatus(user, dir)).toMatchObject({
      trusted: false,
      reason: expect.stringMatching(/no passed-gates record/),
    });
    addGateRecord(dir, '@v/pack', {
      version: '1.0.0',
      integrity: INTEGRITY,
      gates: ['package'],
      engine: '0.1.0',
    });
    expect(readGateRecords(dir)['@v/pack']!.integrity).toBe(INTEGRITY);
    expect(trustStatus(user, dir)).toEqual({ trusted: true, reason: 'verified' });
    expect(trustStatus({ ...user, version: '1.0.1' }, dir).reason).toMatch(
      /version 1\.0\.1 is installed but 1\.0\.0 passed/,
    );
    const tampered = dataDir(`sha512-${'R'.repeat(86)}==`);
    addGateRecord(tampered, '@v/pack', {
      version: '1.0.0',
      integrity: INTEGRITY,
      gates: [],
      engine: '0.1.0',
    });
    expect(trustStatus(user, tampered).reason).toMatch(/integrity differs/);
  });

  it('allows linked working copies with a visible warning and always trusts core plugins', () => {
    const dir = dataDir(null);
    const result = trustedPlugins(
      [
        plugin('@me/wip', 'link', { wip: 'pack.json' }),
        plugin('@studio/pack-balanced', 'core', { balanced: 'p' }),
      ],
      dir,
    );
    expect(result.plugins.map((p) => p.name)).toEqual(['@me/wip', '@studio/pack-balanced']);
    expect(result.warnings).toEqual([
      { plugin: '@me/wip', message: expect.stringMatching(/linked working copy: not verified/) },
    ]);
  });

  it('an unverified pack claiming a built-in id cannot knock the built-in out', () => {
    const dir = dataDir(null);
    const plugins = [
      plugin('@studio/pack-balanced', 'core', { balanced: 'p' }),
      plugin('@evil/balanced', 'user', { balanced: 'p' }),
    ];
    const filtered = trustedPlugins(plugins, dir);
    const catalog = buildCatalog(filtered.plugins, filtered.warnings);
    expect(catalog.packs.get('balanced')!.plugin.name).toBe('@studio/pack-balanced');
    expect(catalog.warnings.map((w) => w.message).join()).toMatch(/@evil\/balanced@1\.0\.0 is not used/);
    // The post-hoc filter drops untrusted plugins' packs from an existing catalog too.
    const post = trustedCatalog(buildCatalog([plugin('@x/y', 'user', { y: 'p' })]), dir);
    expect([...post.packs.keys()]).toEqual([]);
  });

  it('two trusted packs claiming one id: neither is used and both are named', () => {
    const catalog = buildCatalog([
      plugin('@a/one', 'core', { same: 'p' }),
      plugin('@b/two', 'core', { same: 'p' }),
    ]);
    expect(catalog.packs.has('same')).toBe(false);
    expect(catalog.warnings[0]!.message).toBe(
      'pack id "same" is claimed by @a/one and @b/two; neither is used',
    );
  });
});
