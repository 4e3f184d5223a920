import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StudioError } from '../../src/errors/studio-error.js';
import { MAX_DEPTH, parseJsonWithPositions } from '../../src/inputs/json-positions.js';
import { parseJsonStrict } from '../../src/util/parse-json-strict.js';

function error(text: string): StudioError {
  try {
    parseJsonStrict(text, 'x.json');
  } catch (e) {
    return e as StudioError;
  }
  throw new Error('no error');
}

describe('parseJsonStrict', () => {
  it('parses valid JSON, with or without a BOM', () => {
    expect(parseJsonStrict('{"a":[1,{"b":2}]}', 'x.json')).toEqual({ a: [1, { b: 2 }] });
    expect(parseJsonStrict('\uFEFF{"a":1}', 'x.json')).toEqual({ a: 1 });
  });
  it('refuses duplicate keys with their line', () => {
    const e = error('{\n  "id": "a",\n  "x": {"k": 1},\n  "id": "b"\n}');
    expect(e.code).toBe('E_INPUT_PARSE');
    expect(e.message).toContain('"id" twice');
    expect(e.line).toBe(4);
  });
  it('allows the same key in different objects, and keys that look alike in strings', () => {
    expect(parseJsonStrict('{"a":{"id":1},"b":{"id":2},"c":"\\"id\\": 3"}', 'x.json')).toBeTruthy();
    expect(parseJsonStrict('[{"id":1},{"id":2}]', 'x.json')).toBeTruthy();
  });
  it('reports syntax errors with line and column', () => {
    const e = error('{\n  "a": 1,\n  oops\n}');
    expect(e.code).toBe('E_INPUT_PARSE');
    expect(e.line).toBe(3);
    expect(e.file).toBe('x.json');
  });
});

// parseJsonStrict takes the native JSON.parse when it can prove the result is the positional parser's;
// these pin that the two paths never disagree.
describe('parseJsonStrict: the native path agrees with the positional parser', () => {
  /** What the positional parser makes of `text`: its value, or "refused". */
  const reference = (text: string): unknown => {
    try {
      return { value: parseJsonWithPositions(text).value };
    } catch {
      return 'refused';
    }
  };
  const actual = (text: string): unknown => {
    try {
      return { value: parseJsonStrict(text, 'x.json') };
    } catch {
      return 'refused';
    }
  };

  it('on keys hidden in strings, escapes, __proto__ and keys repeated through escapes', () => {
    for (const text of [
      '{"a":"\\":","b":1}',
      '{"a":"\\\\","b":"x\\"y:","c":{"d":"e"}}',
      '{"k\\"":1,"k":2}',
      '{"__proto__":{"polluted":true}}',
      '{"a":1,"\\u0061":2}',
      '{"a":{"b":1,"b":2}}',
      '[{"x":1},{"x":1,"y":[{"x":1}]}]',
      '{"line\u2028sep":"a\u2029b"}',
      '{"a" :1, "b"\n:\t2}',
      '{"a":1}x',
      '{"a":01}',
      '',
    ]) {
      expect(actual(text), text).toEqual(reference(text));
    }
    expect(Object.keys(parseJsonStrict('{"__proto__":{"polluted":true}}', 'x.json') as object)).toEqual([
      '__proto__',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('at the nesting limit', () => {
    for (let depth = MAX_DEPTH - 1; depth <= MAX_DEPTH + 2; depth += 1) {
      for (const text of ['['.repeat(depth) + ']'.repeat(depth), '['.repeat(depth) + '1' + ']'.repeat(depth)])
        expect(actual(text), `${depth}`).toEqual(reference(text));
    }
  });

  it('on arbitrary JSON, and on the same JSON with a key repeated', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, pick) => {
        const text = JSON.stringify(value, null, pick % 2 === 0 ? undefined : 1);
        expect(actual(text)).toEqual(reference(text));
        // Repeat one key of the text's first object, if there is one.
        const m = /\{\s*("(?:[^"\\]|\\.)*"\s*:)/.exec(text);
        if (m) {
          const dup = `${text.slice(0, m.index + m[0].length)} 0, ${m[1]}${text.slice(m.index + m[0].length)}`;
          expect(actual(dup)).toBe('refused');
          expect(reference(dup)).toBe('refused');
        }
      }),
      { numRuns: 300 },
    );
  });
});
