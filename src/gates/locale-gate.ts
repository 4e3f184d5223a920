// The locale gates, for packages that provide locale packs (`studio.locales`), after the package and
// paths gates every package passes:
// - locale: each locale manifest, and each translated catalog against the English source catalog of
//   the pack it translates: every source id present (or listed in the manifest's "fallback"), no id
//   the source lacks, ICU argument names identical to the source message, plural categories valid for
//   the locale (Intl.PluralRules), no markup or template syntax;
// - harness and determinism: every translated pack rendered with the harness specs in the locale,
//   every output through its validator, the same files and the same ids as the English render, and a
//   second render byte-identical.
import { existsSync, readFileSync } from 'node:fs';
import type { SourceSpec } from '@studio/sdk';
import { type MessageCatalog, parseCatalog, readCatalog, SOURCE_LOCALE } from '../i18n/catalog.js';
import { loadLocalePack, localeCatalogOf } from '../i18n/locale-pack.js';
import { messageShape } from '../i18n/messages.js';
import { renderPacks } from '../pipeline/render-packs.js';
import { buildCatalog } from '../plugins/discovery.js';
import { loadPack } from '../plugins/load-pack.js';
import type { Catalog, PluginRef } from '../plugins/types.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { errorFinding, harnessGates, type Rendered } from './harness-gate.js';
import type { HarnessSpec } from './harness-specs.js';
import type { GateFinding } from './types.js';

const CODE = 'E_CATALOG_INVALID';
const CLDR_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];
/** Most ids a finding lists before "…". */
const LIST_MAX = 12;

