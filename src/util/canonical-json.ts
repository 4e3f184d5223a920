// Deterministic JSON: keys sorted by code point at every depth, two-space indent, LF, final newline.
// Every JSON file studio writes goes through here. Serialized by hand because JavaScript objects
// always enumerate integer-like keys ("10", "2") first and numerically, whatever order they were set in.

import { compareCodePoints } from '@studio/sdk';

export { compareCodePoints };

function serialize(value: unknown, indent: string): string | undefined {
  if (value === null || typeof value !== 'object') {
    // undefined, functions and symbols have no JSON form (JSON.stringify returns undefined for them).
    return JSON.stringify(value) as string | undefined;
  }
  const toJSON = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof toJSON === 'function') return serialize(toJSON.call(value), indent);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => `${inner}${serialize(v, inner) ?? 'null'}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries: string[] = [];
  for (const key of Object.keys(value).sort(compareCodePoints)) {
    const v = serialize((value as Record<string, unknown>)[key], inner);
    if (v !== undefined) entries.push(`${inner}${JSON.stringify(key)}: ${v}`);
  }
  if (entries.length === 0) return '{}';
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

export function canonicalJson(value: unknown): string {
  return `${serialize(value, '') ?? 'null'}\n`;
}
