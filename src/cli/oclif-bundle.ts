// oclif as one module. @oclif/core is ~100 CommonJS modules, and loading it spends about a third of its
// time resolving them; the build bundles it (scripts/build.mjs, dist/bundles/oclif-core-<version>.cjs).
// Registered in Node's module cache under the installed package's own entry file, it IS @oclif/core
// for everything that loads it after this (studio's commands, oclif's plugins, installed plugins): one
// copy, so oclif's classes and singletons stay one.
import { Module, createRequire } from 'node:module';
import { installedBundle, registerModule } from './package-bundle.js';

/** Make the bundled oclif the one `@oclif/core` resolves to, when it was built from the installed
 *  version; returns the oclif module (bundled or not), to be used as `require('@oclif/core')`. */
export function loadOclif(): unknown {
  const require = createRequire(import.meta.url);
  try {
    const { entry, bundle } = installedBundle('@oclif/core');
    const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
    // Loaded at once below (every command uses oclif); the bundle's index loads the rest on first use.
    if (cache[entry] === undefined && bundle !== null) registerModule(entry, () => require(bundle));
  } catch {
    // No bundle of this version, or an unreadable one: the installed package loads as usual.
  }
  return require('@oclif/core');
}
