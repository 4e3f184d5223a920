// The generated documents as the run report shows them: Markdown rendered (markdown-it, raw HTML off,
// so a document can only ever produce markup markdown-it itself writes), Mermaid sources and
// ```mermaid fences as <pre class="mermaid"> blocks the page's script draws, anything else as text.
import MarkdownIt, { type MarkdownIt as Markdown } from 'markdown-it';
import type { ArtifactFormat } from '@studio/sdk';
import { escapeHtml as e } from './escape-html.js';

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

export function renderDocument(doc: ReportDocument): RenderedDocument {
  if (doc.format === 'markdown') {
    const html = markdownIt().render(doc.text);
    return { path: doc.path, html, diagrams: html.split('<pre class="mermaid">').length - 1 };
  }
  if (doc.format === 'mermaid') return { path: doc.path, html: mermaidBlock(doc.text), diagrams: 1 };
  return { path: doc.path, html: `<pre class="source"><code>${e(doc.text)}</code></pre>\n`, diagrams: 0 };
}
