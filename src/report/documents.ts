// The generated documents as the run report shows them: Markdown rendered (markdown-it, raw HTML off,
// so a document can only ever produce markup markdown-it itself writes), Mermaid sources and
// ```mermaid fences as <pre class="mermaid"> blocks the page's script draws, anything else as text.
//
// markdown-it is required only when a document's HTML is not in the cache (`report/` under the cache
// root): a warm run then neither loads nor runs it (its render was ~10 ms of a balanced run's CPU and
// ~35 ms of a deep one's).
import { createRequire } from 'node:module';
import type MarkdownItClass from 'markdown-it';
import type { MarkdownIt as Markdown } from 'markdown-it';
import type { ArtifactFormat } from '@studio/sdk';
import { type MemoCache, memoKey } from '../util/memo-cache.js';
import { packageVersion } from '../validators/package-version.js';
import { escapeHtml as e } from './escape-html.js';

/** Part of the cache key of a document's HTML: change it whenever markdownIt() below renders
 *  differently (its options or rules, mermaidBlock, the escaping). */
const RENDERER_REVISION = '1';

/** One generated document, as written to the output folder. */
export interface ReportDocument {
  /** Relative POSIX path. */
  path: string;
  /** Format the pack declared (decides how it is shown). */
  format: ArtifactFormat;
  /** The file's text. */
  text: string;
}

/** A document rendered for the report. */
export interface RenderedDocument {
  path: string;
  /** HTML of the document's body. */
  html: string;
  /** Number of Mermaid diagrams in it. */
  diagrams: number;
  /** Set when `studio update` merged hand edits into it ("conflict": it holds conflict markers). */
  merge?: 'merged' | 'conflict';
}

function mermaidBlock(source: string): string {
  return `<pre class="mermaid">${e(source)}</pre>\n`;
}

let markdown: Markdown | undefined;
function markdownIt(): Markdown {
  if (markdown !== undefined) return markdown;
  const MarkdownIt = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItClass;
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    return token.info.trim().split(/\s+/)[0] === 'mermaid'
      ? mermaidBlock(token.content)
      : fence(tokens, idx, options, env, self);
  };
  // Tables may be wider than the page; they scroll inside their own box instead.
  md.renderer.rules.table_open = () => '<div class="table-scroll"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';
  markdown = md;
  return md;
}

/** The HTML of a Markdown text, from `cache` when it holds it (the key is the digest of the text, the
 *  renderer's revision and markdown-it's version). */
function markdownHtml(text: string, cache: MemoCache | null | undefined): string {
  if (!cache) return markdownIt().render(text);
  const key = memoKey(['report-html', RENDERER_REVISION, packageVersion('markdown-it'), text]);
  return cache.through(key, () => markdownIt().render(text))!;
}

/** A document as the report shows it; `cache` (when given) holds the HTML of Markdown documents. */
export function renderDocument(doc: ReportDocument, cache?: MemoCache | null): RenderedDocument {
  if (doc.format === 'markdown') {
    const html = markdownHtml(doc.text, cache);
    return { path: doc.path, html, diagrams: html.split('<pre class="mermaid">').length - 1 };
  }
  if (doc.format === 'mermaid') return { path: doc.path, html: mermaidBlock(doc.text), diagrams: 1 };
  return { path: doc.path, html: `<pre class="source"><code>${e(doc.text)}</code></pre>\n`, diagrams: 0 };
}
