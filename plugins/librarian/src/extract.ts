// Plain text from a source: readable HTML through Mozilla's Readability (the Firefox Reader View
// library) on a jsdom document that runs no scripts and loads nothing; Markdown with its markup
// stripped; text as it is; a PDF's text layer through pdf.js (unpdf's build for servers), one paragraph
// a page. Paragraphs are kept (blank lines) so chunks break at them.

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

/** Most elements Readability scores; bigger pages fall back to their body text. */
export const MAX_ELEMENTS = 5000;

/** Elements whose text is a paragraph of its own. */
const BLOCKS = new Set(
  'P LI H1 H2 H3 H4 H5 H6 PRE BLOCKQUOTE TD TH DT DD FIGCAPTION BR DIV SECTION ARTICLE HEADER FOOTER MAIN ASIDE NAV UL OL DL TABLE TR FORM FIGURE'.split(
    ' ',
  ),
);
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Text of a subtree with a paragraph break around every block element. One pass over the nodes with
 *  an explicit stack: linear in the page, and no recursion for deeply nested markup to overflow. */
function blockText(root: Node): string {
  const parts: string[] = [];
  const stack: (Node | '\n\n')[] = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === '\n\n') {
      parts.push(item);
      continue;
    }
    if (item.nodeType === TEXT_NODE) {
      parts.push(item.nodeValue ?? '');
      continue;
    }
    if (item !== root && item.nodeType !== ELEMENT_NODE) continue;
    const block = item !== root && BLOCKS.has((item as Element).tagName);
    if (block) {
      parts.push('\n\n');
      stack.push('\n\n');
    }
    for (let c = item.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return parts.join('');
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
  let article: { content?: string | null; title?: string | null } | null = null;
  try {
    // Readability's scoring grows faster than the page: past MAX_ELEMENTS it throws, and the body's
    // text (cut at the token cap later anyway) is used instead.
    article = new Readability(doc.cloneNode(true) as Document, { maxElemsToParse: MAX_ELEMENTS }).parse();
  } catch {
    article = null;
  }
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

interface UnpdfModule {
  getDocumentProxy(data: Uint8Array, options?: object): Promise<{ destroy(): Promise<void> }>;
  extractText(pdf: unknown, options: { mergePages: false }): Promise<{ text: string[] }>;
}

/** A PDF that pdf.js cannot open; the message says why. */
export class PdfUnreadable extends Error {}

/** The text layer of a PDF, a paragraph per page. A scanned PDF without one gives ''. */
export async function pdfToText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = (await import('unpdf')) as UnpdfModule;
  let pdf;
  try {
    // verbosity 0: pdf.js would print its warnings on stdout, into `--json` output. Fonts are never
    // compiled to functions (isEvalSupported) and nothing is fetched (no font or wasm URLs are given).
    pdf = await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0,
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
    });
  } catch (error) {
    throw new PdfUnreadable(error instanceof Error ? error.message : String(error));
  }
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return normalizeParagraphs(text.map((page) => page.replace(/\s+/gu, ' ')).join('\n\n'));
  } finally {
    await pdf.destroy();
  }
}
