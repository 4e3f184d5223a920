// The validation worker: runs the built-in validators off the main thread, so that the per-step
// timeout (a timer on the main thread) fires at its limit even while markdownlint or mermaid works
// synchronously, and the run can stop the worker there (src/util/interrupt.ts).
import { parentPort } from 'node:worker_threads';
import { saveCompileCache } from '../cli/compile-cache.js';
import { isStudioError } from '../errors/studio-error.js';
import { builtInValidators } from './index.js';
import type { WorkerBatch, WorkerResult } from './types.js';

parentPort?.once('message', async (batches: WorkerBatch[]) => {
  const validators = builtInValidators();
  const results: WorkerResult[] = await Promise.all(
    batches.map(async (b): Promise<WorkerResult> => {
      try {
        const v = validators.find((x) => x.id === b.validator)!;
        return { validator: b.validator, findings: await v.validate(b.files) };
      } catch (error) {
        return {
          validator: b.validator,
          error: {
            studio: isStudioError(error) ? error.toJSON() : undefined,
            message: error instanceof Error ? error.message : String(error),
          },
        };
      }
    }),
  );
  // Before the result: the parent terminates the worker once it has it.
  saveCompileCache();
  parentPort?.postMessage(results);
});
