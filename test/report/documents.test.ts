import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/report/documents.js';
import { entryFiles } from '../util/memo-cache-files.js';
import { MemoCache } from '../../src/util/memo-cache.js';

const parse = (html: string) => new JSDOM(`<body>${html}</body>`).window.document;
const EVIL = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

describe('renderDocument', () => {
  it('renders Markdown: headings, tables in a scroll box, lists, code', () => {
    const text = '# Title\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n- one\n- two\n\n`code`\n';
    const r = renderDocument({ path: 'prd.md', format: 'markdown', text });
    const doc = parse(r.html);
    expect(doc.querySelector('h1')?.textContent).toBe('Title');
    expect(doc.querySelector('.table-scroll > table td')?.textContent).toBe('1');
    expect([...doc.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(doc.querySelector('code')?.textContent).toBe('code');
    expect(r.diagrams).toBe(0);
  });

  it('never passes raw HTML or a script URL through', () => {
    const text = `${EVIL}\n\n[click](javascript:alert(1)) <a href="x">y</a>\n`;
    const r = renderDocument({ path: 'x.md', format: 'markdown', text });
    const doc = parse(r.html);
    expect(doc.querySelectorAll('script, img, a')).toHaveLength(0);
    expect(doc.body.textContent).toContain('<script>alert("x")</script>');
  });

  it('turns a Mermaid file and a ```mermaid fence into diagrams; other fences stay code', () => {
    const mmd = renderDocument({ path: 'l.mmd', format: 'mermaid', text: 'stateDiagram-v2\n  a --> b\n' });
    expect(mmd.diagrams).toBe(1);
    expect(parse(mmd.html).querySelector('pre.mermaid')?.textContent).toBe('stateDiagram-v2\n  a --> b\n');
    const md = renderDocument({
      path: 'd.md',
      format: 'markdown',
      text: '```mermaid\ngraph TD\n  A-->B\n```\n\n```js\nlet x = "<b>";\n```\n',
    });
    expect(md.diagrams).toBe(1);
    const doc = parse(md.html);
    expect(doc.querySelector('pre.mermaid')?.textContent).toBe('graph TD\n  A-->B\n');
    expect(doc.querySelector('pre > code.language-js')?.textContent).toBe('let x = "<b>";\n');
  });

  it('shows JSON, YAML and workflows as escaped source text', () => {
    const r = renderDocument({
      path: 'ci/workflow.yml',
      format: 'github-workflow',
      text: `name: "${EVIL}"\n`,
    });
    const doc = parse(r.html);
    expect(doc.querySelector('pre.source code')?.textContent).toBe(`name: "${EVIL}"\n`);
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
    expect(r.diagrams).toBe(0);
  });
});

describe('renderDocument: the HTML cache (report/)', () => {
  const root = mkdtempSync(join(tmpdir(), 'studio-report-html-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const newCache = () => new MemoCache(join(root, `c${(n += 1)}`));
  const TEXT = '# Plan\n\n```mermaid\ngraph TD\n  A-->B\n```\n\n| a |\n| --- |\n| 1 |\n';
  const md = (text: string) => ({ path: 'plan.md', format: 'markdown' as const, text });

  it('gives the same HTML and diagram count from the cache as rendered, for Markdown only', () => {
    const cache = newCache();
    const plain = renderDocument(md(TEXT));
    expect(renderDocument(md(TEXT), cache)).toEqual(plain);
    expect(entryFiles(cache)).toHaveLength(1);
    expect(renderDocument(md(TEXT), cache)).toEqual(plain);
    expect(renderDocument({ path: 'l.mmd', format: 'mermaid', text: 'graph TD\n' }, cache).diagrams).toBe(1);
    expect(renderDocument({ path: 'a.json', format: 'json', text: '{}' }, cache).diagrams).toBe(0);
    expect(entryFiles(cache)).toHaveLength(1);
  });

  it('uses an intact entry, ignores and rewrites a damaged one, and misses for an edited text', () => {
    const cache = newCache();
    const plain = renderDocument(md(TEXT));
    renderDocument(md(TEXT), cache);
    const [entry] = entryFiles(cache);
    const good = readFileSync(entry!, 'utf8');
    // An intact entry is what a warm run shows (markdown-it does not run).
    const other = newCache();
    other.set('0'.repeat(64), '<p>cached</p>\n');
    writeFileSync(entry!, readFileSync(entryFiles(other)[0]!, 'utf8'));
    expect(renderDocument(md(TEXT), cache).html).toBe('<p>cached</p>\n');
    for (const damaged of [good.replace('Plan', 'Evil<script>'), good.slice(0, 30), '']) {
      writeFileSync(entry!, damaged);
      expect(renderDocument(md(TEXT), cache)).toEqual(plain);
      expect(readFileSync(entry!, 'utf8')).toBe(good);
    }
    expect(renderDocument(md(`${TEXT}\nmore\n`), cache).html).toContain('<p>more</p>');
    expect(entryFiles(cache)).toHaveLength(2);
  });

  it('without a cache (--no-cache) renders and stores nothing', () => {
    const cache = newCache();
    renderDocument(md(TEXT), null);
    renderDocument(md(TEXT));
    expect(entryFiles(cache)).toHaveLength(0);
  });
});
