import { describe, expect, it } from 'vitest';
import { CHUNK_TOKENS, chunkId, chunkText } from '../src/chunk.js';
import { readFileSync } from 'node:fs';
import {
  MAX_ELEMENTS,
  PdfUnreadable,
  htmlToText,
  markdownToText,
  normalizeParagraphs,
  pdfToText,
} from '../src/extract.js';
import { checkSources, ResearchError } from '../src/research.js';
import { isUrl } from '../src/sources.js';
import { capTokens, words } from '../src/tokens.js';
import { SMS_HTML, TURN_TEXTS_PDF, WAITING_ROOMS_MD } from './helpers.js';

describe('token cap', () => {
  it('keeps whole documents under the cap and cuts longer ones at exactly the cap', () => {
    expect(capTokens('one two\n\nthree', 5)).toEqual({
      text: 'one two\n\nthree',
      tokens: 3,
      truncated: false,
    });
    const long = Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ');
    const capped = capTokens(`${long}\n\n${long}`, 60);
    expect(capped.truncated).toBe(true);
    expect(capped.tokens).toBe(60);
    expect(words(capped.text)).toHaveLength(60);
    expect(capped.text.split('\n\n')).toHaveLength(2);
  });
});

describe('chunks', () => {
  it('gathers paragraphs up to the chunk size, one line per paragraph, and cuts long paragraphs between words', () => {
    const para = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');
    const chunks = chunkText([para(50, 'a'), para(50, 'b'), para(50, 'c'), para(300, 'd')].join('\n\n'));
    expect(chunks[0]!.split('\n')).toHaveLength(2);
    for (const c of chunks) expect(words(c).length).toBeLessThanOrEqual(CHUNK_TOKENS);
    expect(chunks.join(' ').split(/\s+/)).toHaveLength(450);
  });

  it('derives stable chunk ids from the source and the position', () => {
    expect(chunkId('docs/a.md', 3)).toBe(chunkId('docs/a.md', 3));
    expect(chunkId('docs/a.md', 3)).toMatch(/^[0-9a-f]{12}-003$/);
    expect(chunkId('docs/b.md', 3)).not.toBe(chunkId('docs/a.md', 3));
  });
});

describe('text extraction', () => {
  it('reads the article of an HTML page with Readability, without navigation or footer', async () => {
    const { text, title } = await htmlToText(SMS_HTML, 'https://example.test/sms');
    expect(title).toBe('SMS gateways');
    expect(text).toContain('Falling back to a second provider');
    expect(text).not.toContain('Home | About');
    expect(text.split('\n\n').length).toBeGreaterThanOrEqual(2);
  });

  it('reads pages too big for Readability from their body, paragraph by paragraph', async () => {
    const paragraphs = Array.from({ length: MAX_ELEMENTS + 10 }, (_, i) => `<p>paragraph ${i}</p>`).join('');
    const { text } = await htmlToText(
      `<html><body><div>${paragraphs}</div></body></html>`,
      'https://x.test/',
    );
    const lines = text.split('\n\n');
    expect(lines).toHaveLength(MAX_ELEMENTS + 10);
    expect(lines[0]).toBe('paragraph 0');
    expect(lines.at(-1)).toBe(`paragraph ${MAX_ELEMENTS + 9}`);
  });

  it('never runs page scripts', async () => {
    const html = `<html><body><p id="x">static text</p><script>document.getElementById('x').textContent = 'script ran'</script></body></html>`;
    const { text } = await htmlToText(html, 'https://example.test/');
    expect(text).toContain('static text');
    expect(text).not.toContain('script ran');
  });

  it('strips Markdown markup and keeps paragraphs', () => {
    const text = markdownToText(
      `${WAITING_ROOMS_MD}\n- **bold** item with [a link](https://x.test)\n\n\`\`\`js\ncode()\n\`\`\`\n`,
    );
    expect(text).toContain('Waiting rooms in walk-in clinics\n\nA 2023 survey');
    expect(text).toContain('bold item with a link');
    expect(text).not.toMatch(/[#*[\]]|https:/);
  });

  it('reads the text layer of a PDF, one paragraph a page', async () => {
    const text = await pdfToText(readFileSync(TURN_TEXTS_PDF));
    expect(text.split('\n\n')).toEqual([
      'Turn texts in walk-in clinics In a 2024 study of twelve walk-in clinics, patients who received a text when ' +
        'they were two places from the front came back in time in 94% of cases.',
      'Clinics that sent a second reminder after five minutes recovered most of the patients who had missed the ' +
        'first text.',
    ]);
  });

  it('refuses a file that is not a PDF with what pdf.js said', async () => {
    await expect(pdfToText(Buffer.from('%PDF-1.4 not really a pdf'))).rejects.toThrow(PdfUnreadable);
    await expect(pdfToText(Buffer.from('plain words'))).rejects.toThrow(/PDF/);
  });

  it('normalizes whitespace inside paragraphs', () => {
    expect(normalizeParagraphs('a  b\r\n c\n\n\n\n d ')).toBe('a b c\n\nd');
  });
});

describe('sources', () => {
  it('tells URLs from paths', () => {
    expect(isUrl('http://127.0.0.1:8080/a')).toBe(true);
    expect(isUrl('HTTPS://example.org')).toBe(true);
    expect(isUrl('docs/')).toBe(false);
    expect(isUrl('file:///etc/passwd')).toBe(false);
  });

  it('refuses URLs unless research networking is on, and other schemes always', () => {
    expect(() => checkSources(['docs/', 'https://example.org/a'], false)).toThrow(ResearchError);
    try {
      checkSources(['https://example.org/a'], false);
    } catch (error) {
      expect((error as ResearchError).code).toBe('E_NETWORK_DISABLED');
    }
    expect(() => checkSources(['https://example.org/a'], true)).not.toThrow();
    expect(() => checkSources(['ftp://example.org/a'], true)).toThrow(/unsupported source/);
    expect(() => checkSources([], true)).toThrow(/no sources/);
  });
});
