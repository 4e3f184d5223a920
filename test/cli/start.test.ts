import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt } from '../e2e/cli.js';

let home: string;
beforeAll(() => {
  ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'studio-start-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const node = (args: string[], cwd: string) =>
  spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, STUDIO_CACHE_DIR: join(home, 'cache') },
  });

describe('start module', () => {
  it('is bundled with the same exports, and loads oclif and nunjucks from the bundles beside it', () => {
    const script = [
      `const start = require(${JSON.stringify(join(ROOT, 'dist/bundles/start.cjs'))});`,
      'const oclif = start.loadOclif();',
      'start.registerLazyBundles();',
      "require('nunjucks');",
      'process.stdout.write(JSON.stringify({',
      '  exports: Object.keys(start).sort(),',
      "  oclif: Object.keys(require.cache).filter((f) => f.includes('oclif-core-')).map((f) => f.split('/').pop()),",
      '  nunjucks: Object.keys(require.cache).some((f) => /bundles[/]nunjucks-.*[.]cjs$/.test(f)),',
      "  run: typeof oclif.run === 'function',",
      '}));',
    ].join('\n');
    const r = node(['-e', script], ROOT);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as {
      exports: string[];
      oclif: string[];
      nunjucks: boolean;
      run: boolean;
    };
    expect(out.exports).toEqual(['installCompileCache', 'loadOclif', 'registerLazyBundles']);
    expect(out.nunjucks).toBe(true);
    expect(out.oclif).toHaveLength(1);
    expect(out.oclif[0]).toMatch(/^oclif-core-\d+\.\d+\.\d+\.cjs$/);
    expect(out.run).toBe(true);
  });

  it('is not needed by bin/run.js: without the bundle (a TypeScript-only build) studio still starts', () => {
    // A copy of the package whose dist has no start.cjs; node_modules is the repository's.
    const pkg = join(home, 'pkg');
    for (const entry of ['bin', 'package.json', 'oclif.manifest.json'])
      cpSync(join(ROOT, entry), join(pkg, entry), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(pkg, 'dist'), {
      recursive: true,
      filter: (src) => !src.endsWith('start.cjs'),
    });
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    const r = node([join(pkg, 'bin/run.js'), '--version'], pkg);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^spec-to-pack-studio\/\d+\.\d+\.\d+ /);
  });

  it('never looks for TypeScript sources, whatever NODE_ENV says (oclif would load the compiler)', () => {
    // Preloaded: reports at exit whether the typescript package was loaded.
    const probe = join(home, 'probe.cjs');
    writeFileSync(
      probe,
      "process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/]typescript[\\\\/]/.test(f)))));\n",
    );
    for (const NODE_ENV of ['development', 'test']) {
      const r = spawnSync(process.execPath, ['--require', probe, join(ROOT, 'bin/run.js'), 'generat'], {
        cwd: home,
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV },
      });
      expect(r.status, NODE_ENV).toBe(2);
      expect(r.stderr, NODE_ENV).toMatch(/^Error E_COMMAND_NOT_FOUND: .*\n[^]*\[\]$/);
    }
  });
});
