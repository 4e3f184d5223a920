// Scaffolding a locale pack (`studio pack new --locale fr-CA --for balanced`): package.json, pack.json
// and, for each pack translated, a copy of its English catalog to translate. It passes the gates as is
// (every message falls back to English until translated: the copies are English).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { readCatalog } from '../i18n/catalog.js';
import { loadPack } from '../plugins/load-pack.js';
import type { Catalog } from '../plugins/types.js';
import { canonicalLocale, isLocale } from '../spec/locale.js';
import { npmNameProblem } from '../registry/npm-name.js';
import { engineVersions } from '../registry/engine.js';
import { parseVersion } from '../util/semver.js';

/** Write a locale pack for `locale` translating `packs` (ids of installed packs) into `out`. */
export function scaffoldLocalePack(
  opts: { name?: string; locale: string; packs: string[]; out?: string },
  catalog: Catalog,
): { name: string; id: string; folder: string; files: string[] } {
  if (!isLocale(opts.locale)) {
    throw new StudioError(ErrorCodes.FLAG_INVALID, `--locale "${opts.locale}" is not a BCP 47 locale tag`, {
      hint: 'Use a tag such as fr-CA, de-DE or pt-BR.',
    });
  }
  const locale = canonicalLocale(opts.locale);
  const id = `locale-${locale.toLowerCase()}`;
  const name = opts.name ?? id;
  const nameProblem = npmNameProblem(name);
  if (nameProblem) {
    throw new StudioError(
      ErrorCodes.FLAG_INVALID,
      `"${name}" is not a valid npm package name: ${nameProblem}`,
      {
        hint: 'Use lowercase letters, digits and dashes, optionally scoped: @scope/name.',
      },
    );
  }
  if (opts.packs.length === 0) {
    throw new StudioError(
      ErrorCodes.FLAG_INVALID,
      '--locale needs at least one --for <pack id> to translate',
      {
        hint: 'E.g. studio pack new --locale fr-CA --for balanced',
      },
    );
  }
  const folder = opts.out ?? name.split('/').pop()!;
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new StudioError(ErrorCodes.FLAG_INVALID, `${folder} exists and is not empty`, {
      hint: 'Choose another folder with -o.',
    });
  }
  const catalogs: Record<string, string> = {};
  const copies: [string, string][] = [];
  for (const packId of [...new Set(opts.packs)]) {
    const ref = catalog.packs.get(packId);
    if (!ref) {
      throw new StudioError(ErrorCodes.PACK_NOT_FOUND, `no installed plugin provides the pack "${packId}"`, {
        hint: `Known packs: ${[...catalog.packs.keys()].join(', ')}.`,
      });
    }
    const pack = loadPack(ref);
    const shown = `${ref.plugin.name}/catalogs/en-US.json`;
    if (!readCatalog(pack.sourceCatalog, shown, 'en-US')) {
      throw new StudioError(
        ErrorCodes.CATALOG_INVALID,
        `the pack "${packId}" has no catalogs/en-US.json to translate`,
        {
          hint: 'Only packs whose prose lives in a message catalog can be translated by a locale pack.',
        },
      );
    }
    catalogs[packId] = `catalogs/${packId}.json`;
    copies.push([catalogs[packId], readFileSync(pack.sourceCatalog, 'utf8')]);
  }
  const { major, minor } = parseVersion(engineVersions().engine)!;
  const files: [string, string][] = [
    [
      'package.json',
      `${JSON.stringify(
        {
          name,
          version: '0.1.0',
          description: `${locale} translations of the ${Object.keys(catalogs).join(' and ')} pack messages.`,
          type: 'module',
          license: 'MIT',
          files: ['pack.json', 'catalogs', 'oclif.manifest.json'],
          oclif: {},
          studio: { locales: { [id]: 'pack.json' } },
        },
        null,
        2,
      )}\n`,
    ],
    [
      'pack.json',
      `${JSON.stringify(
        {
          id,
          kind: 'locale',
          locale,
          template_set: '0.1.0',
          engine: `>=${major}.${minor}.0 <${major + 1}.0.0`,
          catalogs,
        },
        null,
        2,
      )}\n`,
    ],
    // What `oclif manifest` writes for a package without commands: studio starts without scanning it.
    ['oclif.manifest.json', `${JSON.stringify({ commands: {}, version: '0.1.0' }, null, 2)}\n`],
    ...copies,
  ];
  for (const [rel, text] of files) {
    mkdirSync(join(folder, rel, '..'), { recursive: true });
    writeFileSync(join(folder, rel), text);
  }
  return { name, id, folder, files: files.map(([rel]) => rel) };
}
