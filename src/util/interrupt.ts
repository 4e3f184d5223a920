// Work that runs outside the main thread's event loop (a validation worker) registers how to stop it;
// a step that overruns its time limit stops it all, so the run fails at the limit, not when the work
// happens to end.
const handlers = new Set<() => void>();

/** Register `stop`; returns the function that unregisters it. */
export function onInterrupt(stop: () => void): () => void {
  handlers.add(stop);
  return () => {
    handlers.delete(stop);
  };
}

/** Stop every registered piece of work (a step ran out of time). */
export function interruptAll(): void {
  for (const stop of [...handlers]) {
    handlers.delete(stop);
    stop();
  }
}
