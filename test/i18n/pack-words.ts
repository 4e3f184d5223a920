// Test helper for the agent plugins' tests: agents return messages (catalog ids with arguments), and the
// tests read their view-models as a document will, formatted through the host's own translator built
// from a pack's catalogs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message } from '@studio/sdk';
import { parseCatalog } from '../../src/i18n/catalog.js';
import { type Translator, createTranslator } from '../../src/i18n/translate.js';

const REPO = join(import.meta.dirname, '..', '..');

/** A view-model type with its messages as text. */
export type Worded<T> = T extends Message
  ? string
  : T extends readonly (infer U)[]
    ? Worded<U>[]
    : T extends object
      ? { [K in keyof T]: Worded<T[K]> }
      : T;

export interface PackWords {
  /** One message as text; an unknown id, a missing argument or a locale without catalogs throws. */
  format(m: Message, locale?: string): string;
  /** `value` with every message in it replaced by its text (deeply, through arrays and objects). */
  words<T>(value: T, locale?: string): Worded<T>;
  /** The text of a message (or of a list of messages joined with a space), for `toContain` checks. */
  text(value: unknown, locale?: string): string;
}

/** The catalogs at these repository paths as one catalog named after the last: a pack extending another
 *  lists the base pack's catalog first, and its own ids win, as in a run. */
function catalog(paths: readonly string[], locale: string) {
  const messages = Object.assign(
    {},
    ...paths.map((p) => JSON.parse(readFileSync(join(REPO, p), 'utf8')) as Record<string, string>),
  ) as Record<string, string>;
  return parseCatalog(JSON.stringify(messages), paths.at(-1)!, locale);
}

const isMessage = (v: unknown): v is Message =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  typeof (v as { msg?: unknown }).msg === 'string';

/** The words of pack `packId`: its en-US catalogs, and the catalogs of each other locale. */
export function packWords(
  packId: string,
  english: readonly string[],
  localized: Record<string, readonly string[]> = {},
): PackWords {
  const source = catalog(english, 'en-US');
  const translators = new Map<string, Translator>([
    ['en-US', createTranslator(packId, { source, localized: null, locale: 'en-US', fallback: [] })],
    ...Object.entries(localized).map(([locale, paths]): [string, Translator] => [
      locale,
      createTranslator(packId, { source, localized: catalog(paths, locale), locale, fallback: [] }),
    ]),
  ]);
  const format = (m: Message, locale = 'en-US'): string => {
    const translator = translators.get(locale);
    if (!translator) throw new Error(`no catalogs for ${locale}`);
    return translator.format(m);
  };
  const walk = (value: unknown, locale: string): unknown => {
    if (isMessage(value)) return format(value, locale);
    if (Array.isArray(value)) return value.map((v: unknown) => walk(v, locale));
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, locale)]));
    return value;
  };
  const words = <T>(value: T, locale = 'en-US') => walk(value, locale) as Worded<T>;
  const text = (value: unknown, locale = 'en-US'): string => {
    const out = words(value, locale);
    return Array.isArray(out) ? out.join(' ') : typeof out === 'string' ? out : JSON.stringify(out);
  };
  return { format, words, text };
}
