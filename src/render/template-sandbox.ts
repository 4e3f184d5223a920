// The template sandbox (anchors: Jinja2's SandboxedEnvironment, Shopify Liquid). Nunjucks' own
// runtime lets `{{ x.constructor.constructor("…")() }}` reach the Function constructor from any value
// (strings, numbers, arrays, `range`, `cycler`, `joiner`, macros, filter results). Here:
// - member lookup reaches only own data properties of plain objects and arrays, plus string/array
//   `length` and indexes; `constructor`, `__proto__` and `prototype` are refused at compile time when
//   written literally and at run time when computed;
// - no function value is reachable and only template macros (and `caller`) and the safe `range` can
//   be called; `cycler` and `joiner` are removed;
// - built-in filters are an explicit allow-list, and those that take an attribute name refuse the
//   forbidden names.
// Violations throw TemplateUnsafeError, which the renderer reports as E_TEMPLATE_UNSAFE with pack,
// template and line.
import nunjucks from 'nunjucks';
import { unwrapStrict } from './strict-context.js';

/** Names no template may read. */
export const FORBIDDEN_MEMBERS: ReadonlySet<string> = new Set(['constructor', '__proto__', 'prototype']);
/** nunjucks globals that are removed rather than replaced. */
const REMOVED_GLOBALS: ReadonlySet<string> = new Set(['cycler', 'joiner']);
/** Most items `range()` may produce: a template cannot allocate without bound through it. */
export const RANGE_MAX_ITEMS = 100_000;

/** nunjucks' built-in filters that templates may use. `random` is missing on purpose (it would break
 *  byte-stable output), as are `urlize` and the others that build markup from data. */
export const BUILTIN_FILTER_ALLOW_LIST: readonly string[] = [
  'abs',
  'batch',
  'capitalize',
  'center',
  'd',
  'default',
  'dictsort',
  'dump',
  'e',
  'escape',
  'first',
  'float',
  'forceescape',
  'groupby',
  'indent',
  'int',
  'join',
  'last',
  'length',
  'list',
  'lower',
  'nl2br',
  'reject',
  'rejectattr',
  'replace',
  'reverse',
  'round',
  'safe',
  'select',
  'selectattr',
  'slice',
  'sort',
  'string',
  'striptags',
  'sum',
  'title',
  'trim',
  'truncate',
  'upper',
  'urlencode',
  'wordcount',
];
/** Built-in filters that read an attribute named by an argument. */
const ATTRIBUTE_FILTERS: ReadonlySet<string> = new Set([
  'groupby',
  'join',
  'rejectattr',
  'selectattr',
  'sort',
  'sum',
]);

/** A template tried to reach something outside its data. */
export class TemplateUnsafeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateUnsafeError';
  }
}

/** Functions a template may call: template macros (made by nunjucks at render time) and safe globals. */
const callables = new WeakSet<object>();

