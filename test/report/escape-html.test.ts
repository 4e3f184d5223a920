import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escape-html.js';

describe('escapeHtml', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('turns control characters into U+FFFD but keeps tabs and newlines', () => {
    expect(escapeHtml('a\u0000b\u001bc\u0085d\te\nf')).toBe('a\uFFFDb\uFFFDc\uFFFDd\te\nf');
  });

  it('formats numbers and booleans as text', () => {
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml(false)).toBe('false');
  });

  it('round-trips any text through an HTML parser, as content and as an attribute', () => {
    const doc = new JSDOM('').window.document;
    const host = doc.createElement('div');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        // Controls other than tab, LF and CR are expected to come back as U+FFFD.
        // eslint-disable-next-line no-control-regex
        const visible = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '\uFFFD');
        host.innerHTML = `<p title="${escapeHtml(text)}">${escapeHtml(text)}</p><i title='${escapeHtml(text)}'></i>`;
        expect(host.children).toHaveLength(2);
        const p = host.querySelector('p')!;
        expect(p.children).toHaveLength(0);
        // HTML parsing normalises CR and CRLF to LF.
        const normalised = visible.replace(/\r\n?/g, '\n');
        expect(p.textContent).toBe(normalised);
        expect(p.getAttribute('title')).toBe(normalised);
        expect(host.querySelector('i')!.getAttribute('title')).toBe(normalised);
      }),
      { numRuns: 500 },
    );
  });
});
