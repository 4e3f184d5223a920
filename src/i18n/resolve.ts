// Which catalogs a run uses for each pack, and the fallback warnings: per message, a locale catalog's
// text when it has the id, else the English source. One warning per pack whose documents are not all
// in the run's locale, naming the count and the catalog.
import type { LoadedPack, LocaleRef } from '../plugins/types.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { type MessageCatalog, SOURCE_LOCALE, readCatalog } from './catalog.js';
import { type LoadedLocalePack, loadLocalePack, localeCatalogOf } from './locale-pack.js';
import type { PackMessages } from './translate.js';

const language = (tag: string) => tag.toLowerCase().split('-')[0]!;

export interface FallbackNote {
  pack: string;
  locale: string;
  /** Catalog the fallback text comes from, or the locale catalog that lacks messages. */
  catalog: string;
  count: number;
  total: number;
  message: string;
}

export interface ResolvedMessages {
  packs: Map<string, PackMessages>;
  fallbacks: FallbackNote[];
}

/** The locale packs for `locale`: an exact tag match (canonical casing). */
export function localePacksFor(refs: Iterable<LocaleRef>, locale: string): LoadedLocalePack[] {
  const out: LoadedLocalePack[] = [];
  for (const ref of [...refs].sort((a, b) => compareCodePoints(a.id, b.id))) {
    const loaded = loadLocalePack(ref);
    if (loaded.manifest.locale.toLowerCase() === locale.toLowerCase()) out.push(loaded);
  }
  return out;
}

function packSource(pack: LoadedPack, cacheDir: string | null): MessageCatalog | null {
  return readCatalog(
    pack.sourceCatalog,
    `${pack.plugin.name}/catalogs/${SOURCE_LOCALE}.json`,
    SOURCE_LOCALE,
    cacheDir,
  );
}

/** Resolve the catalogs of every pack of a run for `locale`. `cacheDir` keeps checked catalogs
 *  across runs (null: checked every run). */
export function resolveMessages(
  packs: LoadedPack[],
  localeRefs: Iterable<LocaleRef>,
  locale: string,
  cacheDir: string | null = null,
): ResolvedMessages {
  const sameLanguage = language(locale) === language(SOURCE_LOCALE);
  const localePacks = sameLanguage ? [] : localePacksFor(localeRefs, locale);
  const out = new Map<string, PackMessages>();
  const fallbacks: FallbackNote[] = [];
  for (const pack of packs) {
    const id = pack.manifest.id;
    const source = packSource(pack, cacheDir);
    const writtenFor = pack.manifest.locales.some(
      (l) => l.toLowerCase() === locale.toLowerCase() || language(l) === language(locale),
    );
    if (sameLanguage || writtenFor) {
      out.set(id, { source, localized: null, locale: sameLanguage ? locale : SOURCE_LOCALE, fallback: [] });
      continue;
    }
    let localized: MessageCatalog | null = null;
    for (const lp of localePacks) {
      const where = localeCatalogOf(lp, id);
      if (!where) continue;
      localized = readCatalog(where.file, where.name, lp.manifest.locale, cacheDir);
      if (localized) break;
    }
    if (source === null) {
      // Literal templates: the pack's documents are in its own languages, as before catalogs existed.
      const used = pack.manifest.locales.join(', ');
      fallbacks.push({
        pack: id,
        locale,
        catalog: `${pack.plugin.name} templates`,
        count: 0,
        total: 0,
        message: `pack "${id}" has no ${locale} templates; its documents are in ${used}`,
      });
      out.set(id, { source, localized: null, locale: SOURCE_LOCALE, fallback: [] });
      continue;
    }
    const ids = [...source.messages.keys()].sort(compareCodePoints);
    const missing = ids.filter((m) => !localized?.messages.has(m));
    out.set(id, { source, localized, locale, fallback: missing });
    if (missing.length === 0) continue;
    const message = localized
      ? `pack "${id}": ${missing.length} of ${ids.length} messages fall back to English (not in the ${locale} catalog ${localized.name})`
      : `pack "${id}" has no ${locale} templates or catalog: all ${ids.length} messages fall back to English (catalog ${source.name})`;
    fallbacks.push({
      pack: id,
      locale,
      catalog: localized ? localized.name : source.name,
      count: missing.length,
      total: ids.length,
      message,
    });
  }
  // A pack that extends others also renders their agents' messages: its catalogs are its own over
  // theirs (extended packs come first in `packs`, so theirs are merged already).
  for (const pack of packs) {
    const parents = (pack.manifest.extends ?? []).map((p) => out.get(p)).filter((m) => m !== undefined);
    if (parents.length === 0) continue;
    const own = out.get(pack.manifest.id)!;
    out.set(pack.manifest.id, {
      ...own,
      source: mergeCatalogs([...parents.map((p) => p.source), own.source]),
      localized: mergeCatalogs([...parents.map((p) => p.localized), own.localized]),
    });
  }
  return { packs: out, fallbacks };
}

/** Later catalogs win; the merged catalog keeps the name and locale of the last one present. */
function mergeCatalogs(list: (MessageCatalog | null)[]): MessageCatalog | null {
  const present = list.filter((c): c is MessageCatalog => c !== null);
  if (present.length <= 1) return present[0] ?? null;
  const last = present[present.length - 1]!;
  const messages = new Map(present.flatMap((c) => [...c.messages]));
  return { name: last.name, locale: last.locale, messages };
}
