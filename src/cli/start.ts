// What bin/run.js needs before oclif runs, as one module. The build bundles it as CommonJS
// (dist/bundles/start.cjs): one file read instead of four ES modules (compile-cache, cache-dir,
// oclif-bundle, package-bundle), ~3 ms of every start. bin/run.js falls back to this module when the
// bundle is missing (a TypeScript-only build).
export { installCompileCache } from './compile-cache.js';
export { loadOclif } from './oclif-bundle.js';
export { registerLazyBundles } from './package-bundle.js';
