// The run report's HTML cache (report/ under the cache root) holds markdown-it's rendering of text a
// pack wrote. A pack controls that text, so it controls which entries get filled and with what text
// they are keyed; these are the ways it could try to get markup into a report through the cache.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/report/documents.js';
import { MemoCache, memoKey } from '../../src/util/memo-cache.js';

const root = mkdtempSync(join(tmpdir(), 'studio-report-cache-attack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const cache = new MemoCache(join(root, 'report'));
const md = (path: string, text: string) => ({ path, format: 'markdown' as const, text });
const active = (html: string) =>
  new JSDOM(`<body>${html}</body>`).window.document.querySelectorAll(
    'script, img, iframe, object, a[href^="javascript"], [onerror], [onload], style',
  ).length;

describe('attacks on the run report through its HTML cache', () => {
  it('markup in a document stays text whether its HTML is rendered or read from the cache', () => {
    const text =
      '# Notes\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))\n';
    const cold = renderDocument(md('notes.md', text), cache);
    const warm = renderDocument(md('notes.md', text), cache);
    expect(warm).toEqual(cold);
    expect(active(warm.html)).toBe(0);
    expect(warm.html).toContain('&lt;script&gt;');
  });

  it("a document cannot fill the entry another document's HTML is read from", () => {
    const victim = md('prd.md', '# PRD\n\nThe real product.\n');
    const expected = renderDocument(victim);
    // The attacker's text imitates an entry (a digest header and a script), names the victim's key and
    // embeds the victim's text: its own entry is keyed by its own whole text, whatever it holds.
    const victimKey = memoKey(['report-html', '1', 'x', victim.text]);
    const forged = `sha256:${'a'.repeat(64)}\n<script>alert(1)</script>\n${victimKey}\n${victim.text}`;
    const attacker = renderDocument(md('evil.md', forged), cache);
    expect(active(attacker.html)).toBe(0);
    expect(renderDocument(victim, cache)).toEqual(expected);
    expect(renderDocument(victim, cache)).toEqual(expected);
    // Entry names are hex digests: no text can name a path outside the cache folder.
    for (const d of readdirSync(cache.dir)) {
      expect(d).toMatch(/^[0-9a-f]{2}$/);
      for (const f of readdirSync(join(cache.dir, d))) expect(f).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
