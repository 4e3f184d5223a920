import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deserialize } from 'node:v8';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt } from '../e2e/cli.js';
import * as compileCacheModule from '../../src/cli/compile-cache.js';

// The cache patches Node's CommonJS loader, so it is exercised in fresh Node processes, as bin/run.js
// installs it.
const ENTRY = pathToFileURL(join(ROOT, 'dist/cli/compile-cache.js')).href;

let home: string;
let cacheDir: string;
let lib: string;

beforeAll(() => ensureBuilt());
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'studio-compile-cache-'));
  cacheDir = join(home, 'cache');
  lib = join(home, 'lib');
  mkdirSync(lib);
  writeFileSync(join(lib, 'dep.cjs'), 'module.exports = { answer: 41 };\n');
  writeFileSync(
    join(lib, 'main.cjs'),
    [
      "'use strict';",
      "const dep = require('./dep.cjs');",
      "const path = require('node:path');",
      'module.exports = {',
      '  value: () => dep.answer + 1,',
      '  dir: __dirname,',
      '  file: path.basename(__filename),',
      "  resolved: path.basename(require.resolve('./dep.cjs')),",
      // The bundles start with "use strict" (they are ES modules bundled): the directive must hold.
      '  strict: (function () { return this === undefined; })(),',
      '};',
      '',
    ].join('\n'),
  );
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** Run a fresh Node that installs the cache for `argv`, requires `module` and prints what happened. */
function run(argv: string[], module = 'main.cjs', extra = '', status = 0) {
  const script = [
    `const { installCompileCache } = await import(${JSON.stringify(ENTRY)});`,
    `const stats = installCompileCache(${JSON.stringify(argv)});`,
    "const { createRequire } = await import('node:module');",
    `const m = createRequire(${JSON.stringify(join(lib, 'x.cjs'))})('./${module}');`,
    extra,
    'process.stdout.write(JSON.stringify({ stats, m: { ...m, value: m.value?.() } }));',
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, STUDIO_CACHE_DIR: cacheDir },
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(status);
  return JSON.parse(r.stdout) as {
    stats: { file: string; fromCache: number; compiled: number; hashed: number } | null;
    m: Record<string, unknown>;
  };
}

