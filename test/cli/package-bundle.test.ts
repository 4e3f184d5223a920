import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt } from '../e2e/cli.js';
import { inFreshNode } from './fresh-node.js';
import { LAZY_BUNDLES, bundleName } from '../../src/cli/package-bundle.js';

// Registration changes Node's module cache, so it runs in fresh Node processes, as bin/run.js does it.
let home: string;
beforeAll(() => {
  ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'studio-package-bundle-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const NUNJUCKS = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/nunjucks/package.json'), 'utf8')) as { version: string }
).version;

describe('bundleName', () => {
  it('names a bundle by package and version, without the scope sign', () => {
    expect(bundleName('@oclif/core', '4.14.0')).toBe('oclif-core-4.14.0.cjs');
    expect(bundleName('nunjucks', '3.2.4')).toBe('nunjucks-3.2.4.cjs');
  });
});

describe('registerLazyBundle', () => {
  it('makes the bundle what nunjucks and its listed files resolve to, loaded on first use, one copy', () => {
    expect(LAZY_BUNDLES.nunjucks).toContain('src/transformer.js');
    const out = inFreshNode(
      join(ROOT, 'dist/cli/package-bundle.js'),
      'mod',
      [
        "const registered = mod.registerLazyBundle('nunjucks');",
        "const before = loaded('nunjucks-');",
        "const nunjucks = req('nunjucks');",
        "const { transform } = req('nunjucks/src/transformer.js');",
        // The parser's nodes and the transformer's come from one copy: a transformed tree compiles.
        "const ast = transform(nunjucks.parser.parse('{% for x in xs %}{{ x | upper }}{% endfor %}'), []);",
        "const esm = await import('nunjucks');",
        'process.stdout.write(JSON.stringify({',
        '  registered, before,',
        "  after: loaded('nunjucks-'),",
        "  installedSrc: loaded('node_modules/nunjucks/src/').filter((f) => f !== 'transformer.js'),",
        "  rendered: new nunjucks.Environment().renderString('{% for x in xs %}{{ x | upper }}{% endfor %}', { xs: ['a', 'b'] }),",
        '  sameNodes: ast instanceof nunjucks.nodes.Root,',
        '  sameForImport: esm.default === nunjucks,',
        "  again: mod.registerLazyBundle('nunjucks'),",
        '}));',
      ].join('\n'),
    );
    expect(out).toEqual({
      registered: true,
      before: [],
      after: [`nunjucks-${NUNJUCKS}.cjs`],
      installedSrc: [],
      rendered: 'AB',
      sameNodes: true,
      sameForImport: true,
      again: false,
    });
  });

  it('leaves the installed package alone when no bundle of its version was built', () => {
    const dist = join(home, 'dist');
    mkdirSync(join(dist, 'cli'), { recursive: true });
    mkdirSync(join(dist, 'bundles'));
    cpSync(join(ROOT, 'dist/cli/package-bundle.js'), join(dist, 'cli/package-bundle.js'));
    symlinkSync(join(ROOT, 'node_modules'), join(home, 'node_modules'), 'dir');
    const out = inFreshNode(
      join(dist, 'cli/package-bundle.js'),
      'mod',
      [
        "const registered = mod.registerLazyBundle('nunjucks');",
        "const nunjucks = req('nunjucks');",
        'process.stdout.write(JSON.stringify({',
        '  registered,',
        "  bundles: loaded('nunjucks-'),",
        "  installed: loaded('node_modules/nunjucks/src/').includes('environment.js'),",
        "  works: new nunjucks.Environment().renderString('{{ 1 + 1 }}') === '2',",
        '}));',
      ].join('\n'),
    );
    expect(out).toEqual({ registered: false, bundles: [], installed: true, works: true });
  });

  it('does not register a package that was loaded already', () => {
    const out = inFreshNode(
      join(ROOT, 'dist/cli/package-bundle.js'),
      'mod',
      [
        "const first = req('nunjucks');",
        "const registered = mod.registerLazyBundle('nunjucks');",
        "process.stdout.write(JSON.stringify({ registered, same: req('nunjucks') === first, bundles: loaded('nunjucks-') }));",
      ].join('\n'),
    );
    expect(out).toEqual({ registered: false, same: true, bundles: [] });
  });
});
