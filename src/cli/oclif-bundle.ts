// oclif as one module. @oclif/core is ~100 CommonJS modules, and loading it spends about a third of its
// time resolving them; the build bundles it (scripts/build.mjs, dist/bundles/oclif-core-<version>.cjs).
// Registered in Node's module cache under the installed package's own entry file, it IS @oclif/core
// for everything that loads it after this (studio's commands, oclif's plugins, installed plugins): one
// copy, so oclif's classes and singletons stay one.
import { existsSync, readFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ModuleInternals {
  new (
    id: string,
    parent?: unknown,
  ): { filename: string; exports: unknown; loaded: boolean; paths: string[] };
  _cache: Record<string, unknown>;
  _nodeModulePaths(from: string): string[];
}

const BUNDLES = fileURLToPath(new URL('../bundles/', import.meta.url));

/** Make the bundled oclif the one `@oclif/core` resolves to, when it was built from the installed
 *  version; returns the oclif module (bundled or not), to be used as `require('@oclif/core')`. */
export function loadOclif(): unknown {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@oclif/core');
  const M = Module as unknown as ModuleInternals;
  if (M._cache[entry] === undefined) {
    try {
      const { version } = JSON.parse(readFileSync(join(dirname(entry), '../package.json'), 'utf8')) as {
        version: string;
      };
      const bundle = join(BUNDLES, `oclif-core-${version}.cjs`);
      if (existsSync(bundle)) {
        const module = new M(entry);
        module.filename = entry;
        module.paths = M._nodeModulePaths(dirname(entry));
        module.exports = require(bundle);
        module.loaded = true;
        M._cache[entry] = module;
      }
    } catch {
      // No bundle of this version, or an unreadable one: the installed package loads as usual.
    }
  }
  return require('@oclif/core');
}
