// Numeric settings from the environment (budgets, output limits, the cache size): a positive number
// overrides the default; anything else (unset, empty, zero, negative, not a number) keeps it.

/** `value` as a positive number (a positive integer when `integer`), else `fallback`. */
export function positiveFromEnv(value: string | undefined, fallback: number, integer = false): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  const ok = integer ? Number.isInteger(n) : Number.isFinite(n);
  return ok && n > 0 ? n : fallback;
}
