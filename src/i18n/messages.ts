// ICU MessageFormat through intl-messageformat: parsing, the argument and plural analysis the locale
// gates compare, and deterministic formatting (the same bytes on every machine and time zone).
import { IntlMessageFormat, type Formatters, formatToParts } from 'intl-messageformat';
import { numberFormat } from './plain-number.js';

/** The element kinds of intl-messageformat's AST (its TYPE enum, restated to keep the parser a
 *  transitive dependency). */
const LITERAL = 0;
const ARGUMENT = 1;
const NUMBER = 2;
const DATE = 3;
const TIME = 4;
const SELECT = 5;
const PLURAL = 6;
const TAG = 8;

interface Element {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
  pluralType?: 'cardinal' | 'ordinal';
}

/** How an argument is used in a message: plain text, a number, a date, a select or a plural. */
export type ArgumentKind = 'text' | 'number' | 'date' | 'select' | 'plural';

export interface MessageShape {
  /** Argument name → how the message uses it (the first use wins when used twice). */
  args: Map<string, ArgumentKind>;
  /** Plural categories used by each cardinal plural (selectors like `=0` excluded). */
  plurals: { arg: string; categories: string[] }[];
}

/** A parsed message: intl-messageformat's AST (typed loosely here, see Element). */
export type MessageAst = ReturnType<IntlMessageFormat['getAst']>;

/** One formatter per locale and options: constructing an Intl formatter costs far more than using
 *  one (the first Intl.NumberFormat of a process ~9 ms, later ones ~0.05 ms), and messages reuse a
 *  handful of option sets. */
function memoized<T>(make: (locales: string | string[], opts?: object) => T) {
  const made = new Map<string, T>();
  return (locales: string | string[], opts?: object): T => {
    const key = JSON.stringify([locales, opts ?? null]);
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(locales, opts)));
    return value;
  };
}

/** Formatters whose options are fixed: dates and times always in UTC, so output never depends on the
 *  machine's time zone. */
const formatters: Formatters = {
  // intl-messageformat only calls `.format(value)` on it (src/i18n/plain-number.ts).
  getNumberFormat: memoized(
    (locales, opts) =>
      numberFormat(locales, opts as Intl.NumberFormatOptions) as unknown as Intl.NumberFormat,
  ),
  getDateTimeFormat: memoized(
    (locales, opts) => new Intl.DateTimeFormat(locales, { ...opts, timeZone: 'UTC' }),
  ),
  getPluralRules: memoized((locales, opts) => new Intl.PluralRules(locales, opts)),
};

/** What the parser is given as the locale, per tag. IntlMessageFormat passes
 *  `IntlMessageFormat.resolveLocale(tag)`, which for one tag is `new Intl.Locale` of that tag
 *  canonicalized, the same as `new Intl.Locale(tag)`; but resolveLocale asks
 *  Intl.NumberFormat.supportedLocalesOf first, which loads ICU's number data (~9 ms) in runs that
 *  never format a number. The parser reads the locale only for date skeletons. */
const parserLocales = new Map<string, Intl.Locale>();

/** Parse one message for a locale; throws intl-messageformat's syntax error on a malformed one.
 *  Tags are not parsed: `<` is text (the gates refuse markup separately). The AST is exactly what
 *  `new IntlMessageFormat(text, locale, undefined, {ignoreTag: true})` would hold. */
export function parseMessage(text: string, locale: string): MessageAst {
  let parserLocale = parserLocales.get(locale);
  if (parserLocale === undefined) parserLocales.set(locale, (parserLocale = new Intl.Locale(locale)));
  return IntlMessageFormat.__parse!(text, { ignoreTag: true, locale: parserLocale });
}

/** The text of a message that has no arguments (only literal text), else null: such a message
 *  formats to itself whatever the arguments, with no formatter. */
export function literalText(ast: MessageAst): string | null {
  let text = '';
  for (const el of ast as unknown as Element[]) {
    if (el.type !== LITERAL || typeof el.value !== 'string') return null;
    text += el.value;
  }
  return text;
}

/** Format a parsed message, as `new IntlMessageFormat(ast, locale, undefined, {formatters}).format(args)`
 *  does for text and number arguments (every part is then text, so the parts are joined), without
 *  constructing a formatter object per message. */
