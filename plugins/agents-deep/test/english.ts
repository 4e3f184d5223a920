// Test helper: format the agents' messages with the deep pack's catalogs, as the templates' `t` filter
// does, so tests can assert the words a reader sees (en-US by default, or the fr-CA locale pack).
import { readFileSync } from 'node:fs';
import { createTranslator, parseCatalog } from 'spec-to-pack-studio';

function load(rel: string): Record<string, string> {
  return JSON.parse(readFileSync(new URL(`../../../${rel}`, import.meta.url), 'utf8')) as Record<
    string,
    string
  >;
}

// Deep extends balanced: the shared model's words (default trust zones, open questions) are balanced's,
// and deep's own ids win, as in a run. Formatting is the host's own translator.
const catalog = (messages: Record<string, string>, name: string, locale: string) =>
  parseCatalog(JSON.stringify(messages), name, locale);
const source = catalog(
  { ...load('packs/balanced/catalogs/en-US.json'), ...load('packs/deep/catalogs/en-US.json') },
  'packs/deep/catalogs/en-US.json',
  'en-US',
);
const TRANSLATORS = {
  'en-US': createTranslator('deep', { source, localized: null, locale: 'en-US', fallback: [] }),
  'fr-CA': createTranslator('deep', {
    source,
    localized: catalog(
      {
        ...load('packs/locale-fr-ca/catalogs/balanced.json'),
        ...load('packs/locale-fr-ca/catalogs/deep.json'),
      },
      'packs/locale-fr-ca/catalogs/deep.json',
      'fr-CA',
    ),
    locale: 'fr-CA',
    fallback: [],
  }),
} as const;

interface Msg {
  msg: string;
  args?: Record<string, unknown>;
}

const isMessage = (v: unknown): v is Msg =>
  v !== null && typeof v === 'object' && typeof (v as { msg?: unknown }).msg === 'string';

/** One message as text; an unknown id or a missing argument throws. */
export function format(m: Msg, locale: keyof typeof TRANSLATORS | string = 'en-US'): string {
  const translator = TRANSLATORS[locale as keyof typeof TRANSLATORS];
  if (!translator) throw new Error(`no catalogs for ${locale}`);
  return translator.format(m);
}

/** A view-model type with its messages as text. */
export type Worded<T> = T extends Msg
  ? string
  : T extends readonly (infer U)[]
    ? Worded<U>[]
    : T extends object
      ? { [K in keyof T]: Worded<T[K]> }
      : T;

function words(value: unknown, locale: string): unknown {
  if (isMessage(value)) return format(value, locale);
  if (Array.isArray(value)) return value.map((v) => words(v, locale));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, words(v, locale)]));
  return value;
}

/** `value` with every message in it replaced by its text (deeply, through arrays and objects). */
export function english<T>(value: T, locale = 'en-US'): Worded<T> {
  return words(value, locale) as Worded<T>;
}

/** The text of a message (or list of messages joined with a space), for `toContain` checks. */
export function text(value: unknown, locale = 'en-US'): string {
  const out = english(value, locale);
  return Array.isArray(out) ? out.join(' ') : typeof out === 'string' ? out : JSON.stringify(out);
}