function markCallable<T extends object>(fn: T): T {
  callables.add(fn);
  return fn;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function isIndex(key: string, length: number): boolean {
  return /^(0|[1-9]\d*)$/.test(key) && Number(key) < length;
}

function checkValue(value: unknown, what: string): unknown {
  if (typeof value === 'function' && !callables.has(value)) {
    throw new TemplateUnsafeError(`${what} is a function, which templates cannot reach`);
  }
  return value;
}

/** The sandbox's member lookup (`a.b`, `a[b]`). */
export function safeMemberLookup(obj: unknown, val: unknown): unknown {
  if (obj === undefined || obj === null) return undefined;
  const key = typeof val === 'number' && Number.isInteger(val) ? String(val) : val;
  if (typeof key !== 'string') {
    throw new TemplateUnsafeError(`member ${String(val)} of ${describeValue(obj)} is not a name or index`);
  }
  if (FORBIDDEN_MEMBERS.has(key)) throw new TemplateUnsafeError(`"${key}" is not reachable from templates`);
  const safeString = obj instanceof nunjucks.runtime.SafeString;
  if (typeof obj === 'string' || safeString) {
    const text = String(obj);
    if (key === 'length') return text.length;
    if (isIndex(key, text.length)) return text[Number(key)];
    if (key in String.prototype || (safeString && key in obj)) {
      throw new TemplateUnsafeError(`"${key}" of a string is not reachable (only length and indexes are)`);
    }
    return undefined;
  }
  if (typeof obj !== 'object') {
    if (key in Object(obj)) {
      throw new TemplateUnsafeError(`"${key}" of ${describeValue(obj)} is not reachable`);
    }
    return undefined;
  }
  const real = unwrapStrict(obj);
  if (Array.isArray(real)) {
    if (key === 'length' || isIndex(key, real.length)) {
      return checkValue((obj as Record<string, unknown>)[key], `item ${key}`);
    }
    if (key in real)
      throw new TemplateUnsafeError(`"${key}" of a list is not reachable (only length and indexes are)`);
    return (obj as Record<string, unknown>)[key];
  }
  const proto: unknown = Object.getPrototypeOf(real);
  if (proto !== Object.prototype && proto !== null) {
    throw new TemplateUnsafeError(`"${key}" of ${describeValue(real)} is not reachable (only plain data is)`);
  }
  const desc = Object.getOwnPropertyDescriptor(real, key);
  if (desc !== undefined) {
    if (!('value' in desc)) throw new TemplateUnsafeError(`"${key}" is a getter, which templates cannot run`);
    return checkValue((obj as Record<string, unknown>)[key], `"${key}"`);
  }
  if (key in real) throw new TemplateUnsafeError(`"${key}" is inherited, not data, and is not reachable`);
  // Missing: the strict view throws the undefined-name error; plain objects give undefined.
  return (obj as Record<string, unknown>)[key];
}

interface FrameLike {
  lookup(name: string): unknown;
}
interface ContextLike {
  lookup(name: string): unknown;
  ctx: Record<string, unknown>;
}

/** The sandbox's top-level name lookup. */
export function safeContextOrFrameLookup(context: ContextLike, frame: FrameLike, name: string): unknown {
  if (FORBIDDEN_MEMBERS.has(name)) throw new TemplateUnsafeError(`"${name}" is not reachable from templates`);
  const local = frame.lookup(name);
  if (local !== undefined) return checkValue(local, `"${name}"`);
  if (REMOVED_GLOBALS.has(name) && !Object.hasOwn(context.ctx, name)) {
    throw new TemplateUnsafeError(`"${name}" is not available in the template sandbox`);
  }
  return checkValue(context.lookup(name), `"${name}"`);
}

/** The sandbox's call: only macros, `caller` and the safe globals. */
export function safeCallWrap(obj: unknown, name: string, context: unknown, args: unknown[]): unknown {
  if (!obj) throw new Error(`Unable to call \`${name}\`, which is undefined or falsey`);
  if (typeof obj !== 'function' || !callables.has(obj)) {
    throw new TemplateUnsafeError(`\`${name}\` is not a macro and cannot be called`);
  }
  return (obj as (...a: unknown[]) => unknown).apply(context, args);
}

/** `a in b`: items of lists, substrings of strings, own keys of plain objects. */
export function safeInOperator(key: unknown, val: unknown): boolean {
  const real = unwrapStrict(val);
  if (Array.isArray(real)) return real.includes(unwrapStrict(key));
  if (typeof real === 'string') return real.includes(String(key));
  if (real !== null && typeof real === 'object') return Object.hasOwn(real, String(key));
  throw new Error(`Cannot use "in" operator to search for "${String(key)}" in unexpected types.`);
}

/** `range` as nunjucks defines it, with a cap on the number of items. */
export const safeRange = markCallable(function range(start: number, stop?: number, step = 1): number[] {
  let from = start;
  let to = stop;
  if (to === undefined) {
    to = from;
    from = 0;
  }
  if (![from, to, step].every((n) => typeof n === 'number' && Number.isFinite(n)) || step === 0) {
    throw new TemplateUnsafeError('range() takes finite numbers and a non-zero step');
  }
  const count = Math.max(0, Math.ceil((to - from) / step));
  if (count > RANGE_MAX_ITEMS) {
    throw new TemplateUnsafeError(`range() would make ${count} items, more than ${RANGE_MAX_ITEMS}`);
  }
  return Array.from({ length: count }, (_, i) => from + i * step);
});

let installed = false;

/** Route nunjucks' runtime helpers (shared by every compiled template) through the sandbox. Studio is
 *  nunjucks' only user in the process, so the helpers are replaced once, for all environments. */
export function installTemplateSandbox(): void {
  if (installed) return;
  installed = true;
  const runtime = nunjucks.runtime as unknown as Record<string, unknown>;
  const makeMacro = runtime.makeMacro as (...a: unknown[]) => object;
  runtime.makeMacro = (...a: unknown[]) => markCallable(makeMacro(...a));
  runtime.memberLookup = safeMemberLookup;
  runtime.contextOrFrameLookup = safeContextOrFrameLookup;
  runtime.callWrap = safeCallWrap;
  runtime.inOperator = safeInOperator;
}

function checkAttributeArgs(filter: string, args: unknown[]): void {
  for (const arg of args) {
    const values =
      arg !== null && typeof arg === 'object' ? Object.values(unwrapStrict(arg) as object) : [arg];
    for (const v of values) {
      if (typeof v === 'string' && v.split('.').some((part) => FORBIDDEN_MEMBERS.has(part))) {
        throw new TemplateUnsafeError(`filter "${filter}" may not read "${v}"`);
      }
    }
  }
}

interface FilterEnv {
  filters: Record<string, (...a: unknown[]) => unknown>;
  globals: Record<string, unknown>;
}

/** Restrict one environment: built-in filters to the allow-list (attribute names checked), globals to
 *  the safe `range`. Call before registering studio's own filters. */
export function sandboxEnvironment(env: nunjucks.Environment): void {
  installTemplateSandbox();
  const e = env as unknown as FilterEnv;
  const allowed = new Set(BUILTIN_FILTER_ALLOW_LIST);
  for (const name of Object.keys(e.filters)) {
    if (!allowed.has(name)) {
      delete e.filters[name];
      continue;
    }
    if (ATTRIBUTE_FILTERS.has(name)) {
      const base = e.filters[name]!;
      e.filters[name] = function (this: unknown, ...args: unknown[]) {
        checkAttributeArgs(name, args.slice(1));
        return base.apply(this, args);
      };
    }
  }
  for (const name of Object.keys(e.globals)) delete e.globals[name];
  e.globals.range = safeRange;
}
