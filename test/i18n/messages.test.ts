// messages.ts parses and formats without an IntlMessageFormat object per message; intl-messageformat
// itself is the oracle: the same AST and the same text for every message the shipped catalogs hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { formatMessage, literalText, messageShape, parseMessage } from '../../src/i18n/messages.js';

const root = join(import.meta.dirname, '..', '..');
const catalogs: [string, string][] = [
  ['packs/balanced/catalogs/en-US.json', 'en-US'],
  ['packs/deep/catalogs/en-US.json', 'en-US'],
  ['packs/locale-fr-ca/catalogs/balanced.json', 'fr-CA'],
  ['packs/locale-fr-ca/catalogs/deep.json', 'fr-CA'],
];
const formatters = {
  getNumberFormat: (l: string | string[], o?: object) => new Intl.NumberFormat(l, o),
  getDateTimeFormat: (l: string | string[], o?: object) =>
    new Intl.DateTimeFormat(l, { ...o, timeZone: 'UTC' }),
  getPluralRules: (l: string | string[], o?: object) => new Intl.PluralRules(l, o as Intl.PluralRulesOptions),
};
const oracle = (text: string, locale: string) =>
  new IntlMessageFormat(text, locale, undefined, { formatters, ignoreTag: true });

/** Arguments for a message: `n` for numbers and plurals, the first arm of a select. */
function argsFor(ast: ReturnType<typeof parseMessage>, n: number): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, kind] of messageShape(ast).args) {
    out[name] = kind === 'number' || kind === 'plural' ? n : kind === 'select' ? 'other' : `<${name}>`;
  }
  return out;
}

describe('messages', () => {
  it.each(catalogs)('%s: the same AST and text as IntlMessageFormat', (file, locale) => {
    const messages = JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string>;
    let withArgs = 0;
    for (const text of Object.values(messages)) {
      const ast = parseMessage(text, locale);
      const reference = oracle(text, locale);
      expect(ast).toEqual(reference.getAst());
      if (literalText(ast) === null) withArgs += 1;
      for (const n of [0, 1, 2, 1234.5]) {
        const args = argsFor(ast, n);
        expect(formatMessage(ast, text, locale, args)).toBe(String(reference.format(args)));
      }
    }
    // The catalogs exercise both paths.
    expect(withArgs).toBeGreaterThan(50);
    expect(withArgs).toBeLessThan(Object.keys(messages).length);
  });

  it('formats numbers, plurals, selects and dates like intl-messageformat, dates in UTC', () => {
    const cases: [string, string, Record<string, string | number>][] = [
      ['{n, number} items, {p, number, percent}', 'en-US', { n: 12345.678, p: 0.25 }],
      ['{n, plural, =0 {none} one {# item} other {# items}}', 'en-US', { n: 1 }],
      ['{n, plural, one {# élément} other {# éléments}}', 'fr-CA', { n: 1234 }],
      ['{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}', 'en-US', { n: 23 }],
      ['{k, select, a {Alpha} other {Other {k}}}', 'en-US', { k: 'z' }],
      ['{d, date, medium} {d, time, short} {d, date, ::yyyyMMMdjm}', 'en-US', { d: 86_400_000 * 365.5 }],
      ["It's '{'quoted'}' {x}", 'en-US', { x: 'and more' }],
    ];
    for (const [text, locale, args] of cases) {
      expect(formatMessage(parseMessage(text, locale), text, locale, args)).toBe(
        String(oracle(text, locale).format(args)),
      );
    }
    expect(formatMessage(parseMessage('{d, time, short}', 'en-US'), '', 'en-US', { d: 0 })).toBe('12:00 AM');
  });

  it('a message without arguments is its literal text, whatever the arguments', () => {
    const ast = parseMessage("Plain '{'text'}'", 'en-US');
    expect(literalText(ast)).toBe('Plain {text}');
    expect(formatMessage(ast, '', 'en-US', { unused: 1 })).toBe('Plain {text}');
    expect(literalText(parseMessage('', 'en-US'))).toBe('');
    expect(literalText(parseMessage('Hi {name}', 'en-US'))).toBeNull();
  });

  it('a missing argument fails as in intl-messageformat', () => {
    const text = 'Hello {name}';
    expect(() => formatMessage(parseMessage(text, 'en-US'), text, 'en-US', {})).toThrow(
      /"name" was not provided to the string "Hello \{name\}"/,
    );
  });
});
