// studio's JSON keys are snake_case; objects that come from oclif (plugin descriptions) are camelCase.

/** `value` with every object key converted from camelCase to snake_case, at every depth. */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(),
      snakeKeys(v),
    ]),
  );
}