export function formatMessage(
  ast: MessageAst,
  text: string,
  locale: string,
  args: Record<string, string | number>,
): string {
  const literal = literalText(ast);
  if (literal !== null) return literal;
  return formatToParts(ast, locale, formatters, IntlMessageFormat.formats, args, undefined, text)
    .map((part) => String(part.value))
    .join('');
}

/** Arguments and plurals of a parsed message. */
export function messageShape(ast: MessageAst): MessageShape {
  const args = new Map<string, ArgumentKind>();
  const plurals: MessageShape['plurals'] = [];
  const walk = (elements: Element[]) => {
    for (const el of elements) {
      const name = typeof el.value === 'string' ? el.value : '';
      const note = (kind: ArgumentKind) => {
        if (!args.has(name)) args.set(name, kind);
      };
      if (el.type === ARGUMENT) note('text');
      else if (el.type === NUMBER) note('number');
      else if (el.type === DATE || el.type === TIME) note('date');
      else if (el.type === SELECT || el.type === PLURAL) {
        note(el.type === SELECT ? 'select' : 'plural');
        if (el.type === PLURAL && el.pluralType !== 'ordinal') {
          plurals.push({
            arg: name,
            categories: Object.keys(el.options ?? {}).filter((k) => !k.startsWith('=')),
          });
        }
        for (const option of Object.values(el.options ?? {})) walk(option.value);
      } else if (el.type === TAG) walk(el.children ?? []);
      else if (el.type !== LITERAL) continue;
    }
  };
  walk(ast as unknown as Element[]);
  return { args, plurals };
}

// Markup and template syntax a message may not hold: structure stays in templates, where the
// escaping filters apply (Markdown emphasis/code/links/HTML, Mermaid pipes and brackets, Nunjucks).
// Checked on the message's literal text, so ICU's own braces (`{n, plural, other {# x}}`) never count.
const MARKUP: { pattern: RegExp; what: string }[] = [
  { pattern: /\{\{|\}\}|\{%|%\}|\{#|#\}/, what: 'template syntax ({{ }}, {% %}, {# #})' },
  { pattern: /[<>]/, what: 'HTML or Mermaid markup (< or >)' },
  { pattern: /`/, what: 'a backtick (Markdown code)' },
  { pattern: /\*\*|__|~~/, what: 'Markdown emphasis (**, __, ~~)' },
  { pattern: /\]\(|\[[^\]]*\]/, what: 'a Markdown link or bracket' },
  { pattern: /\|/, what: 'a pipe (Markdown table or Mermaid label syntax)' },
  { pattern: /[\r\n]/, what: 'a line break' },
];
const BLOCK_START = /^\s*(#|[-+*] |\d+[.)] |>)/;
// Nunjucks tags as written in a template: `{{ x }}`, `{% if %}`, `{# note #}`. ICU's own `{{n} items}`
// and `{# items}` (a plural arm) do not match.
const RAW_TEMPLATE = /\{\{[^{}]*\}\}|\{%[^]*?%\}|\{#[^]*?#\}/;

/** The markup rules as data: a cache of checked catalogs is keyed by it, so a changed rule checks
 *  every catalog again. */
export const MARKUP_RULES = JSON.stringify([
  MARKUP.map((m) => [m.pattern.source, m.what]),
  BLOCK_START.source,
  RAW_TEMPLATE.source,
]);

function literals(elements: Element[], out: string[]): string[] {
  for (const el of elements) {
    if (el.type === LITERAL && typeof el.value === 'string') out.push(el.value);
    for (const option of Object.values(el.options ?? {})) literals(option.value, out);
    if (el.children) literals(el.children, out);
  }
  return out;
}

/** Why a message holds markup or template syntax, or null when it holds none. `ast` is null for a
 *  message that does not parse (only the raw checks apply). */
export function markupIn(text: string, ast: MessageAst | null): string | null {
  // Template syntax never parses as ICU; quoted (literal) template syntax is caught in the literals.
  if (ast === null) return RAW_TEMPLATE.test(text) ? 'template syntax ({{ }}, {% %}, {# #})' : null;
  if (BLOCK_START.test(text)) return 'a Markdown block marker at the start';
  const texts = literals(ast as unknown as Element[], []);
  for (const { pattern, what } of MARKUP) if (texts.some((t) => pattern.test(t))) return what;
  return null;
}
