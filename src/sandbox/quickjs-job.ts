// One agent job inside a fresh QuickJS runtime (runs in the sandbox worker, see agent-worker.ts).
//
// Why QuickJS compiled to WebAssembly rather than SES compartments: the interpreter starts with no
// host objects at all (no process, require, import of host modules, fs, net, env or timers), so the
// capability-free realm is the default rather than the result of removing things; its memory is
// capped by the allocator (setMemoryLimit) and its loops by the interrupt handler; and only strings
// cross the boundary. Measured on Node 20 here: the wasm module loads in ~10 ms, a fresh runtime plus
// the fintech agent module in ~3 ms. SES would need the host realm to be locked down first (which
// breaks oclif and nunjucks) or a worker per compartment for memory limits.
import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten-core';
import { AgentModuleResolver, ModuleRefused } from './module-resolver.js';
import type { FailureKind, SandboxJob, SandboxReply } from './protocol.js';

/** Deepest view-model the sandbox serializes (deeper nesting is refused, not a stack overflow). */
const MAX_DEPTH = 256;
/** Interpreter stack: small enough that QuickJS reports "stack overflow" before the wasm stack ends. */
const MAX_STACK_BYTES = 512 * 1024;

// Evaluated before any agent code. Clock and randomness are removed or pinned so that an agent is
// deterministic by construction; GC-observable objects go too. `__studio` holds the host's helpers in
// a closure the agent cannot replace before they are captured.
const PRELUDE = `(() => {
  const epoch = globalThis.__studio_epoch;
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args) { if (args.length === 0) super(epoch); else super(...args); }
    static now() { return epoch; }
  }
  globalThis.Date = FixedDate;
  Object.defineProperty(Math, 'random', { value: function random() {
    throw new Error('Math.random is not available to agents: a view-model must follow from the spec alone');
  } });
  for (const name of ['WeakRef', 'FinalizationRegistry', 'SharedArrayBuffer', 'Atomics', '__studio_epoch'])
    delete globalThis[name];
  const isArray = Array.isArray, getProto = Object.getPrototypeOf, ownKeys = Reflect.ownKeys,
    describe = Object.getOwnPropertyDescriptor, ObjectProto = Object.prototype, stringify = JSON.stringify,
    parse = JSON.parse, freeze = Object.freeze, isFinite = Number.isFinite;
  const deepFreeze = (v) => {
    if (v !== null && typeof v === 'object') { freeze(v); for (const k of ownKeys(v)) deepFreeze(v[k]); }
    return v;
  };
  // Plain data only: arrays and objects whose prototype is Object.prototype or null, data properties
  // with string keys, finite numbers, strings, booleans and null. undefined members are dropped as JSON does.
  const check = (v, where, depth, seen) => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') { if (!isFinite(v)) throw new TypeError(where + ' is not a finite number'); return; }
    if (typeof v !== 'object') throw new TypeError(where + ' is a ' + typeof v + ', not data');
    if (depth > ${MAX_DEPTH}) throw new TypeError(where + ' is nested deeper than ${MAX_DEPTH} levels');
    if (seen.includes(v)) throw new TypeError(where + ' refers back to itself (a cycle)');
    const proto = getProto(v);
    if (!isArray(v) && proto !== ObjectProto && proto !== null) throw new TypeError(where + ' is not a plain object');
    seen.push(v);
    for (const key of ownKeys(v)) {
      if (typeof key === 'symbol') throw new TypeError(where + ' has a symbol key');
      const d = describe(v, key);
      if (!('value' in d)) throw new TypeError(where + '.' + key + ' is a getter/setter, not data');
      if (isArray(v) && key === 'length') continue;
      if (d.value === undefined) continue;
      check(d.value, where + (isArray(v) ? '[' + key + ']' : '.' + key), depth + 1, seen);
    }
    seen.pop();
  };
  const out = (v, limit) => {
    if (v === null || typeof v !== 'object' || isArray(v)) throw new TypeError('run(ctx) must return an object');
    check(v, 'the view-model', 0, []);
    const text = stringify(v);
    if (text.length > limit) throw new RangeError('the view-model is ' + text.length + ' characters of JSON, more than the limit of ' + limit);
    return text;
  };
  const agent = () => globalThis.__studio_agent;
  const helpers = {
    describe: () => {
      const a = agent();
      if (a === null || typeof a !== 'object') return stringify({ object: false, run: 'undefined' });
      return stringify({ object: true, id: a.id, produces: a.produces, needs: a.needs,
        description: a.description, run: typeof a.run });
    },
    run: (input) => agent().run(deepFreeze(parse(input))),
    out,
  };
  Object.defineProperty(globalThis, '__studio', { value: freeze(helpers), enumerable: false });
})();`;

class JobFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

interface VmError {
  name?: string;
  message?: string;
}

function classify(error: unknown, phase: FailureKind): JobFailure {
  const e = (error ?? {}) as VmError;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const name = typeof e.name === 'string' ? e.name : 'Error';
  if (name === 'InternalError' && message === 'interrupted') return new JobFailure('timeout', message);
  if (/^(out of memory|stack overflow|string too long|invalid array length)$/.test(message))
    return new JobFailure('resource', message);
  return new JobFailure(phase, `${name}: ${message}`);
}

