// A strict JSON (RFC 8259) parser that also records where every value sits, so schema errors can
// name file:line:column. JSON.parse can do neither that nor refuse duplicate keys (it keeps the last
// one silently), and its error positions vary between Node versions.
import { toPointer } from './json-pointer.js';

/** A syntax error at a character offset. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** Set when the text is well-formed but an object repeats this key. */
    readonly duplicateKey?: string,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** Parsed value plus, for every pointer, the offset of its key (object members) or value. */
export interface JsonWithPositions {
  value: unknown;
  positions: Map<string, number>;
}

// Deeper nesting than this is refused instead of risking a stack overflow.
export const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
// Characters that need no escape handling; control characters must be escaped in JSON strings.
// eslint-disable-next-line no-control-regex
const PLAIN_RUN = /[^"\\\u0000-\u001f]+/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

export function parseJsonWithPositions(text: string): JsonWithPositions {
  const positions = new Map<string, number>();
  let i = 0;

  const describe = (at: number): string =>
    at >= text.length ? 'the end of the file' : `${JSON.stringify(text[at])}`;
  const fail = (expected: string, at = i): never => {
    throw new JsonSyntaxError(`expected ${expected} but found ${describe(at)}`, at);
  };
  const skipWhitespace = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i += 1;
      else break;
    }
  };

  const parseString = (): string => {
    // text[i] is the opening quote.
    i += 1;
    let out = '';
    for (;;) {
      PLAIN_RUN.lastIndex = i;
      const run = PLAIN_RUN.exec(text);
      if (run) {
        out += run[0];
        i += run[0].length;
      }
      if (i >= text.length) throw new JsonSyntaxError('unterminated string', i);
      const ch = text[i]!;
      if (ch === '"') {
        i += 1;
        return out;
      }
      if (ch === '\\') {
        const esc = text[i + 1];
        if (esc === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('invalid \\u escape in string', i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (esc !== undefined && ESCAPES[esc] !== undefined) {
          out += ESCAPES[esc];
          i += 2;
        } else {
          throw new JsonSyntaxError('invalid escape in string', i);
        }
        continue;
      }
      throw new JsonSyntaxError('control character in string (escape it, e.g. \\n)', i);
    }
  };

  const parseValue = (path: (string | number)[], depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, i);
    skipWhitespace();
    const ch = text[i];
    if (ch === '{') {
      i += 1;
      const obj: Record<string, unknown> = {};
      const seen = new Set<string>();
      skipWhitespace();
      if (text[i] === '}') {
        i += 1;
        return obj;
      }
      for (;;) {
        skipWhitespace();
        if (text[i] !== '"') fail('a key in double quotes');
        const keyAt = i;
        const key = parseString();
        if (seen.has(key)) throw new JsonSyntaxError(`duplicate key ${JSON.stringify(key)}`, keyAt, key);
        seen.add(key);
        skipWhitespace();
        if (text[i] !== ':') fail('":"');
        i += 1;
        const childPath = [...path, key];
        positions.set(toPointer(childPath), keyAt);
        // defineProperty: a "__proto__" key must stay data, never change the prototype.
        Object.defineProperty(obj, key, {
          value: parseValue(childPath, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        skipWhitespace();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === '}') {
          i += 1;
          return obj;
        }
        fail('"," or "}"');
      }
    }
    if (ch === '[') {
      i += 1;
      const arr: unknown[] = [];
      skipWhitespace();
      if (text[i] === ']') {
        i += 1;
        return arr;
      }
      for (;;) {
        skipWhitespace();
        const childPath = [...path, arr.length];
        positions.set(toPointer(childPath), i);
        arr.push(parseValue(childPath, depth + 1));
        skipWhitespace();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === ']') {
          i += 1;
          return arr;
        }
        fail('"," or "]"');
      }
    }
    if (ch === '"') return parseString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    return fail('a value (object, list, string, number, true, false or null)');
  };

  skipWhitespace();
  positions.set('', i);
  const value = parseValue([], 0);
  skipWhitespace();
  if (i < text.length) fail('the end of the file');
  return { value, positions };
}
