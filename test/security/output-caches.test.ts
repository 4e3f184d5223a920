// Caches a pack's output flows into. The run report's HTML cache (report/ under the cache root) holds
// markdown-it's rendering of text a pack wrote, and the traceability cache (traceability/) remembers
// that a pack's rendered files passed. A pack controls that text, so it controls which entries get
// filled and with what text they are keyed: these are the ways it could try to get markup into a
// report, or a failing output past the traceability check, through those caches.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import type { TraceRule } from '@studio/sdk';
import { checkTraceability, traceabilityPassKey } from '../../src/pipeline/traceability.js';
import { harnessSpecs } from '../../src/gates/harness-specs.js';
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

describe('attacks on the traceability check through its pass cache', () => {
  const spec = harnessSpecs()[1]!.spec;
  const rules: TraceRule[] = [{ name: 'every feature is covered', ids: 'features', in: ['a', 'b'] }];
  const ids = spec.features.map((f) => f.id);
  const traceCache = new MemoCache(join(root, 'traceability'));

  it('a pass for one output is never a pass for another: every file is keyed apart', () => {
    const whole = [
      { artifactId: 'a', path: 'a.md', content: ids.join(' ') },
      { artifactId: 'b', path: 'b.md', content: '' },
    ];
    expect(checkTraceability(spec, rules, whole, traceCache)).toEqual([]);
    // The same bytes split differently between files, or given to another artifact id or path, are
    // other outputs: their keys differ, so no earlier pass stands for them.
    const split = [
      { artifactId: 'a', path: 'a.md', content: ids.slice(0, 1).join(' ') },
      { artifactId: 'b', path: 'b.md', content: ` ${ids.slice(1).join(' ')}` },
    ];
    const renamed = whole.map((f) => ({ ...f, path: `x/${f.path}` }));
    const keys = new Set([whole, split, renamed].map((files) => traceabilityPassKey(spec, rules, files)));
    expect(keys.size).toBe(3);
    // A later render that lost an id is checked, whatever passed before.
    const lost = [{ ...whole[0]!, content: ids.slice(1).join(' ') }, whole[1]!];
    expect(checkTraceability(spec, rules, lost, traceCache)).toHaveLength(1);
  });
});
