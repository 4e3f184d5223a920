// The number formatter the messages use gives Intl.NumberFormat's output for every locale studio
// ships, every number option set its catalogs use, and ties, edges and random doubles; and it asks
// ICU's number formatter only for what falls outside its case.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/i18n/messages.js';
import { PLAIN_DECIMAL, numberFormat, roundShortest } from '../../src/i18n/plain-number.js';

const REPO = join(import.meta.dirname, '..', '..');
const PACKS = join(REPO, 'packs');

/** Every locale a shipped pack or locale pack names. */
function shippedLocales(): string[] {
  const out = new Set<string>();
  for (const name of readdirSync(PACKS)) {
    const manifest = JSON.parse(readFileSync(join(PACKS, name, 'pack.json'), 'utf8')) as {
      locales?: string[];
      locale?: string;
    };
    for (const l of manifest.locales ?? []) out.add(l);
    if (manifest.locale) out.add(manifest.locale);
  }
  return [...out].sort();
}

interface El {
  type: number;
  style?: { parsedOptions?: object } | string | null;
  options?: Record<string, { value: El[] }>;
}

/** The number options of every number argument and plural `#` in the shipped catalogs. */
function shippedOptionSets(): Array<Intl.NumberFormatOptions | undefined> {
  const sets = new Map<string, Intl.NumberFormatOptions | undefined>();
  const walk = (els: El[]) => {
    for (const el of els) {
      if (el.type === 2) {
        const opts = typeof el.style === 'object' && el.style ? el.style.parsedOptions : undefined;
        sets.set(JSON.stringify(opts ?? null), opts);
      }
      if (el.type === 7) sets.set('null', undefined); // `#`
      for (const o of Object.values(el.options ?? {})) walk(o.value);
    }
  };
  for (const name of readdirSync(PACKS)) {
    const dir = join(PACKS, name, 'catalogs');
    for (const file of readdirSync(dir)) {
      const catalog = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
      for (const text of Object.values(catalog))
        if (typeof text === 'string') walk(parseMessage(text, 'en-US') as unknown as El[]);
    }
  }
  return [...sets.values()];
}

/** Deterministic doubles: ties at each decimal position, edges around rounding and grouping, and
 *  random values across magnitudes. */
function values(): number[] {
  const out = [0, -0, 1, 0.1 + 0.2, 1.005, 2.675, 0.125, 0.5, 1.5, 2.5, 999.5, 999.9994, 999.9995, 999.9996];
  out.push(1000, 1234.5, 99.95, 99.995, 99.9995, 0.000001, 0.0000005, 1e-7, 1e20, 1e21, 123456789.98765);
  out.push(-1, -0.0001, -2.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE);
  for (let n = 0; n <= 1100; n++) out.push(n);
  for (let d = 1; d <= 9; d++)
    for (let k = 0; k < 200; k += 7) out.push(Number(`${k}.${'0'.repeat(d - 1)}5`));
  let seed = 0x9e3779b9;
  const next = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return seed / 2 ** 32;
  };
  for (let i = 0; i < 3000; i++) out.push(next() * 10 ** Math.floor(next() * 14 - 6));
  for (let i = 0; i < 1000; i++) out.push(Math.round(next() * 100_000) / 10 ** Math.floor(next() * 7));
  return out;
}

describe('numberFormat', () => {
  const sets = shippedOptionSets();
  const extra: Intl.NumberFormatOptions[] = [0, 1, 4, 5, 8, 20].map((n) => ({
    maximumFractionDigits: n,
    useGrouping: false,
  }));

  it('knows every locale studio ships, and the catalogs use plural # and ::.N group-off', () => {
    expect(shippedLocales().filter((l) => !Object.hasOwn(PLAIN_DECIMAL, l))).toEqual([]);
    expect(sets).toContainEqual(undefined);
    expect(sets).toContainEqual({ maximumFractionDigits: 2, useGrouping: false });
  });

  for (const locale of shippedLocales()) {
    it(`gives Intl.NumberFormat's output in ${locale}`, () => {
      const all = values();
      let compared = 0;
      for (const opts of [...sets, ...extra]) {
        const ours = numberFormat(locale, opts);
        const intl = new Intl.NumberFormat(locale, opts);
        for (const v of all) {
          expect(`${JSON.stringify(opts)} ${v}: ${ours.format(v)}`).toBe(
            `${JSON.stringify(opts)} ${v}: ${intl.format(v)}`,
          );
          compared += 1;
        }
        expect(ours.format('1.005')).toBe(intl.format('1.005' as unknown as number));
        expect(ours.format(5n)).toBe(intl.format(5n));
      }
      expect(compared).toBeGreaterThan(50_000);
    });
  }
});

describe('ICU is needed only outside the plain case', () => {
  const real = Intl.NumberFormat;
  afterEach(() => {
    Intl.NumberFormat = real;
  });
  function withoutIcu(): void {
    Intl.NumberFormat = function () {
      throw new Error('Intl.NumberFormat constructed');
    } as unknown as typeof Intl.NumberFormat;
  }

  it('formats counts and group-off figures without constructing Intl.NumberFormat', () => {
    withoutIcu();
    expect(numberFormat('en-US').format(42)).toBe('42');
    expect(numberFormat('fr-CA', { maximumFractionDigits: 2, useGrouping: false }).format(1234.567)).toBe(
      '1234,57',
    );
  });

  it('constructs it for a grouped count, a negative, another locale or other options', () => {
    withoutIcu();
    expect(() => numberFormat('en-US').format(1000)).toThrow(/constructed/);
    expect(() => numberFormat('en-US').format(-1)).toThrow(/constructed/);
    expect(() => numberFormat('de-DE')).toThrow(/constructed/);
    expect(() => numberFormat('en-US', { style: 'percent' })).toThrow(/constructed/);
    expect(() => numberFormat(['en-US'])).toThrow(/constructed/);
  });
});

describe('roundShortest', () => {
  it('rounds the shortest decimal half away from zero and drops trailing zeros', () => {
    expect(roundShortest(1.005, 2)).toEqual(['1', '01']);
    expect(roundShortest(9.995, 2)).toEqual(['10', '']);
    expect(roundShortest(999.9996, 3)).toEqual(['1000', '']);
    expect(roundShortest(0.5, 0)).toEqual(['1', '']);
    expect(roundShortest(0.04, 1)).toEqual(['0', '']);
    expect(roundShortest(12.3, 6)).toEqual(['12', '3']);
    expect(roundShortest(1e21, 2)).toBeNull();
    expect(roundShortest(1e-7, 2)).toBeNull();
  });
});