describe('compile cache', () => {
  it('stores the code of the CommonJS modules a run loaded and uses it on the next run', () => {
    const first = run(['generate', '--pack', 'deep']);
    expect(first.stats).toMatchObject({ fromCache: 0, compiled: 2 });
    expect(first.stats!.file.startsWith(join(cacheDir, 'compile'))).toBe(true);
    expect(first.stats!.file.endsWith('-generate.bin')).toBe(true);
    expect(existsSync(first.stats!.file)).toBe(true);
    const second = run(['generate', '--pack', 'deep']);
    expect(second.stats).toMatchObject({ fromCache: 2, compiled: 0 });
    // Modules run exactly as Node runs them: require, require.resolve, __dirname, strict mode.
    const expected = { value: 42, dir: lib, file: 'main.cjs', resolved: 'dep.cjs', strict: true };
    expect(first.m).toEqual(expected);
    expect(second.m).toEqual(expected);
  });

  it('keeps one cache per command, and one for anything that is not a command name', () => {
    run(['generate']);
    run(['--help']);
    run(['validate', '--spec', 'x.json']);
    expect(
      readdirSync(join(cacheDir, 'compile'))
        .map((f) => f.replace(/^.*-/, ''))
        .sort(),
    ).toEqual(['generate.bin', 'other.bin', 'validate.bin']);
  });

  it('never uses the code of a module whose source changed, even at the same length', () => {
    run(['generate']);
    writeFileSync(join(lib, 'dep.cjs'), 'module.exports = { answer: 99 };\n');
    const after = run(['generate']);
    expect(after.m.value).toBe(100);
    expect(after.stats).toMatchObject({ fromCache: 1, compiled: 1 });
  });

  // The cache trusts a file's stat for its content only once the file is a second old (SETTLED_NS).
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1100));

  it('hashes a module again only when its stat changed, and sees an edit that restored size and mtime', async () => {
    // A whole second, so that the mtime can be restored to the nanosecond.
    const dep = join(lib, 'dep.cjs');
    const mtime = new Date(Date.UTC(2024, 0, 1));
    utimesSync(dep, mtime, mtime);
    const changedMs = Math.max(
      ...['main.cjs', 'dep.cjs'].map((f) =>
        Number(statSync(join(lib, f), { bigint: true }).ctimeNs / 1_000_000n),
      ),
    );
    expect(run(['generate']).stats).toMatchObject({ compiled: 2, hashed: 2 });
    const firstEnded = Date.now();
    // Written just now: the first run found both stats too recent to stand for the content and stored
    // none, so the second hashes both again. (On a machine so loaded that the first run ended a second
    // after the write, it stored them: the rule itself is pinned by the fileStamp test below.)
    const second = run(['generate']).stats!;
    if (firstEnded < changedMs + 1000) expect(second).toMatchObject({ fromCache: 2, hashed: 2 });
    else expect(second).toMatchObject({ fromCache: 2 });
    await settle();
    run(['generate']);
    expect(run(['generate']).stats).toMatchObject({ fromCache: 2, hashed: 0 });
    // Same size, mtime set back: only ctime (which utimes cannot set back) and inode differ.
    const before = statSync(dep, { bigint: true });
    writeFileSync(dep, 'module.exports = { answer: 99 };\n');
    utimesSync(dep, mtime, mtime);
    const after = statSync(dep, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    await settle();
    const edited = run(['generate']);
    expect(edited.m.value).toBe(100);
    expect(edited.stats).toMatchObject({ fromCache: 1, compiled: 1, hashed: 1 });
    expect(run(['generate']).stats).toMatchObject({ fromCache: 2, hashed: 0 });
    // Touched, content unchanged: hashed once, its cached code still used, and the new stat stored.
    utimesSync(dep, new Date(2020, 0, 1), new Date(2020, 0, 1));
    await settle();
    expect(run(['generate']).stats).toMatchObject({ fromCache: 2, compiled: 0, hashed: 1 });
    expect(run(['generate']).stats).toMatchObject({ fromCache: 2, hashed: 0 });
  }, 20_000);

  it('takes a stat for the content only once the file has settled, and only for its own source', async () => {
    const file = join(lib, 'fresh.cjs');
    const source = 'module.exports = 1;\n';
    writeFileSync(file, source);
    expect(compileCacheModule.fileStamp(file, source)).toBe('');
    await settle();
    const s = statSync(file, { bigint: true });
    expect(compileCacheModule.fileStamp(file, source)).toBe(
      `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}:${s.dev}`,
    );
    // Code compiled under the file's name with another length is not the file's.
    expect(compileCacheModule.fileStamp(file, 'module.exports = 12;\n')).toBe('');
    expect(compileCacheModule.fileStamp(join(lib, 'missing.cjs'), source)).toBe('');
  });

  it('hashes a source compiled under the name of a file whose content it is not', async () => {
    await settle();
    run(['generate']);
    expect(run(['generate']).stats).toMatchObject({ fromCache: 2, hashed: 0 });
    // A library compiling its own code under dep.cjs's name (as require-from-string does).
    const extra = [
      "const { Module } = await import('node:module');",
      `const fake = new Module(${JSON.stringify(join(lib, 'dep.cjs'))});`,
      "fake._compile('module.exports = { answer: 77 };\\n', fake.id);",
      'm.fake = fake.exports.answer;',
    ].join('\n');
    const r = run(['generate'], 'main.cjs', extra);
    expect(r.m.fake).toBe(77);
    expect(r.stats).toMatchObject({ fromCache: 2, compiled: 1, hashed: 1 });
  }, 20_000);

  it('drops the entries of modules whose file is gone when it writes the cache again', () => {
    writeFileSync(join(lib, 'gone.cjs'), 'module.exports = { gone: true };\n');
    const { stats } = run(['generate'], 'gone.cjs');
    const stored = () =>
      [...(deserialize(readFileSync(stats!.file).subarray(20)) as Map<string, unknown>).keys()]
        .map((f) => f.slice(lib.length + 1))
        .sort();
    expect(stored()).toEqual(['gone.cjs']);
    rmSync(join(lib, 'gone.cjs'));
    run(['generate']);
    expect(stored()).toEqual(['dep.cjs', 'main.cjs']);
  });

  it('is written only by a run that succeeds', () => {
    const failing = run(['generate'], 'main.cjs', 'process.exitCode = 3;', 3);
    expect(failing.stats).toMatchObject({ fromCache: 0, compiled: 2 });
    expect(existsSync(failing.stats!.file)).toBe(false);
    expect(run(['generate']).stats).toMatchObject({ fromCache: 0, compiled: 2 });
    expect(run(['generate']).stats).toMatchObject({ fromCache: 2, compiled: 0 });
  });

  it('is off with --no-cache (before --), and writes nothing', () => {
    expect(run(['generate', '--no-cache']).stats).toBeNull();
    expect(existsSync(join(cacheDir, 'compile'))).toBe(false);
    expect(run(['generate', '--', '--no-cache']).stats).not.toBeNull();
  });

  it('never hands V8 a cache file whose bytes changed after it was written', () => {
    const { stats } = run(['generate']);
    const bytes = readFileSync(stats!.file);
    // One flipped bit in the last byte (cached code, not the file's structure).
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    writeFileSync(stats!.file, bytes);
    const again = run(['generate']);
    expect(again.m.value).toBe(42);
    expect(again.stats).toMatchObject({ fromCache: 0, compiled: 2 });
  });

  it('recovers from a damaged cache file by compiling again', () => {
    const { stats } = run(['generate']);
    writeFileSync(stats!.file, 'not a cache');
    const again = run(['generate']);
    expect(again.m.value).toBe(42);
    expect(again.stats).toMatchObject({ fromCache: 0, compiled: 2 });
    expect(run(['generate']).stats).toMatchObject({ fromCache: 2, compiled: 0 });
  });

  it('leaves a module that uses import() to Node, so its import() still works', () => {
    writeFileSync(
      join(lib, 'dynamic.cjs'),
      "module.exports = { load: () => import('node:path').then((p) => typeof p.join) };\n",
    );
    const extra = 'm.kind = await m.load();';
    const first = run(['generate'], 'dynamic.cjs', extra);
    expect(first.m.kind).toBe('function');
    expect(first.stats).toMatchObject({ fromCache: 0, compiled: 0 });
    expect(run(['generate'], 'dynamic.cjs', extra).m.kind).toBe('function');
  });

  it('caches a module whose only import() is text, and leaves one edited to call import() to Node', () => {
    writeFileSync(
      join(lib, 'text.cjs'),
      'module.exports = { value: () => "import() failed".length, note: `import (  ) is text too` };\n',
    );
    expect(run(['generate'], 'text.cjs').stats).toMatchObject({ fromCache: 0, compiled: 1 });
    expect(run(['generate'], 'text.cjs').stats).toMatchObject({ fromCache: 1, compiled: 0 });
    // The same file, now calling import() (with a space): its cached code is not used, nor is it cached.
    writeFileSync(
      join(lib, 'text.cjs'),
      "module.exports = { load: () => import ('node:path').then((p) => typeof p.join) };\n",
    );
    const extra = 'm.kind = await m.load();';
    for (let i = 0; i < 2; i++) {
      const again = run(['generate'], 'text.cjs', extra);
      expect(again.m.kind).toBe('function');
      expect(again.stats).toMatchObject({ fromCache: 0, compiled: 0 });
    }
  });

  it('reports a syntax error in a module the way Node does', () => {
    writeFileSync(join(lib, 'broken.cjs'), 'module.exports = {;\n');
    const script = [
      `const { installCompileCache } = await import(${JSON.stringify(ENTRY)});`,
      "installCompileCache(['generate']);",
      "const { createRequire } = await import('node:module');",
      `createRequire(${JSON.stringify(join(lib, 'x.cjs'))})('./broken.cjs');`,
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, STUDIO_CACHE_DIR: cacheDir },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('broken.cjs');
    expect(r.stderr).toContain('SyntaxError');
  });
});

