// Libraries the build bundles into one CommonJS file each (scripts/build.mjs,
// dist/bundles/<package>-<version>.cjs): a package of many small modules spends much of its load time
// finding and reading them (nunjucks: ~24 modules, half its load time). The bundle is registered in
// Node's module cache under the installed package's own files (its main entry and the files listed
// here), so every require or import of them gets the bundle's modules: one copy of the library, as
// without the bundle. A bundle built from another version than the installed one is not used.
import { existsSync, readFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CjsModule {
  filename: string;
  exports: unknown;
  loaded: boolean;
  paths: string[];
}
interface ModuleInternals {
  new (id: string, parent?: unknown): CjsModule;
  _cache: Record<string, CjsModule | undefined>;
  _nodeModulePaths(from: string): string[];
}

const M = Module as unknown as ModuleInternals;
const BUNDLES = fileURLToPath(new URL('../bundles/', import.meta.url));

/** Lazily bundled packages and the files inside each, besides its main entry, that studio requires by
 *  path (template-loader reads nunjucks' transformer). The build bundles exactly these. jsdom is loaded
 *  by the Mermaid validator (in its worker, which registers it itself) and the Librarian. */
export const LAZY_BUNDLES: Record<string, string[]> = { nunjucks: ['src/transformer.js'], jsdom: [] };

/** The bundle's file name for a package version: `@oclif/core` 4.14.0 → oclif-core-4.14.0.cjs. */
export function bundleName(pkg: string, version: string): string {
  return `${pkg.replace(/^@/, '').replace('/', '-')}-${version}.cjs`;
}

/** The installed package's main entry and root, and its bundle when one of that version was built. */
export function installedBundle(
  pkg: string,
  bundles = BUNDLES,
): { entry: string; root: string; bundle: string | null } {
  const require = createRequire(import.meta.url);
  const entry = require.resolve(pkg);
  const manifest = require.resolve(`${pkg}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const bundle = join(bundles, bundleName(pkg, version));
  return { entry, root: dirname(manifest), bundle: existsSync(bundle) ? bundle : null };
}

/** Put `filename` in Node's module cache with the exports `load` returns, called on first use. */
export function registerModule(filename: string, load: () => unknown): void {
  const module = new M(filename);
  module.filename = filename;
  module.paths = M._nodeModulePaths(dirname(filename));
  module.loaded = true;
  const settle = (value: unknown): unknown => {
    Object.defineProperty(module, 'exports', { value, writable: true, configurable: true, enumerable: true });
    return value;
  };
  Object.defineProperty(module, 'exports', {
    configurable: true,
    enumerable: true,
    get: () => settle(load()),
    set: settle,
  });
  M._cache[filename] = module;
}

/** Register the bundle of `pkg` (one of LAZY_BUNDLES) for its main entry and its listed files; it loads
 *  when one of them is first required. False when there is no bundle of the installed version, or the
 *  package was loaded already (then it stays as it is). */
export function registerLazyBundle(pkg: string, bundles = BUNDLES): boolean {
  try {
    const { entry, root, bundle } = installedBundle(pkg, bundles);
    const files = (LAZY_BUNDLES[pkg] ?? []).map((file) => join(root, file));
    if (bundle === null || [entry, ...files].some((f) => M._cache[f] !== undefined)) return false;
    const require = createRequire(import.meta.url);
    // The bundle exports one function per file ('.' for the main entry), each returning its exports.
    const modules = (): Record<string, () => unknown> => require(bundle) as Record<string, () => unknown>;
    registerModule(entry, () => modules()['.']!());
    for (const file of LAZY_BUNDLES[pkg] ?? []) registerModule(join(root, file), () => modules()[file]!());
    return true;
  } catch {
    // Not installed, or an unreadable package.json: the package loads as usual, if at all.
    return false;
  }
}

/** Register every lazily bundled package (bin/run.js, after the compile cache is installed). */
export function registerLazyBundles(): void {
  for (const pkg of Object.keys(LAZY_BUNDLES)) registerLazyBundle(pkg);
}
