import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  findPackage,
  loadIndexSources,
  packageSummary,
  visiblePackages,
} from '../../src/registry/sources.js';
import { resolveListedVersion } from '../../src/registry/resolve-version.js';

const INTEGRITY = (c: string) => `sha512-${c.repeat(86)}==`;
const v = (version: string, integrity = INTEGRITY('A'), engine = '>=0.1.0 <1.0.0', extra = {}) => ({
  version,
  integrity,
  template_set: '1.0.0',
  engine,
  spec_versions: '^1.0.0',
  locales: ['en-US'],
  provides: ['x'],
  ...extra,
});

function workspace(): { dir: string; write: (f: string, data: unknown) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'studio-sources-'));
  return {
    dir,
    write: (f, data) => {
      const p = join(dir, f);
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
      return p;
    },
  };
}

describe('registry sources', () => {
  it('puts the default index first, then user indexes in config order; the first listing of a name wins', async () => {
    const ws = workspace();
    const def = ws.write('default.json', {
      index_version: 1,
      packages: [{ name: '@v/p', description: 'default', versions: [v('1.0.0')] }],
    });
    ws.write('idx/a.json', {
      index_version: 1,
      packages: [{ name: '@v/p', description: 'from a', versions: [v('2.0.0', INTEGRITY('B'))] }],
    });
    const b = ws.write('b.json', {
      index_version: 1,
      packages: [{ name: 'q', description: 'from b', versions: [v('1.0.0')] }],
    });
    ws.write('.studiorc.yaml', `registries:\n  - ./idx/a.json\n  - ${pathToFileURL(b).href}\n`);
    const sources = await loadIndexSources({ cwd: ws.dir, defaultIndexPath: def });
    expect(sources.map((s) => [s.rank, s.path, s.origin === 'default' ? 'default' : 'config'])).toEqual([
      [1, def, 'default'],
      [2, join(ws.dir, 'idx/a.json'), 'config'],
      [3, b, 'config'],
    ]);
    const found = findPackage(sources, '@v/p')!;
    // A configured index (e.g. a project's .studiorc) cannot re-describe a package the default lists.
    expect(found.pkg.description).toBe('default');
    // Versions are never merged across indexes: 2.0.0 from index a is not installable.
    expect(found.pkg.versions.map((x) => x.version)).toEqual(['1.0.0']);
    // None of these test indexes is signed: none may vouch for installs.
    expect(sources.map((s) => s.trust.trusted)).toEqual([false, false, false]);
    expect(sources[1]!.trust.status).toBe('unsigned; not trusted');
    expect(visiblePackages(sources).map((p) => p.pkg.name)).toEqual(['@v/p', 'q']);
  });

  it('reads package.json#studio and matches names exactly (no unscoped or case-folded fallback)', async () => {
    const ws = workspace();
    const def = ws.write('default.json', {
      index_version: 1,
      packages: [{ name: '@vendor/fintech-pack', description: 'd', versions: [v('1.0.0')] }],
    });
    ws.write('package.json', { name: 'proj', studio: { registries: [] } });
    const sources = await loadIndexSources({ cwd: ws.dir, defaultIndexPath: def });
    expect(findPackage(sources, '@vendor/fintech-pack')).not.toBeNull();
    expect(findPackage(sources, 'fintech-pack')).toBeNull();
    expect(findPackage(sources, '@Vendor/fintech-pack')).toBeNull();
    expect(findPackage(sources, '@vendor/fintech-pack2')).toBeNull();
  });

  it('refuses a remote URL, a non-list and a broken index with clear errors', async () => {
    const ws = workspace();
    const def = ws.write('default.json', { index_version: 1, packages: [] });
    ws.write('studio.config.json', { registries: ['https://example.com/index.json'] });
    await expect(loadIndexSources({ cwd: ws.dir, defaultIndexPath: def })).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
    });
    ws.write('studio.config.json', { registries: 'x.json' });
    await expect(loadIndexSources({ cwd: ws.dir, defaultIndexPath: def })).rejects.toThrow(/must be a list/);
    ws.write('studio.config.json', { registries: ['bad.json'] });
    ws.write('bad.json', '{"index_version": 2, "packages": []}');
    await expect(loadIndexSources({ cwd: ws.dir, defaultIndexPath: def })).rejects.toMatchObject({
      code: 'E_REGISTRY_INVALID',
    });
    ws.write('studio.config.json', { registries: ['missing.json'] });
    await expect(loadIndexSources({ cwd: ws.dir, defaultIndexPath: def })).rejects.toThrow(/cannot be read/);
  });
});

describe('packageSummary', () => {
  it('shows each visible package, in code-point order, with its latest listed version and index rank', async () => {
    const ws = workspace();
    const def = ws.write('default.json', {
      index_version: 1,
      packages: [
        { name: 'b-pack', description: 'b', versions: [v('1.10.0'), v('1.2.0', INTEGRITY('B'))] },
        { name: '@vendor/pack', description: 'v', versions: [v('0.1.0')] },
      ],
    });
    const sources = await loadIndexSources({ cwd: ws.dir, defaultIndexPath: def });
    expect(visiblePackages(sources).map(packageSummary)).toEqual([
      { name: '@vendor/pack', description: 'v', latest: '0.1.0', provides: ['x'], index: 1 },
      { name: 'b-pack', description: 'b', latest: '1.10.0', provides: ['x'], index: 1 },
    ]);
  });
});

describe('resolveListedVersion', () => {
  const host = { engine: '0.1.0', spec: '1.0.0' };
  const pkg = {
    name: '@v/p',
    description: '',
    versions: [
      v('1.0.0'),
      v('1.1.0', INTEGRITY('B'), '>=0.1.0 <1.0.0', { deprecated: 'use 1.2' }),
      v('1.2.0'),
      v('2.0.0', INTEGRITY('C'), '>=5.0.0'),
    ],
  };

  it('resolves latest to the highest compatible, non-deprecated version', () => {
    expect(resolveListedVersion(pkg, 'latest', host).version).toBe('1.2.0');
    expect(resolveListedVersion(pkg, '~1.1.0', host).version).toBe('1.1.0');
  });

  it('refuses an unlisted version and one outside the engine range, saying why', () => {
    expect(() => resolveListedVersion(pkg, '1.0.1', host)).toThrow(/not listed/);
    expect(() => resolveListedVersion(pkg, '2.0.0', host)).toThrow(
      /needs studio >=5\.0\.0; this is studio 0\.1\.0/,
    );
    expect(() => resolveListedVersion(pkg, '^2.0.0', host)).toThrow(
      /no listed version of @v\/p works with this engine/,
    );
  });
});
