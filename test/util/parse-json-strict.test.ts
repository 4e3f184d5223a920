import { describe, expect, it } from 'vitest';
import type { StudioError } from '../../src/errors/studio-error.js';
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
