import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt } from '../e2e/cli.js';
import { inFreshNode } from './fresh-node.js';

// loadOclif changes Node's module cache, so it runs in fresh Node processes, as bin/run.js calls it.
let home: string;
beforeAll(() => {
  ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'studio-oclif-bundle-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/@oclif/core/package.json'), 'utf8')) as { version: string }
).version;

describe('loadOclif', () => {
  it('makes the bundle of the installed version the one @oclif/core that every importer gets', () => {
    const out = inFreshNode(
      join(ROOT, 'dist/cli/oclif-bundle.js'),
      '{ loadOclif }',
      [
        'const oclif = loadOclif();',
        "const esm = await import('@oclif/core');",
        'process.stdout.write(JSON.stringify({',
        "  sameForRequire: req('@oclif/core') === oclif,",
        '  sameForImport: esm.Command === oclif.Command && esm.Config === oclif.Config,',
        "  bundles: loaded('oclif-core').filter((f) => f.endsWith('.cjs')),",
        "  installedLibLoaded: Object.keys(req.cache).some((f) => f.includes('@oclif/core/lib/command.js')),",
        '}));',
      ].join('\n'),
    );
    expect(out).toEqual({
      sameForRequire: true,
      sameForImport: true,
      bundles: [`oclif-core-${VERSION}.cjs`],
      installedLibLoaded: false,
    });
  });

  it('loads what only some commands use (help, child processes) when first used, and keeps oclif whole', () => {
    const out = inFreshNode(
      join(ROOT, 'dist/cli/oclif-bundle.js'),
      '{ loadOclif }',
      [
        'const oclif = loadOclif();',
        "const builtins = () => process.moduleLoadList.filter((m) => m === 'NativeModule child_process' || m === 'NativeModule tty');",
        'const afterLoad = builtins().length;',
        `const config = await oclif.Config.load(${JSON.stringify(ROOT)});`,
        'const afterConfig = builtins().length;',
        'const ids = config.plugins.get(config.pjson.name).commands.map((c) => c.id);',
        'process.stdout.write(JSON.stringify({',
        '  afterLoad, afterConfig,',
        "  sorted: JSON.stringify(ids) === JSON.stringify([...ids].sort((a, b) => a.localeCompare(b, 'en'))),",
        '  commands: ids.length > 10,',
        "  help: typeof oclif.Help === 'function' && typeof oclif.loadHelpClass === 'function',",
        "  exports: ['Args', 'Command', 'Config', 'Errors', 'Flags', 'Parser', 'run', 'ux'].every((k) => oclif[k] !== undefined),",
        "  childProcessOnUse: typeof req('node:child_process').execSync === 'function' && builtins().length === 1,",
        '}));',
      ].join('\n'),
    );
    expect(out).toEqual({
      afterLoad: 0,
      afterConfig: 0,
      sorted: true,
      commands: true,
      help: true,
      exports: true,
      childProcessOnUse: true,
    });
  });

  it("still prints oclif's debug log when DEBUG names it", () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/run.js'), '--version'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DEBUG: 'oclif:main', STUDIO_CACHE_DIR: join(home, 'cache') },
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/oclif:main process\.argv/);
  });

  it('loads the installed package as usual when there is no bundle of its version', () => {
    // A copy of the module with an empty bundles folder beside it: what a build of another oclif leaves.
    const dist = join(home, 'dist');
    mkdirSync(join(dist, 'cli'), { recursive: true });
    mkdirSync(join(dist, 'bundles'));
    for (const file of ['oclif-bundle.js', 'package-bundle.js'])
      cpSync(join(ROOT, 'dist/cli', file), join(dist, 'cli', file));
    // The copy resolves @oclif/core from the repo's packages, as the real one does.
    symlinkSync(join(ROOT, 'node_modules'), join(home, 'node_modules'), 'dir');
    const out = inFreshNode(
      join(dist, 'cli/oclif-bundle.js'),
      '{ loadOclif }',
      [
        'const oclif = loadOclif();',
        'process.stdout.write(JSON.stringify({',
        "  bundled: Object.keys(req.cache).some((f) => f.endsWith('.cjs') && f.includes('oclif-core')),",
        "  installedLibLoaded: Object.keys(req.cache).some((f) => f.includes('@oclif/core/lib/command.js')),",
        "  works: typeof oclif.run === 'function',",
        '}));',
      ].join('\n'),
    );
    expect(out).toEqual({ bundled: false, installedLibLoaded: true, works: true });
  });
});
