import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { JsonSyntaxError, MAX_DEPTH, parseJsonWithPositions } from '../inputs/json-positions.js';
import { lineIndex } from '../inputs/line-index.js';

/** The one strict JSON reader for files plugins and registries hand us (manifests, indexes,
 *  package.json): RFC 8259 only, duplicate keys refused (JSON.parse silently keeps the last one),
 *  problems reported as INPUT_PARSE with line:column. */
export function parseJsonStrict(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  const fast = parseNative(body);
  if (fast.ok) return fast.value;
  try {
    return parseJsonWithPositions(body).value;
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const at = lineIndex(body)(error.offset);
    if (error.duplicateKey !== undefined) {
      throw new StudioError(
        ErrorCodes.INPUT_PARSE,
        `${file} has the key "${error.duplicateKey}" twice in one object`,
        { file, ...at, hint: 'Remove one of the duplicate keys: JSON readers disagree on which one wins.' },
      );
    }
    throw new StudioError(ErrorCodes.INPUT_PARSE, `${file} is not valid JSON: ${error.message}`, {
      file,
      ...at,
      hint: 'Fix the JSON syntax at the position shown.',
    });
  }
}

// Every string of a JSON text, with the ":" that makes it a key. Outside strings valid JSON holds no
// '"', so a scan from the start meets only opening quotes and stays aligned with the strings.
const STRING = /"(?:[^"\\]|\\.)*"(\s*:)?/g;

/** The value through the native JSON.parse when the text is accepted by it with no repeated key and no
 *  nesting deeper than the positional parser allows: then both parsers give the same value (JSON.parse
 *  too keeps "__proto__" as a key). Otherwise not ok, and the positional parser says exactly what is
 *  wrong and where. The positional parser is written in JavaScript that runs once per process: for the
 *  ~16 KB of JSON a warm `generate` reads (pack manifests, catalogs, the previous artifact index) it
 *  cost ~2-6 ms, this ~0.4 ms. */
function parseNative(body: string): { ok: true; value: unknown } | { ok: false } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false };
  }
  let keysInText = 0;
  for (const m of body.matchAll(STRING)) if (m[1] !== undefined) keysInText += 1;
  let keys = 0;
  let tooDeep = false;
  const walk = (v: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) tooDeep = true;
    if (tooDeep || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) for (const item of v) walk(item, depth + 1);
    else {
      const own = Object.keys(v);
      keys += own.length;
      for (const k of own) walk((v as Record<string, unknown>)[k], depth + 1);
    }
  };
  walk(value, 0);
  // A repeated key leaves fewer keys in the value than in the text (JSON.parse keeps the last one).
  return !tooDeep && keys === keysInText ? { ok: true, value } : { ok: false };
}
