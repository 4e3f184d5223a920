#!/usr/bin/env node
// oclif checks its own Node engine range at import, which loads semver (~40 ms of every start);
// studio's own `engines` field already states what it needs.
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1';
// Under NODE_ENV=development or test (a developer's shell, any test runner), oclif looks for a
// tsconfig.json to run commands and hooks from TypeScript sources: in a checkout that loads the
// TypeScript compiler (~0.15 s of CPU) on every command, and for a linked plugin it would register
// ts-node in the host. studio runs its built files only; `oclif.settings` is read from this global.
globalThis.oclif = { ...globalThis.oclif, enableAutoTranspile: false };
// V8 optimises a function once it has run for a while (its "interrupt budget", 66 KiB of bytecode by
// default). A warm `generate` is over before most of that optimised code repays its compile time:
// ~15% of the run's CPU went to the optimiser. 16 times the budget keeps it for code that stays hot
// (a 1,000-feature run is as fast). Set first, so that every function gets the new budget.
(await import('node:v8')).setFlagsFromString('--interrupt-budget=1081344');
const argv = process.argv.slice(2);
const { installCompileCache, loadOclif, registerLazyBundles } = await startModule();
// First, so that oclif and everything after it compile from V8's code cache.
installCompileCache(argv);
registerLazyBundles();
const { flush, handle, run } = loadOclif();

// oclif's execute(), with studio's renderer for errors no command caught (an unknown command, say).
try {
  await run(argv, import.meta.url);
  await flush();
} catch (error) {
  const exiting = error?.code === 'EEXIT' || error?.skipOclifErrorHandling;
  if (exiting) await handle(error);
  else {
    const { reportEntryError } = await import('../dist/cli/entry-error.js');
    await handle(reportEntryError(error, argv));
  }
}

/** src/cli/start.ts, bundled by the build as one CommonJS file (~3 ms less than its four ES modules);
 *  the module itself after a TypeScript-only build. */
async function startModule() {
  const { createRequire } = await import('node:module');
  try {
    return createRequire(import.meta.url)('../dist/bundles/start.cjs');
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND') throw error;
    return import('../dist/cli/start.js');
  }
}
