// Helpers the build puts into studio's bundle of @oclif/core (scripts/build.mjs): they make a few of
// oclif's module-level requires load on first use, and its command sort skip ICU. Nothing else in
// studio imports this file; it is a module of its own so that it is type-checked and tested.

/** A stand-in for `require(id)` whose module loads the first time a property is read from it.
 *  Only for a binding that its module uses solely as `binding.name` (scripts/build.mjs checks every
 *  use before it swaps a require for this). */
export function lazyModule<T extends object>(load: () => T): T {
  let loaded: T | undefined;
  const get = (): T => (loaded ??= load());
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(get(), key),
    has: (_target, key) => Reflect.has(get(), key),
  });
}

/** Characters of a command id in the order ICU's root collation gives them (punctuation, digits,
 *  then letters): for strings of these only, comparing rank by rank is what `localeCompare` answers
 *  under an English or root locale. */
const ORDER = '_-:.0123456789abcdefghijklmnopqrstuvwxyz';

/** `a.localeCompare(b)` for oclif's sort of a plugin's commands by id. The first localeCompare of a
 *  process initialises ICU's collator, ~5 ms of every start, for ids that are almost always lowercase
 *  ASCII; those are compared here without it. Any other id goes to localeCompare as before. */
export function compareCommandIds(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = ORDER.indexOf(a[i]!);
    const y = ORDER.indexOf(b[i]!);
    if (x === -1 || y === -1) return a.localeCompare(b);
    if (x !== y) return x < y ? -1 : 1;
  }
  for (const rest of [a.slice(n), b.slice(n)])
    for (const c of rest) if (!ORDER.includes(c)) return a.localeCompare(b);
  return Math.sign(a.length - b.length);
}

/** oclif's debug logger for one namespace, made by `create` (the debug library) on the first call while
 *  DEBUG names something. Without DEBUG no debug logger prints anything, and every start then skips
 *  loading the library and its terminal and colour detection (~3 ms). */
export function debugWhenEnabled(
  create: () => (...args: unknown[]) => void,
  env: NodeJS.ProcessEnv = process.env,
): (...args: unknown[]) => void {
  let logger: ((...args: unknown[]) => void) | undefined;
  return (...args) => {
    if (logger === undefined && !env.DEBUG) return;
    (logger ??= create())(...args);
  };
}
