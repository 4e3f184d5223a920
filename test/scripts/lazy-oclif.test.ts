// The edits the build makes to @oclif/core while bundling it: a require becomes lazy only where its
// binding is used as `binding.name`, and a changed oclif stops the build instead of being half-edited.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, generateArgs, studio, tempDir } from '../e2e/cli.js';
// @ts-expect-error: a plain ESM script without type declarations
import * as lazyOclifModule from '../../scripts/lib/lazy-oclif.mjs';

type Lazy = Record<string, '*' | string[]>;
type Edits = Record<string, Array<[string, string]>>;
const { lazyOclifSource, LAZY_OCLIF, OCLIF_EDITS } = lazyOclifModule as {
  lazyOclifSource: (file: string, code: string, lazy?: Lazy, edits?: Edits, standIn?: string) => string;
  LAZY_OCLIF: Lazy;
  OCLIF_EDITS: Edits;
};

const LAZY = 'require("studio:oclif-lazy").lazyModule';

describe('lazyOclifSource', () => {
  it('makes a listed require lazy, leaves the others, and keeps its wrapper', () => {
    const code = [
      'const a_1 = require("a");',
      'const b_1 = __importDefault(require("b"));',
      'const c_1 = require("c");',
      'function f() { return (0, a_1.run)(b_1.default, c_1); }',
    ].join('\n');
    const out = lazyOclifSource('x.js', code, { 'x.js': ['a', 'b'] }, {});
    expect(out.split('\n').slice(0, 3)).toEqual([
      `const a_1 = ${LAZY}(() => require("a"));`,
      `const b_1 = ${LAZY}(() => __importDefault(require("b")));`,
      'const c_1 = require("c");',
    ]);
  });

  it('calls the given stand-in (a command bundle has its own)', () => {
    const out = lazyOclifSource(
      'generate.cjs',
      'var w = require("node:worker_threads");\nnew w.Worker(f);',
      {
        'generate.cjs': ['node:worker_threads'],
      },
      {},
      '__studioLazy',
    );
    expect(out.split('\n')[0]).toBe('var w = __studioLazy(() => require("node:worker_threads"));');
  });

  it('turns a namespace export into a getter that loads it when read', () => {
    const out = lazyOclifSource(
      'index.js',
      'exports.Args = __importStar(require("./args"));',
      { 'index.js': '*' },
      {},
    );
    expect(out).toBe(
      'Object.defineProperty(exports, "Args", { enumerable: true, configurable: true, get: () => __importStar(require("./args")) });',
    );
  });

  it('refuses a binding used other than as binding.name (passed on, compared, spread)', () => {
    for (const use of ['g(a_1);', 'if (a_1 === x) {}', 'const y = { ...a_1 };']) {
      const code = `const a_1 = require("a");\n(0, a_1.f)();\n${use}`;
      expect(() => lazyOclifSource('x.js', code, { 'x.js': ['a'] }, {})).toThrow(/a_1 other than as a_1\.x/);
    }
  });

  it('stops when a listed require or edit is no longer there (an oclif upgrade)', () => {
    expect(() => lazyOclifSource('x.js', 'const a_1 = require("a");', { 'x.js': ['b'] }, {})).toThrow(
      /no longer requires "b"/,
    );
    expect(() =>
      lazyOclifSource('x.js', 'const a = 1;', {}, { 'x.js': [['const b = 1;', 'const b = 2;']] }),
    ).toThrow(/no single "const b = 1;"/);
  });

  it('applies to the installed @oclif/core as it is (every listed require and edit is found)', () => {
    const lib = join(ROOT, 'node_modules/@oclif/core/lib');
    for (const file of new Set([...Object.keys(LAZY_OCLIF), ...Object.keys(OCLIF_EDITS)])) {
      const code = readFileSync(join(lib, file), 'utf8');
      const out = lazyOclifSource(file, code);
      expect(out, file).not.toBe(code);
    }
  });
});

describe('the built bundles', () => {
  it('leave what a warm generate never uses unloaded, and load it when it is used', () => {
    ensureBuilt();
    const dir = tempDir('studio-lazy-oclif-');
    try {
      const preload = join(dir, 'loaded.cjs');
      writeFileSync(
        preload,
        "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED, JSON.stringify(process.moduleLoadList)));\n",
      );
      // Warm: the run's cache (test/global-setup.ts generated the deep pack, which holds the balanced
      // one, for this example); outside `vitest run`, one run of its own warms a cache first.
      const warmed = process.env.STUDIO_CACHE_DIR;
      const cache = warmed ?? join(dir, 'cache');
      const run = (name: string, env: NodeJS.ProcessEnv = {}): string[] => {
        const loaded = join(dir, `${name}.json`);
        const r = studio(generateArgs('clinic-queue', '--pack', 'balanced', '-o', join(dir, name)), {
          nodeArgs: ['-r', preload],
          env: { STUDIO_CACHE_DIR: cache, STUDIO_DATA_DIR: join(dir, 'data'), LOADED: loaded, ...env },
        });
        expect(r.status, r.stderr).toBe(0);
        return JSON.parse(readFileSync(loaded, 'utf8')) as string[];
      };
      if (warmed === undefined) run('cold');
      const unused = ['worker_threads', 'child_process', 'readline'].map((m) => `NativeModule ${m}`);
      const warm = run('warm', { DEBUG: '' });
      expect(unused.filter((m) => warm.includes(m))).toEqual([]);
      // Every built-in agent in the sandbox: the worker starts, and worker_threads loads for it.
      expect(run('sandboxed', { STUDIO_SANDBOX: 'all' })).toContain('NativeModule worker_threads');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