describe('compile cache in worker threads', () => {
  /** Start one worker per module in `modules` (each installs the cache, then waits), let them load
   *  their module and save one after the other, terminating each once it posted; prints their stats. */
  function workers(modules: string[]) {
    const worker = [
      "const { parentPort } = require('node:worker_threads');",
      `import(${JSON.stringify(ENTRY)}).then(({ installCompileCache, saveCompileCache }) => {`,
      "  const stats = installCompileCache(['validate-worker']);",
      "  parentPort.postMessage('ready');",
      "  parentPort.once('message', (module) => {",
      `    require('node:module').createRequire(${JSON.stringify(join(lib, 'x.cjs'))})('./' + module);`,
      '    saveCompileCache();',
      '    parentPort.postMessage(stats);',
      '    // Terminated by the parent: no exit handler of its own runs.',
      '    setInterval(() => {}, 1000);',
      '  });',
      '});',
    ].join('\n');
    const script = [
      "const { Worker } = await import('node:worker_threads');",
      "const { once } = await import('node:events');",
      `const modules = ${JSON.stringify(modules)};`,
      `const ws = modules.map(() => new Worker(${JSON.stringify(worker)}, { eval: true, execArgv: [] }));`,
      "await Promise.all(ws.map((w) => once(w, 'message')));",
      'const out = [];',
      'for (const [i, w] of ws.entries()) {',
      '  w.postMessage(modules[i]);',
      "  out.push((await once(w, 'message'))[0]);",
      '  await w.terminate();',
      '}',
      'process.stdout.write(JSON.stringify(out));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, STUDIO_CACHE_DIR: cacheDir },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as { fromCache: number; compiled: number; file: string }[];
  }

  beforeEach(() => writeFileSync(join(lib, 'other.cjs'), 'module.exports = { other: true };\n'));

  it('a worker saves its cache before it is terminated, and the next worker uses it', () => {
    const [first] = workers(['main.cjs']);
    expect(first).toMatchObject({ fromCache: 0, compiled: 2 });
    expect(first!.file.endsWith('-validate-worker.bin')).toBe(true);
    expect(existsSync(first!.file)).toBe(true);
    expect(workers(['main.cjs'])[0]).toMatchObject({ fromCache: 2, compiled: 0 });
  });

  it('workers saving the same cache one after the other keep the modules of the others', () => {
    // Both read the (empty) cache before either saved.
    expect(workers(['main.cjs', 'other.cjs'])).toMatchObject([
      { fromCache: 0, compiled: 2 },
      { fromCache: 0, compiled: 1 },
    ]);
    expect(workers(['main.cjs', 'other.cjs'])).toMatchObject([
      { fromCache: 2, compiled: 0 },
      { fromCache: 1, compiled: 0 },
    ]);
  });
});

describe('usesDynamicImport', () => {
  it('counts anything that looks like a call, and not import() alone or an identifier ending in import', () => {
    const { usesDynamicImport } = compileCacheModule;
    expect(usesDynamicImport("import('x')")).toBe(true);
    expect(usesDynamicImport('await import (name)')).toBe(true);
    expect(usesDynamicImport('import(\n  spec)')).toBe(true);
    expect(usesDynamicImport('x = "import(" + y')).toBe(true);
    expect(usesDynamicImport('`${esm ? "import()" : "require"} failed`')).toBe(false);
    expect(usesDynamicImport('__studioImport(spec); reimport(x); $import(y)')).toBe(false);
    expect(usesDynamicImport('import_node_fs.readFileSync(p)')).toBe(false);
  });
});
