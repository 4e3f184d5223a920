// Filters that serialize values rather than escape prose: YAML scalars, canonical JSON, zero padding.
import { canonicalJson } from '../util/canonical-json.js';
import { toText } from './escape-markdown.js';
import { unwrapStrict } from './strict-context.js';

// Characters JSON.stringify leaves raw that YAML forbids or treats as line breaks: DEL and C1 controls
// (not printable in YAML), U+2028/U+2029 (line breaks in YAML 1.1 readers), U+FEFF, U+FFFE, U+FFFF.
const YAML_UNSAFE = /[\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]/g;

/** A YAML double-quoted scalar holding the text exactly (JSON escapes are valid YAML escapes). */
export function yamlString(value: unknown): string {
  return JSON.stringify(toText(value, 'yaml_str')).replace(
    YAML_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Canonical JSON of a value (keys sorted by code point), without a trailing newline. `indent` 0 gives
 *  one line; the default is canonicalJson's two spaces. */
export function jsonValue(value: unknown, indent?: unknown): string {
  if (value === undefined) throw new TypeError('filter "json" got an undefined value');
  const text = canonicalJson(unwrapStrict(value)).replace(/\n$/, '');
  if (indent === undefined || indent === 2) return text;
  if (typeof indent !== 'number' || !Number.isInteger(indent) || indent < 0 || indent > 10) {
    throw new TypeError('filter "json" takes an indent from 0 to 10');
  }
  // Re-indenting parsed canonical text keeps its key order.
  return JSON.stringify(JSON.parse(text), null, indent === 0 ? undefined : indent);
}

/** Zero-pad an integer to `width` digits: `7 | pad(4)` → "0007", `-7 | pad(3)` → "-007". */
export function pad(value: unknown, width: unknown): string {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n))
    throw new TypeError('filter "pad" expects an integer');
  if (typeof width !== 'number' || !Number.isInteger(width) || width < 1 || width > 32) {
    throw new TypeError('filter "pad" takes a width from 1 to 32');
  }
  const digits = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${digits}` : digits;
}
