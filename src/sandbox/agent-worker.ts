// Entry of the sandbox worker thread: loads the QuickJS wasm module once and runs one job per message.
// The worker is host code; only the QuickJS runtimes it creates hold pack code. The host terminates
// the whole thread when a job overruns its time (native work inside the interpreter, such as one huge
// String.repeat, does not reach the interrupt handler).
import { parentPort } from 'node:worker_threads';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-wasmfile-release-sync';
import type { SandboxJob, SandboxReply } from './protocol.js';
import { runJob } from './quickjs-job.js';
import { withBaselineWasm } from '../util/wasm-tier.js';

const port = parentPort;
if (port === null) throw new Error('agent-worker must run in a worker thread');
// The variant's type declarations describe its CommonJS build; the ESM build's default export is the
// variant object itself.
type Variant = Parameters<typeof newQuickJSWASMModuleFromVariant>[0];
// Baseline-compiled (src/util/wasm-tier.ts): the optimising recompile cost more CPU than it saved.
const module = withBaselineWasm(() => newQuickJSWASMModuleFromVariant(variant as unknown as Variant));

port.on('message', (message: { id: number; job: SandboxJob }) => {
  void module.then(
    (qjs) => {
      let reply: SandboxReply;
      try {
        reply = runJob(qjs, message.job);
      } catch (error) {
        reply = { ok: false, kind: 'failed', message: `sandbox error: ${(error as Error).message}` };
      }
      port.postMessage({ id: message.id, reply });
    },
    (error: unknown) => {
      const reply: SandboxReply = {
        ok: false,
        kind: 'failed',
        message: `the sandbox could not start: ${(error as Error).message}`,
      };
      port.postMessage({ id: message.id, reply });
    },
  );
});
