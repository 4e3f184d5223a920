// Locale packs (kind "locale"): plugins that translate other packs' catalogs. Found like any pack,
// through the `studio.locales` section of a plugin's package.json; core knows no pack by name.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocaleManifest } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import type { LocaleRef } from '../plugins/types.js';
import { canonicalLocale, isLocale } from '../spec/locale.js';
import { parseJsonStrict } from '../util/parse-json-strict.js';
import { unsafePathReason } from '../util/safe-path.js';

export interface LoadedLocalePack {
  ref: LocaleRef;
  manifest: LocaleManifest;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

/** Read and check a locale manifest. */
export function loadLocalePack(ref: LocaleRef): LoadedLocalePack {
  const shown = `${ref.plugin.name}/${ref.manifest}`;
  const fail = (message: string, pointer?: string) =>
    new StudioError(ErrorCodes.MANIFEST_INVALID, `locale manifest ${shown}: ${message}`, {
      file: shown,
      pointer,
      plugin: ref.plugin.name,
      hint: 'See "Writing a locale pack" in docs/pack-authoring.md.',
    });
  const reason = unsafePathReason(ref.manifest);
  if (reason !== null) throw fail(`unsafe path: ${reason}`);
  const file = join(ref.plugin.root, ref.manifest);
  if (!existsSync(file)) throw fail('does not exist (check "studio.locales" in package.json)');
  const data = parseJsonStrict(readFileSync(file, 'utf8'), shown) as Record<string, unknown> | null;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw fail('must be a JSON object');
  if (data.id !== ref.id)
    throw fail(`declares id ${JSON.stringify(data.id)} but package.json lists "${ref.id}"`, '/id');
  if (data.kind !== 'locale') throw fail('"kind" must be "locale"', '/kind');
  if (typeof data.locale !== 'string' || !isLocale(data.locale))
    throw fail('"locale" must be a BCP 47 tag', '/locale');
  if (!isStringRecord(data.catalogs) || Object.keys(data.catalogs).length === 0) {
    throw fail('"catalogs" must map content pack ids to catalog paths', '/catalogs');
  }
  for (const [pack, path] of Object.entries(data.catalogs)) {
    const bad = unsafePathReason(path);
    if (bad !== null) throw fail(`catalog of "${pack}" has an unsafe path: ${bad}`, `/catalogs/${pack}`);
  }
  const fallback: Record<string, string[]> = {};
  if (data.fallback !== undefined) {
    const f = data.fallback;
    if (
      f === null ||
      typeof f !== 'object' ||
      Array.isArray(f) ||
      !Object.values(f).every((ids) => Array.isArray(ids) && ids.every((id) => typeof id === 'string'))
    ) {
      throw fail('"fallback" must map content pack ids to lists of message ids', '/fallback');
    }
    Object.assign(fallback, f);
  }
  for (const key of ['template_set', 'engine'] as const) {
    if (data[key] !== undefined && typeof data[key] !== 'string')
      throw fail(`"${key}" must be a string`, `/${key}`);
  }
  const known = new Set(['id', 'kind', 'locale', 'template_set', 'engine', 'catalogs', 'fallback']);
  const unknown = Object.keys(data).filter((k) => !known.has(k));
  if (unknown.length > 0) throw fail(`unknown field "${unknown[0]}"`, `/${unknown[0]}`);
  return {
    ref,
    manifest: {
      id: ref.id,
      kind: 'locale',
      locale: canonicalLocale(data.locale),
      ...(typeof data.template_set === 'string' ? { template_set: data.template_set } : {}),
      ...(typeof data.engine === 'string' ? { engine: data.engine } : {}),
      catalogs: data.catalogs,
      fallback,
    },
  };
}

/** The absolute file and the shown name of a locale pack's catalog for `packId`, or null. */
export function localeCatalogOf(
  pack: LoadedLocalePack,
  packId: string,
): { file: string; name: string } | null {
  const path = pack.manifest.catalogs[packId];
  if (path === undefined) return null;
  return { file: join(pack.ref.plugin.root, path), name: `${pack.ref.plugin.name}/${path}` };
}