function unwrap(ctx: QuickJSContext, result: ReturnType<QuickJSContext['evalCode']>, phase: FailureKind) {
  if (result.error) {
    const dumped: unknown = ctx.dump(result.error);
    result.error.dispose();
    throw classify(dumped, phase);
  }
  return result.value;
}

/** Drain the job queue and return the settled value of `promise` (a hang is a timeout: with no timers
 *  and no I/O inside, a promise still pending once the queue is empty can never settle). */
function settle(ctx: QuickJSContext, handle: QuickJSHandle, phase: FailureKind): QuickJSHandle {
  const state = ctx.getPromiseState(handle);
  if (state.type === 'fulfilled' && state.notAPromise) return handle;
  for (;;) {
    const s = ctx.getPromiseState(handle);
    if (s.type === 'fulfilled') {
      handle.dispose();
      return s.value;
    }
    if (s.type === 'rejected') {
      const dumped: unknown = ctx.dump(s.error);
      s.error.dispose();
      handle.dispose();
      throw classify(dumped, phase);
    }
    const ran = ctx.runtime.executePendingJobs();
    if (ran.error) {
      const dumped: unknown = ctx.dump(ran.error);
      ran.error.dispose();
      throw classify(dumped, phase);
    }
    if (ran.value === 0 && ctx.getPromiseState(handle).type === 'pending') {
      handle.dispose();
      throw new JobFailure('timeout', 'it waits on a promise that can never settle (no timers or I/O exist)');
    }
  }
}

/** Run one job in a fresh runtime; everything the agent built is freed with it. */
export function runJob(qjs: QuickJSWASMModule, job: SandboxJob): SandboxReply {
  const runtime = qjs.newRuntime();
  try {
    runtime.setMemoryLimit(job.limits.memoryBytes);
    runtime.setMaxStackSize(MAX_STACK_BYTES);
    const deadline = Date.now() + job.limits.cpuMs;
    runtime.setInterruptHandler(() => Date.now() > deadline);
    const resolver = new AgentModuleResolver(job.packageRoot);
    // A refusal in the normalizer does not reach the agent as an error, so it is carried in the
    // module name and raised by the loader.
    const REFUSED = 'refused:';
    runtime.setModuleLoader(
      (name) => {
        try {
          if (name.startsWith(REFUSED)) throw new ModuleRefused(name.slice(REFUSED.length));
          return resolver.load(name);
        } catch (error) {
          return { error: error instanceof Error ? error : new Error(String(error)) };
        }
      },
      (base, requested) => {
        try {
          return resolver.normalize(base, requested);
        } catch (error) {
          return `${REFUSED}${(error as Error).message}`;
        }
      },
    );
    const ctx = runtime.newContext();
    try {
      const epoch = ctx.newNumber(job.epochMs);
      ctx.setProp(ctx.global, '__studio_epoch', epoch);
      epoch.dispose();
      unwrap(ctx, ctx.evalCode(PRELUDE, 'studio:prelude.js', { type: 'global' }), 'failed').dispose();
      const main = AgentModuleResolver.packageModule('__studio_main__.js');
      const entry = `./${job.module.replace(/^\.?\/+/, '')}`;
      const loader = `import agent from ${JSON.stringify(entry)};\nglobalThis.__studio_agent = agent;\n`;
      const mod = unwrap(ctx, ctx.evalCode(loader, main, { type: 'module' }), 'load');
      settle(ctx, mod, 'load').dispose();
      if (job.kind === 'describe') {
        const text = unwrap(ctx, ctx.evalCode('__studio.describe()', 'studio:describe.js'), 'load');
        const json = ctx.getString(text);
        text.dispose();
        return { ok: true, json };
      }
      const input = ctx.newString(job.input);
      ctx.setProp(ctx.global, '__studio_input', input);
      input.dispose();
      const call = unwrap(
        ctx,
        ctx.evalCode(
          '(() => { const i = globalThis.__studio_input; delete globalThis.__studio_input; return __studio.run(i); })()',
          'studio:run.js',
        ),
        'failed',
      );
      const value = settle(ctx, call, 'failed');
      ctx.setProp(ctx.global, '__studio_result', value);
      value.dispose();
      const text = unwrap(
        ctx,
        ctx.evalCode(`__studio.out(globalThis.__studio_result, ${job.limits.outputChars})`, 'studio:out.js'),
        'output',
      );
      const json = ctx.getString(text);
      text.dispose();
      return { ok: true, json };
    } finally {
      ctx.dispose();
    }
  } catch (error) {
    if (error instanceof JobFailure) return { ok: false, kind: error.kind, message: error.message };
    if (error instanceof ModuleRefused) return { ok: false, kind: 'load', message: error.message };
    // The wasm stack itself ran out (deep native recursion): the module may be unusable, the worker
    // is replaced by the host after this reply.
    if (error instanceof RangeError) return { ok: false, kind: 'resource', message: error.message };
    throw error;
  } finally {
    try {
      runtime.dispose();
    } catch {
      // A runtime that hit a hard limit may refuse to free cleanly; the worker is replaced anyway.
    }
  }
}
