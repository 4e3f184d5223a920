import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/report/documents.js';

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
