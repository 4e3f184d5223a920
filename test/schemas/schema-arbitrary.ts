// fast-check arbitraries derived from a JSON Schema (the subset the Idea Card and Decision Sheet use:
// type, enum, const, properties/required, items, min/maxItems, min/maxLength, pattern, exclusiveMinimum,
// maximum, $ref into $defs, if/then/else, allOf). New properties added to the schemas are covered without
// touching this file. Lists are capped (maxItems) to keep one case fast; values are adversarial text.
import fc from 'fast-check';

type Schema = Record<string, unknown> & {
  type?: string | string[];
  $ref?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  if?: Schema;
  then?: Schema;
  else?: Schema;
  allOf?: Schema[];
};

/** Text a template could misread: Markdown, HTML, Mermaid, YAML, JSON and template syntax, whitespace,
 *  Unicode (including unpaired surrogates, which `validate` must refuse). */
const PIECES = [
  '#',
  ' #',
  '##',
  'C#',
  '|',
  '\\',
  '`',
  '```',
  '*',
  '_',
  '[x](y)',
  '<b>',
  '</script>',
  '&amp;',
  '{{ x }}',
  '{% if %}',
  '-->',
  ';',
  ':',
  '"',
  "'",
  '%%',
  'end',
  'graph TD',
  '\n',
  '\r\n',
  '\t',
  '  ',
  '- ',
  '1. ',
  '> ',
  '---',
  '===',
  'http://x.y',
  'www.x.y',
  'a@b.c',
  '${{ secrets.X }}',
  'é',
  '日本',
  '🚀',
  '\u200b',
  '\u2028',
  '\u0085',
  '\u0007',
  'word',
  'Feature',
  ' ',
  '0',
  '-1',
  'null',
  'true',
  '~',
  '/',
  '..',
];

const pieces = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }).map((p) => p.join(''));

// Unpaired surrogates are rare (one string in a few hundred): a document holding one is refused, and
// every document holds dozens of strings.
export const nastyText = fc.oneof(
  { weight: 300, arbitrary: pieces },
  { weight: 100, arbitrary: fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }) },
  { weight: 100, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(pieces, fc.constantFrom('\ud800', '\udfff')).map(([a, b]) => a + b) },
);

export interface SchemaArbitraryOptions {
  /** Cap on list lengths, whatever the schema allows. */
  maxItems: number;
}

export function schemaArbitrary(root: Schema, opts: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  const defs = (root.$defs ?? {}) as Record<string, Schema>;
  const resolve = (s: Schema): Schema => {
    if (!s.$ref) return s;
    const name = s.$ref.replace('#/$defs/', '');
    const { $ref: _ref, ...rest } = s;
    return { ...resolve(defs[name]!), ...rest };
  };

  const stringArb = (s: Schema): fc.Arbitrary<string> => {
    const min = (s.minLength as number | undefined) ?? 0;
    const max = (s.maxLength as number | undefined) ?? 5000;
    const pattern = s.pattern as string | undefined;
    // A date field mostly gets a real date (else every document holding one is refused and proves
    // nothing about rendering), sometimes any text (which validate must refuse).
    if (s.format === 'date') {
      const date = fc
        .date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2999-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
      return fc.oneof({ weight: 9, arbitrary: date }, { weight: 1, arbitrary: nastyText });
    }
    let arb: fc.Arbitrary<string> =
      pattern && pattern !== '\\S' ? fc.stringMatching(new RegExp(pattern)) : nastyText;
    if (pattern === '\\S')
      arb = fc.tuple(nastyText, fc.constantFrom('a', 'Ω', '#', '|')).map(([t, c]) => t + c);
    return arb.filter((t) => t.length >= min && t.length <= max);
  };

  const arb = (input: Schema, depth: number): fc.Arbitrary<unknown> => {
    const s = resolve(input);
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    if (s.if && s.then && s.else) {
      // acceptance: an object ({text, id?}) or a text.
      return fc.oneof(arb(merge(s, s.then), depth), arb(merge(s, s.else), depth));
    }
    const types = s.type === undefined ? ['object'] : Array.isArray(s.type) ? s.type : [s.type];
    return fc.oneof(...types.map((t) => typed(s, t, depth)));
  };

  const merge = (base: Schema, extra: Schema): Schema => {
    const { if: _if, then: _then, else: _else, ...rest } = base;
    const r = resolve(extra);
    return {
      ...rest,
      ...r,
      properties: Object.fromEntries(
        [...new Set([...Object.keys(rest.properties ?? {}), ...Object.keys(r.properties ?? {})])].map((k) => [
          k,
          { ...resolve(rest.properties?.[k] ?? {}), ...(r.properties?.[k] ?? {}) },
        ]),
      ),
      required: [...(rest.required ?? []), ...(r.required ?? [])],
    };
  };

  const typed = (s: Schema, type: string, depth: number): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'string':
        return stringArb(s);
      case 'number':
      case 'integer': {
        const max = (s.maximum as number | undefined) ?? 1e6;
        const excl = s.exclusiveMinimum as number | undefined;
        const base =
          type === 'integer'
            ? fc.integer({ min: 0, max: Math.floor(max) })
            : fc.double({ min: 0, max, noNaN: true });
        return excl === undefined ? base : base.filter((n) => n > excl);
      }
      case 'array': {
        const max = Math.min((s.maxItems as number | undefined) ?? opts.maxItems, opts.maxItems);
        const min = Math.min((s.minItems as number | undefined) ?? 0, max);
        return fc.array(arb(s.items ?? {}, depth + 1), { minLength: min, maxLength: max });
      }
      default: {
        // Enum fields need values: the schema says so with if/then on the object.
        const props = s.properties ?? {};
        const required = new Set(s.required ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, value] of Object.entries(props)) {
          if (key === '$schema') continue;
          record[key] = arb(value, depth + 1);
        }
        const base = fc.record(record, {
          requiredKeys: Object.keys(record).filter((k) => required.has(k)),
        });
        if (s.if && s.then) {
          const withThen = merge({ ...s, if: undefined, else: undefined } as Schema, s.then);
          return fc.oneof(base, typed({ ...withThen, if: undefined, then: undefined }, 'object', depth));
        }
        return base;
      }
    }
  };
  return arb(root, 0);
}
