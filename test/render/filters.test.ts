import fc from 'fast-check';
import { lint } from 'markdownlint/promise';
import { micromark } from 'micromark';
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';
import { parse as parseYaml } from 'yaml';
import { slugify as sdkSlugify } from '@studio/sdk';
import { describe, expect, it } from 'vitest';
import {
  SLUG_MAX_LENGTH,
  escapeCell,
  escapeMarkdown,
  escapeMermaidLabel,
  escapeMermaidText,
  jsonValue,
  mermaidId,
  pad,
  slug as slugify,
  yamlString,
} from '../../src/render/filters.js';
import { loadMarkdownlintConfig } from '../../src/validators/markdown.js';
import { ADVERSARIAL } from './adversarial.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
const collapse = (s: string): string => s.replace(CONTROL, '').replace(/\s+/gu, ' ').trim();

function toHtml(markdown: string): string {
  // Raw HTML is let through so that any HTML the escaping misses shows up as a tag.
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfmTable(), gfmAutolinkLiteral()],
    htmlExtensions: [gfmTableHtml(), gfmAutolinkLiteralHtml()],
  });
}

function decode(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The text of the single paragraph `prefix + text` renders to; fails on any element inside. */
function paragraphText(markdown: string): string {
  const html = toHtml(markdown).trim();
  const m = /^<p>([\s\S]*)<\/p>$/.exec(html);
  expect(m, `not one paragraph: ${html}`).not.toBeNull();
  expect(m![1], `markup in ${html}`).not.toMatch(/</);
  return decode(m![1]!);
}

const config = loadMarkdownlintConfig();

async function lintMarkdown(doc: string): Promise<string[]> {
  const result = (await lint({ strings: { doc }, config })) as unknown as Record<
    string,
    { ruleNames: string[] }[]
  >;
  return (result.doc ?? []).map((e) => e.ruleNames[0]!);
}

// Characters that mean something in Markdown, HTML, Mermaid or YAML, plus letters and whitespace.
const NASTY = [
  ...'\\`*_{}[]()<>#+-.!|~&;:"\'%=$@/ \n\tabcXYZ019',
  'é',
  '🚀',
  'ש',
  'www.',
  'http://',
  '-->',
  'end',
];
const nastyString = fc.array(fc.constantFrom(...NASTY), { maxLength: 30 }).map((parts) => parts.join(''));

describe('md', () => {
  it.each(ADVERSARIAL.filter((s) => s.trim() !== ''))(
    'shows %j literally, as plain text, in prose',
    (text) => {
      const escaped = escapeMarkdown(text);
      expect(escaped).not.toContain('\n');
      expect(paragraphText(`Prose: ${escaped}`)).toBe(`Prose: ${collapse(text)}`);
      // At the start of a line (where block markers live) and in a list item.
      expect(paragraphText(escaped)).toBe(collapse(text));
      const item = toHtml(`- ${escaped}`).trim();
      expect(item.replace(/^<ul>\s*<li>|<\/li>\s*<\/ul>$/g, '')).not.toMatch(/</);
    },
  );

  it('a document built from every adversarial text passes markdownlint (no HTML, no bare URLs)', async () => {
    const body = ADVERSARIAL.map(
      (t) => `${escapeMarkdown(t) || 'empty'}\n\n- ${escapeMarkdown(t) || 'empty'}\n`,
    );
    const headings = ADVERSARIAL.map((t, i) => `## ${i} ${escapeMarkdown(t)}`.trim() + '\n\nText.\n');
    expect(await lintMarkdown(`# Title\n\n${body.join('\n')}\n${headings.join('\n')}`)).toEqual([]);
  });

  it('property: any text renders literally as one paragraph', () => {
    fc.assert(
      fc.property(nastyString, (text) => {
        fc.pre(collapse(text) !== '');
        expect(paragraphText(`x ${escapeMarkdown(text)}`)).toBe(`x ${collapse(text)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('treats null and undefined as empty, numbers as text, and refuses lists and objects', () => {
    expect(escapeMarkdown(null)).toBe('');
    expect(escapeMarkdown(undefined)).toBe('');
    expect(escapeMarkdown(1.5)).toBe('1.5');
    expect(escapeMarkdown(3)).toBe('3');
    expect(escapeMarkdown('3. third')).toBe('3\\. third');
    expect(() => escapeMarkdown(['a'])).toThrow(/list/);
    expect(() => escapeMarkdown({ a: 1 })).toThrow(/object/);
  });
});

describe('cell', () => {
  function table(cells: string[]): string {
    return `# T\n\n| a | b |\n| --- | --- |\n| ${cells.join(' | ')} |\n`;
  }

  it.each(ADVERSARIAL)('keeps %j in one cell, literally', async (text) => {
    const doc = table([escapeCell(text), 'end']);
    expect(await lintMarkdown(doc)).toEqual([]);
    const cells = [...toHtml(doc).matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
    expect(cells).toHaveLength(2);
    expect(cells[0]).not.toMatch(/</);
    expect(decode(cells[0]!)).toBe(collapse(text) === '' ? '-' : collapse(text));
  });

  it('property: a row built with cell always has its two columns (markdownlint MD056 agrees)', async () => {
    await fc.assert(
      fc.asyncProperty(nastyString, nastyString, async (a, b) => {
        const doc = table([escapeCell(a), escapeCell(b)]);
        expect(await lintMarkdown(doc)).toEqual([]);
        expect([...toHtml(doc).matchAll(/<td>/g)]).toHaveLength(2);
      }),
      { numRuns: 150 },
    );
  });
});

describe('mmd and mmd_text (structure; mermaid parsing is in mermaid-filters.test.ts)', () => {
  it.each([escapeMermaidLabel, escapeMermaidText])(
    '%o leaves no ASCII punctuation but entity codes',
    (fn) => {
      fc.assert(
        fc.property(nastyString, (text) => {
          const out = fn(text);
          if (collapse(text) === '') return void expect(out).toBe('-');
          expect(out).not.toMatch(/[\n\r"]/);
          // Only letters, digits, spaces, non-ASCII, and `#…;` entity codes.
          expect(out.replace(/#(?:\d+|quot|lt|gt);/g, '')).toMatch(/^[A-Za-z0-9 \P{ASCII}]*$/u);
          expect(out.length).toBeGreaterThan(0);
        }),
        { numRuns: 300 },
      );
    },
  );

  it('uses the codes Mermaid documents for quotes, hash, semicolon and angle brackets', () => {
    expect(escapeMermaidLabel('"#;<>')).toBe('#quot;#35;#59;#lt;#gt;');
    expect(escapeMermaidLabel('a\n b')).toBe('a b');
    expect(escapeMermaidLabel('')).toBe('-');
  });
});

describe('mmd_id', () => {
  it('keeps a safe identifier, and derives a distinct safe one from anything else', () => {
    expect(mermaidId('Patient')).toBe('Patient');
    const ids = ['a b', 'a-b', 'a_b ', 'end', 'End', '1st', '', 'Ünïcödé', '🚀', 'graph', 'click'].map(
      mermaidId,
    );
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(['end', 'graph', 'click']).not.toContain(id.toLowerCase());
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(mermaidId('a b')).toBe(mermaidId('a b'));
  });

  it('property: always a safe identifier, deterministic', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const id = mermaidId(text);
        expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
        expect(mermaidId(text)).toBe(id);
      }),
    );
  });
});

describe('slug', () => {
  const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

  it('transliterates, lowercases and trims', () => {
    expect(slugify('Café Déjà-vu!')).toBe('cafe-deja-vu');
    expect(slugify('Straße & Œuvre')).toBe('strasse-oeuvre');
    // The one slugify (@studio/sdk) that agents use too: the same answer everywhere.
    expect(slugify('Straße Øre')).toBe('strasse-ore');
    expect(slugify('日本語')).toMatch(/^item-[0-9a-f]{8}$/);
    expect(sdkSlugify('日本語', 'decision')).toBe('decision');
    expect(sdkSlugify('Straße Øre')).toBe(slugify('Straße Øre'));
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('  --Hello--  ')).toBe('hello');
  });

  it('is never empty and never a Windows reserved name', () => {
    expect(slugify('')).toBe('item');
    expect(slugify('  ')).toBe('item');
    expect(slugify('CON')).toBe('con-doc');
    expect(slugify('lpt1')).toBe('lpt1-doc');
    expect(slugify('com¹')).toBe('com1-doc');
    expect(slugify('console')).toBe('console');
    const cjk = [slugify('患者'), slugify('医生')];
    for (const s of cjk) expect(s).toMatch(/^item-[0-9a-f]{8}$/);
    expect(cjk[0]).not.toBe(cjk[1]);
  });

  it('property: matches the slug pattern, fits the limit, is not reserved', () => {
    fc.assert(
      fc.property(fc.oneof(nastyString, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const s = slugify(text);
        expect(s).toMatch(SLUG);
        expect(s.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
        expect(s).not.toMatch(RESERVED);
      }),
      { numRuns: 500 },
    );
  });
});

describe('yaml_str, json, pad', () => {
  it('yaml_str round-trips any text through a YAML parser', () => {
    fc.assert(
      fc.property(fc.oneof(nastyString, fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        expect(parseYaml(`key: ${yamlString(text)}\n`)).toEqual({ key: text });
      }),
      { numRuns: 300 },
    );
    for (const text of ADVERSARIAL) expect(parseYaml(`k: ${yamlString(text)}`)).toEqual({ k: text });
  });

  it('json is canonical (sorted keys), without a final newline, with an optional indent', () => {
    const value = { b: [1, { d: 1, c: 2 }], a: 'x' };
    expect(jsonValue(value)).toBe(
      '{\n  "a": "x",\n  "b": [\n    1,\n    {\n      "c": 2,\n      "d": 1\n    }\n  ]\n}',
    );
    expect(jsonValue(value, 0)).toBe('{"a":"x","b":[1,{"c":2,"d":1}]}');
    expect(JSON.parse(jsonValue(value, 4))).toEqual(value);
    expect(() => jsonValue(undefined)).toThrow();
  });

  it('pad zero-pads integers and refuses anything else', () => {
    expect(pad(7, 4)).toBe('0007');
    expect(pad(12345, 4)).toBe('12345');
    expect(pad(-7, 3)).toBe('-007');
    expect(pad('42', 4)).toBe('0042');
    expect(() => pad(1.5, 4)).toThrow();
    expect(() => pad('x', 4)).toThrow();
    expect(() => pad(1, 0)).toThrow();
  });
});
