import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, compareCodePoints } from '../../src/util/canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth, LF, final newline, drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{\n  "a": {\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
  it('is independent of key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });
  it('orders by code point, not locale', () => {
    expect(['b', 'B', 'a', 'É', 'e'].sort(compareCodePoints)).toEqual(['B', 'a', 'b', 'e', 'É']);
  });
});

describe('canonicalJson and odd keys', () => {
  it('keeps a key named __proto__', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
    expect(canonicalJson(value)).toContain('"__proto__"');
  });
});

describe('canonicalJson and integer-like keys', () => {
  it('orders "10" before "2" (code points), unlike JavaScript object order', () => {
    expect(canonicalJson({ 2: 'b', 10: 'a', x: 1 })).toBe('{\n  "10": "a",\n  "2": "b",\n  "x": 1\n}\n');
  });
  it('matches JSON.stringify for values without integer-like keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v) ?? 'null'));
      }),
    );
  });
});
