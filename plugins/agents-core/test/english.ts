// The agents return messages (ids of packs/balanced/catalogs/en-US.json with arguments); the tests read
// their view-models as the English documents will, formatted through the host's own translator.
import { readFileSync } from 'node:fs';
import type { Message } from '@studio/sdk';
import { createTranslator, parseCatalog } from 'spec-to-pack-studio';

const CATALOG = new URL('../../../packs/balanced/catalogs/en-US.json', import.meta.url);
const translator = createTranslator('balanced', {
  source: parseCatalog(readFileSync(CATALOG, 'utf8'), 'packs/balanced/catalogs/en-US.json', 'en-US'),
  localized: null,
  locale: 'en-US',
  fallback: [],
});

/** A view-model with every message replaced by its English text. */
export type English<T> = T extends Message
  ? string
  : T extends readonly (infer U)[]
    ? English<U>[]
    : T extends object
      ? { [K in keyof T]: English<T[K]> }
      : T;

const isMessage = (v: unknown): v is Message =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  typeof (v as { msg?: unknown }).msg === 'string';

/** Every message of `value` in English (unknown ids and missing arguments throw, as in a render). */
export function english<T>(value: T): English<T> {
  if (isMessage(value)) return translator.format(value) as English<T>;
  if (Array.isArray(value)) return value.map((v: unknown) => english(v)) as English<T>;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, english(v)])) as English<T>;
  }
  return value as English<T>;
}
