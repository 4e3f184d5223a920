// Which catalogs a run uses, and the one fallback warning per pack (count and catalog named).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveMessages } from '../../src/i18n/resolve.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { catalogFromFolders } from '../../src/plugins/discovery.js';
import { loadPack } from '../../src/plugins/load-pack.js';

const REPO = join(import.meta.dirname, '..', '..');
const temp = mkdtempSync(join(tmpdir(), 'studio-resolve-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

// A copy of the fr-CA pack with two messages left out.
const partial = join(temp, 'locale-fr-ca');
cpSync(join(REPO, 'packs/locale-fr-ca'), partial, { recursive: true });
const file = join(partial, 'catalogs/balanced.json');
const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
delete messages['brief.heading.ask'];
delete messages['prd.title'];
writeFileSync(file, JSON.stringify(messages));
const total = Object.keys(messages).length + 2;

function resolveWith(locale: string, folders: string[]) {
  const catalog = catalogFromFolders([join(REPO, 'packs/balanced'), ...folders]);
  const balanced = loadPack(catalog.packs.get('balanced')!);
  return resolveMessages([balanced], catalog.locales!.values(), locale);
}

describe('resolveMessages', () => {
  it('uses the locale pack and names the messages that fall back, with one warning', () => {
    const { packs, fallbacks } = resolveWith('fr-CA', [partial]);
    expect(fallbacks).toEqual([
      {
        pack: 'balanced',
        locale: 'fr-CA',
        catalog: '@studio/locale-fr-ca/catalogs/balanced.json',
        count: 2,
        total,
        message: `pack "balanced": 2 of ${total} messages fall back to English (not in the fr-CA catalog @studio/locale-fr-ca/catalogs/balanced.json)`,
      },
    ]);
    const t = createTranslator('balanced', packs.get('balanced')!);
    expect(t.format('brief.heading.problem')).toBe('Problème');
    expect(t.format('brief.heading.ask')).toBe('The ask');
  });

  it('falls back wholly to English, with the same kind of warning, when no pack has the locale', () => {
    const { packs, fallbacks } = resolveWith('de-DE', [partial]);
    expect(fallbacks.map((f) => [f.count, f.catalog, f.message])).toEqual([
      [
        total,
        '@studio/pack-balanced/catalogs/en-US.json',
        `pack "balanced" has no de-DE templates or catalog: all ${total} messages fall back to English (catalog @studio/pack-balanced/catalogs/en-US.json)`,
      ],
    ]);
    expect(createTranslator('balanced', packs.get('balanced')!).format('brief.heading.problem')).toBe(
      'Problem',
    );
  });

  it('needs no warning for the source language, and no locale pack for it', () => {
    expect(resolveWith('en-GB', [partial]).fallbacks).toEqual([]);
    expect(resolveWith('en-US', []).fallbacks).toEqual([]);
  });

  it('matches the locale tag whatever its casing', () => {
    expect(resolveWith('fr-ca', [partial]).fallbacks[0]?.count).toBe(2);
  });
});