function list(ids: readonly string[]): string {
  return ids.length > LIST_MAX ? `${ids.slice(0, LIST_MAX).join(', ')}, …` : ids.join(', ');
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Compare a translated catalog with its English source. `shown` names the translation. */
export function compareCatalogs(
  source: MessageCatalog,
  localized: MessageCatalog,
  fallback: readonly string[],
): GateFinding[] {
  const findings: GateFinding[] = [];
  const file = localized.name;
  const sourceIds = [...source.messages.keys()].sort(compareCodePoints);
  const missing = sourceIds.filter((id) => !localized.messages.has(id) && !fallback.includes(id));
  if (missing.length > 0) {
    findings.push({
      code: CODE,
      message: `${file}: ${missing.length} of the ${sourceIds.length} messages of ${source.name} are missing: ${list(missing)}`,
      file,
      hint: 'Translate them, or list them under "fallback" in the locale manifest to show them in English.',
    });
  }
  const unknown = [...localized.messages.keys()]
    .filter((id) => !source.messages.has(id))
    .sort(compareCodePoints);
  if (unknown.length > 0) {
    findings.push({
      code: CODE,
      message: `${file}: ${unknown.length} message ids are not in ${source.name}: ${list(unknown)}`,
      file,
      hint: 'Remove them or fix their spelling: only ids of the source catalog are ever shown.',
    });
  }
  // CLDR order, whatever order the ICU build lists them in.
  const categories = CLDR_ORDER.filter((c) =>
    (new Intl.PluralRules(localized.locale).resolvedOptions().pluralCategories as string[]).includes(c),
  );
  for (const id of [...localized.messages.keys()].sort(compareCodePoints)) {
    const src = source.messages.get(id);
    if (!src) continue;
    const pointer = `/${id}`;
    const want = [...messageShape(src.ast).args.keys()].sort(compareCodePoints);
    const shape = messageShape(localized.messages.get(id)!.ast);
    const got = [...shape.args.keys()].sort(compareCodePoints);
    if (!sameSet(want, got)) {
      findings.push({
        code: CODE,
        message: `${file}: message "${id}" has the arguments {${got.join('}, {')}} but the source has {${want.join('}, {')}}`,
        file,
        pointer,
        hint: 'Keep every argument name of the English message, spelled the same (they are filled by name).',
      });
    }
    for (const plural of shape.plurals) {
      const bad = plural.categories.filter((c) => !categories.includes(c));
      if (bad.length > 0 || !plural.categories.includes('other')) {
        findings.push({
          code: CODE,
          message: `${file}: message "${id}" uses plural categories {${plural.categories.join(', ')}} for {${plural.arg}}; ${localized.locale} has ${categories.join(', ')}${plural.categories.includes('other') ? '' : ' and "other" is required'}`,
          file,
          pointer,
          hint: `Use only ${categories.join(', ')} (or exact =n selectors), always with "other".`,
        });
      }
    }
  }
  return findings;
}

/** Ids a document cites (F-1, F-1-AC-2, TC-SEC-P-3, ADR-0002…); language-independent. Mermaid
 *  escapes hyphens as `#45;`, so those are read back first. */
export function citedIds(text: string): string[] {
  const plain = text.replace(/#45;/g, '-');
  return [...new Set(plain.match(/\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b/g) ?? [])].sort(compareCodePoints);
}

/** The locale gate over one package; returns findings and the content packs it translates. */
export function localeGate(
  plugin: PluginRef,
  others: PluginRef[],
): { findings: GateFinding[]; packs: string[]; locales: string[] } {
  const findings: GateFinding[] = [];
  const packs: string[] = [];
  const locales: string[] = [];
  const catalog: Catalog = buildCatalog(others.filter((p) => p.name !== plugin.name));
  for (const [id, manifest] of Object.entries(plugin.studio.locales ?? {}).sort(([a], [b]) =>
    compareCodePoints(a, b),
  )) {
    let loaded: ReturnType<typeof loadLocalePack>;
    try {
      loaded = loadLocalePack({ id, plugin, manifest });
    } catch (error) {
      findings.push(errorFinding(error, `locale pack "${id}"`));
      continue;
    }
    locales.push(loaded.manifest.locale);
    for (const packId of Object.keys(loaded.manifest.catalogs).sort(compareCodePoints)) {
      const where = localeCatalogOf(loaded, packId)!;
      const ref = catalog.packs.get(packId);
      if (!ref) {
        findings.push({
          code: 'E_PACK_NOT_FOUND',
          message: `${where.name} translates the pack "${packId}", which no installed plugin provides`,
          file: manifest,
          pointer: `/catalogs/${packId}`,
          hint: 'Install the pack first, or remove its catalog from the locale manifest.',
        });
        continue;
      }
      let source: MessageCatalog | null;
      try {
        const pack = loadPack(ref);
        source = readCatalog(
          pack.sourceCatalog,
          `${ref.plugin.name}/catalogs/${SOURCE_LOCALE}.json`,
          SOURCE_LOCALE,
        );
      } catch (error) {
        findings.push(errorFinding(error, `pack "${packId}"`));
        continue;
      }
      if (!source) {
        findings.push({
          code: CODE,
          message: `the pack "${packId}" (${ref.plugin.name}) has no catalogs/${SOURCE_LOCALE}.json to translate`,
          file: manifest,
          pointer: `/catalogs/${packId}`,
        });
        continue;
      }
      if (!existsSync(where.file)) {
        findings.push({
          code: CODE,
          message: `${where.name} does not exist`,
          file: manifest,
          pointer: `/catalogs/${packId}`,
        });
        continue;
      }
      let localized: MessageCatalog;
      try {
        localized = parseCatalog(readFileSync(where.file, 'utf8'), where.name, loaded.manifest.locale);
      } catch (error) {
        findings.push(errorFinding(error, where.name));
        continue;
      }
      findings.push(...compareCatalogs(source, localized, loaded.manifest.fallback?.[packId] ?? []));
      packs.push(packId);
    }
  }
  return { findings, packs, locales };
}

/** Render each translated pack in `locale` with every harness spec (the shared harness: valid, and the
 *  same bytes twice), and compare each render with the English one: the same files and the same ids. */
export async function localeHarness(
  plugin: PluginRef,
  others: PluginRef[],
  packs: string[],
  locale: string,
  specs: HarnessSpec[],
  cacheDir: string | null | undefined,
): Promise<{ harness: GateFinding[]; determinism: GateFinding[] }> {
  return harnessGates(plugin, others, packs, specs, cacheDir, {
    locale,
    async compare(where, id, spec, first, catalog) {
      const english: SourceSpec = { ...spec, meta: { ...spec.meta, locale: SOURCE_LOCALE } };
      let base: Rendered;
      try {
        // Compared for ids only: the English pack's outputs passed its own gates.
        base = await renderPacks({ catalog, packIds: [id], spec: english, cacheDir, validate: false });
      } catch (error) {
        return [errorFinding(error, `${where}, ${SOURCE_LOCALE} render`)];
      }
      const findings: GateFinding[] = [];
      const en = new Map(base.artifacts.map((a) => [a.path, a.content]));
      const fr = new Map(first.artifacts.map((a) => [a.path, a.content]));
      for (const path of [...new Set([...en.keys(), ...fr.keys()])].sort(compareCodePoints)) {
        if (!en.has(path) || !fr.has(path)) {
          findings.push({
            message: `${where}: ${path} is written in only one of ${SOURCE_LOCALE} and ${locale}`,
            file: path,
          });
          continue;
        }
        const a = citedIds(en.get(path)!);
        const b = citedIds(fr.get(path)!);
        const lost = a.filter((x) => !b.includes(x));
        const added = b.filter((x) => !a.includes(x));
        if (lost.length + added.length > 0) {
          findings.push({
            code: 'E_TRACEABILITY',
            message: `${where}: ${path} does not cite the same ids as in ${SOURCE_LOCALE}${lost.length ? `; missing ${list(lost)}` : ''}${added.length ? `; extra ${list(added)}` : ''}`,
            file: path,
            hint: 'Keep every id argument in the translated messages; ids are never translated.',
          });
        }
      }
      return findings;
    },
  });
}
