// Host side of the agent sandbox: one worker thread, started on first use and reused, that runs each
// job in a fresh QuickJS runtime. A job that overruns its time is ended by terminating the thread (the
// interrupt handler inside stops ordinary loops; terminating also stops native work it cannot reach),
// and the next job gets a new thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SandboxJob, SandboxReply } from './protocol.js';

/** Grace after the job's own deadline before the thread is terminated from outside. */
const KILL_GRACE_MS = 250;

function workerFile(): string {
  const beside = fileURLToPath(new URL('../sandbox/agent-worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  // Running from TypeScript sources (tests): worker threads cannot load .ts, so use the built copy.
  return fileURLToPath(new URL('../../dist/sandbox/agent-worker.js', import.meta.url));
}

interface Pending {
  resolve: (reply: SandboxReply) => void;
  timer: NodeJS.Timeout;
}

class SandboxWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private queue: Promise<unknown> = Promise.resolve();

  /** Jobs run one at a time, in order. */
  run(job: SandboxJob): Promise<SandboxReply> {
    const next = this.queue.then(() => this.runNow(job));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Start the thread now (it loads the interpreter at once), so the first job does not wait for it. */
  warm(): void {
    this.start();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // A large native stack keeps deep recursion inside QuickJS's own stack limit (reported as
    // "stack overflow") instead of exhausting the thread's stack.
    const worker = new Worker(workerFile(), { resourceLimits: { stackSizeMb: 32 } });
    worker.unref();
    worker.on('message', (m: { id: number; reply: SandboxReply }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      // After a hard resource failure the wasm heap may be damaged: start afresh next time.
      if (!m.reply.ok && m.reply.kind === 'resource') this.stop();
      p.resolve(m.reply);
    });
    const fail = (message: string) => {
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        this.pending.delete(id);
        p.resolve({ ok: false, kind: 'resource', message });
      }
      this.worker = null;
    };
    worker.on('error', (error) => fail(`the sandbox thread failed: ${error.message}`));
    worker.on('exit', () => fail('the sandbox thread stopped'));
    this.worker = worker;
    return worker;
  }

  private stop(): void {
    const w = this.worker;
    this.worker = null;
    if (w) {
      w.removeAllListeners('exit');
      w.removeAllListeners('error');
      void w.terminate();
    }
  }

  private runNow(job: SandboxJob): Promise<SandboxReply> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<SandboxReply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.stop();
        resolve({ ok: false, kind: 'timeout', message: 'terminated at its time limit' });
      }, job.limits.cpuMs + KILL_GRACE_MS);
      this.pending.set(id, { resolve, timer });
      worker.ref();
      worker.postMessage({ id, job });
    }).finally(() => {
      if (this.pending.size === 0) this.worker?.unref();
    });
  }
}

let shared: SandboxWorker | null = null;

/** Run one job in the shared sandbox thread. */
export function runInSandbox(job: SandboxJob): Promise<SandboxReply> {
  shared ??= new SandboxWorker();
  return shared.run(job);
}

/** Start the sandbox thread ahead of the first job (thread start and wasm load take ~100-200 ms). */
export function warmSandbox(): void {
  shared ??= new SandboxWorker();
  shared.warm();
}
