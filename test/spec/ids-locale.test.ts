import { describe, expect, it } from 'vitest';
import { ID_FORMATS, IdAllocator } from '../../src/spec/ids.js';
import { canonicalLocale, isLocale } from '../../src/spec/locale.js';

describe('IdAllocator', () => {
  it('hands out the lowest free ids in order', () => {
    const ids = new IdAllocator(['F-2', 'X'], ID_FORMATS.feature);
    expect([ids.next(), ids.next(), ids.next()]).toEqual(['F-1', 'F-3', 'F-4']);
  });

  it('prefers the id of a position, moving past taken ones', () => {
    const ids = new IdAllocator(['A-AC-2'], ID_FORMATS.acceptance('A'));
    expect([ids.atOrAfter(1), ids.atOrAfter(2), ids.atOrAfter(3)]).toEqual(['A-AC-1', 'A-AC-3', 'A-AC-4']);
  });

  it('shares a Set of used ids with the other allocators given it, and copies any other list', () => {
    const used = new Set(['A-AC-1']);
    const a = new IdAllocator(used, ID_FORMATS.acceptance('A'));
    const b = new IdAllocator(used, ID_FORMATS.acceptance('A'));
    expect([a.next(), b.next(), a.atOrAfter(1)]).toEqual(['A-AC-2', 'A-AC-3', 'A-AC-4']);
    expect([...used].sort()).toEqual(['A-AC-1', 'A-AC-2', 'A-AC-3', 'A-AC-4']);
    const list = ['F-1'];
    expect(new IdAllocator(list, ID_FORMATS.feature).next()).toBe('F-2');
    expect(list).toEqual(['F-1']);
  });

  it('formats decision ids with four digits', () => {
    expect(ID_FORMATS.decision(7)).toBe('ADR-0007');
    expect(ID_FORMATS.decision(12345)).toBe('ADR-12345');
  });
});

describe('locales', () => {
  it('accepts BCP 47 tags and refuses other text', () => {
    for (const tag of ['en', 'en-US', 'fr-CA', 'zh-Hant-TW', 'es-419', 'de-DE-1996'])
      expect(isLocale(tag)).toBe(true);
    for (const tag of ['', 'english', 'en_US', 'e', 'en-']) expect(isLocale(tag)).toBe(false);
  });

  it('canonicalizes casing', () => {
    expect(canonicalLocale('EN-us')).toBe('en-US');
    expect(canonicalLocale('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(canonicalLocale('es-419')).toBe('es-419');
  });
});
