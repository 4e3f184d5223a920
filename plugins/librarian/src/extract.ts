// Plain text from a source: readable HTML through Mozilla's Readability (the Firefox Reader View
// library) on a jsdom document that runs no scripts and loads nothing; Markdown with its markup
// stripped; text as it is. Paragraphs are kept (blank lines) so chunks break at them.

/** What a source's bytes are. */
export type SourceFormat = 'html' | 'markdown' | 'text';

interface JsdomModule {
  JSDOM: new (html: string, options?: { url?: string }) => { window: Window & typeof globalThis };
}

let jsdom: Promise<JsdomModule> | undefined;
function loadJsdom(): Promise<JsdomModule> {
  // jsdom ships no type declarations; only its constructor is used.
  const name = 'jsdom';
  jsdom ??= import(name) as Promise<JsdomModule>;
  return jsdom;
}

const BLOCKS =
  'p, li, h1, h2, h3, h4, h5, h6, pre, blockquote, td, th, dt, dd, figcaption, br, div, section, article';

/** Text of an element with a paragraph break after every block element. */
function blockText(root: Element): string {
  const doc = root.ownerDocument;
  for (const el of Array.from(root.querySelectorAll(BLOCKS))) el.after(doc.createTextNode('\n\n'));
  return root.textContent ?? '';
}

/** Collapse spaces inside paragraphs; one blank line between paragraphs; no empty paragraphs. */
export function normalizeParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/u)
    .map((p) => p.replace(/\s+/gu, ' ').trim())
    .filter((p) => p.length > 0)
    .join('\n\n');
}

/** The readable text of an HTML page: Readability's article when it finds one, else the body. */
export async function htmlToText(html: string, url: string): Promise<{ text: string; title: string }> {
  const { JSDOM } = await loadJsdom();
  const { Readability } = await import('@mozilla/readability');
  // No `runScripts` and no `resources`: jsdom neither executes the page's scripts nor fetches anything.
  const dom = new JSDOM(html, { url });
  const doc = dom.window.document;
  for (const el of Array.from(doc.querySelectorAll('script, style, noscript, template'))) el.remove();
  const title = doc.title.trim();
  // Readability changes the document it reads: give it a copy, keep the original for the fallback.
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  let text = '';
  if (article?.content) {
    const holder = doc.createElement('div');
    holder.innerHTML = article.content;
    text = normalizeParagraphs(blockText(holder));
  }
  if (text.length === 0 && doc.body) text = normalizeParagraphs(blockText(doc.body));
  dom.window.close();
  return { text, title: article?.title?.trim() || title };
}

/** Markdown to plain paragraphs: fences, headings, list markers, emphasis, links and images reduced to text. */
export function markdownToText(md: string): string {
  const out = md
    .replace(/\r\n?/g, '\n')
    .replace(/^---\n[\s\S]*?\n---\n/, '') // front matter
    .replace(/^(```|~~~).*$/gm, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/gm, '$1\n')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '\n')
    .replace(/^\s*>\s?/gm, '')
    .replace(/^\s*\|?\s*:?-{3,}.*$/gm, '')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(^|\W)[*_]([^*_\n]+)[*_](?=\W|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\|/g, ' ');
  return normalizeParagraphs(out);
}

/** Plain text of a source in any supported format. */
export async function toText(body: string, format: SourceFormat, url: string): Promise<string> {
  if (format === 'html') return (await htmlToText(body, url)).text;
  if (format === 'markdown') return markdownToText(body);
  return normalizeParagraphs(body);
}
