// Strict views of template data. Nunjucks' throwOnUndefined only fires when an undefined value is
// *printed*; `{{ x | upper }}`, `{% if x %}`, `{% for a in x %}` and `{{ a.missing }}` pass silently.
// Here every plain object and array a template can reach is wrapped in a read-only Proxy whose `get`
// throws UndefinedNameError for a string key that is neither an own nor an inherited property, and the
// environment's globals are wrapped so that a top-level name missing from the context throws too.

/** Thrown when a template reads a name or attribute that is not there. `name` is the data path, e.g.
 *  "spec.featurs" or "spec.features[0].nme". */
export class UndefinedNameError extends Error {
  constructor(readonly missing: string) {
    super(`"${missing}" is not defined`);
    this.name = 'UndefinedNameError';
  }
}

// Keys that JavaScript machinery (promise resolution, JSON.stringify, test-runner pretty printers)
// probes on any object it meets. Answering `undefined` keeps that machinery working; templates gain
// nothing from these names.
const PROBED_KEYS = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'inspect']);

/** proxy → the object it wraps, so filters can hand real data to serializers. */
const targets = new WeakMap<object, object>();

function isWrappable(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  // Only plain data: class instances (Dates, nunjucks SafeStrings, Maps) keep their own behaviour.
  return proto === Object.prototype || proto === null;
}

function childPath(path: string, key: string, isArray: boolean): string {
  if (isArray && /^\d+$/.test(key)) return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Wraps values of one render. One proxy per object (per render), so `a == b` still compares identity. */
export class StrictScope {
  private readonly proxies = new WeakMap<object, object>();

  wrap<T>(value: T, path: string): T {
    if (!isWrappable(value)) return value;
    const existing = this.proxies.get(value);
    if (existing) return existing as T;
    const proxy = this.makeProxy(value, path);
    this.proxies.set(value, proxy);
    targets.set(proxy, value);
    return proxy as T;
  }

  private makeProxy(real: object, path: string): object {
    const isArray = Array.isArray(real);
    // The proxy target is a fresh shadow, not `real`: real data is often deeply frozen, and Proxy
    // invariants forbid returning a wrapped child for a frozen property of the target itself.
    const shadow: object = isArray ? [] : Object.create(Object.getPrototypeOf(real) as object | null);
    const handler: ProxyHandler<object> = {
      get: (_t, key) => {
        if (typeof key === 'symbol') return Reflect.get(real, key);
        if (key in real) {
          const child: unknown = Reflect.get(real, key);
          // The path is only needed for a new view: most reads are of text and numbers, or of objects
          // already wrapped (a loop reads the same ones again).
          if (!isWrappable(child)) return child;
          return this.proxies.get(child) ?? this.wrap(child, childPath(path, key, isArray));
        }
        if (PROBED_KEYS.has(key)) return undefined;
        throw new UndefinedNameError(childPath(path, key, isArray));
      },
      has: (_t, key) => key in real,
      ownKeys: () => Reflect.ownKeys(real),
      getOwnPropertyDescriptor: (_t, key) => {
        const desc = Reflect.getOwnPropertyDescriptor(real, key);
        if (!desc) return undefined;
        // An array's `length` exists on the shadow too, non-configurable and writable; report it that way.
        if (isArray && key === 'length') return { ...desc, writable: true, configurable: false };
        return { ...desc, configurable: true };
      },
      getPrototypeOf: () => Object.getPrototypeOf(real) as object | null,
      set: () => false,
      defineProperty: () => false,
      deleteProperty: () => false,
      setPrototypeOf: () => false,
      preventExtensions: () => false,
    };
    return new Proxy(shadow, handler);
  }
}

/** The object behind a strict view (or the value itself). */
export function unwrapStrict<T>(value: T): T {
  if (value !== null && typeof value === 'object') return (targets.get(value) as T | undefined) ?? value;
  return value;
}

/** Wrap nunjucks' globals so that a name found neither in the context nor in the globals throws.
 *  Nunjucks resolves a top-level name as `name in globals && !(name in ctx) ? globals[name] : ctx[name]`
 *  (Context.lookup), so answering `true` to every `in` check routes every name missing from the context
 *  to the `get` trap below. */
export function strictGlobals(globals: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(globals, {
    has: (target, key) => typeof key === 'string' || key in target,
    get: (target, key) => {
      if (typeof key === 'symbol' || Object.hasOwn(target, key)) return Reflect.get(target, key);
      throw new UndefinedNameError(key);
    },
  });
}
