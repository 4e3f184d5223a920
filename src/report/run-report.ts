// run_report.html: the page a person opens after a run: the run's record and every generated document,
// rendered, with its diagrams drawn. No external requests (a CSP meta tag forbids them even if a value
// slipped through); the only scripts are mermaid and a drawing script from the assets folder beside the
// page (src/report/assets.ts), and only when there is a diagram. Every value is escaped, links are
// relative so the page works wherever the folder is copied. It is a record of one run, not an artifact.
import { unsafePathReason } from '../util/safe-path.js';
import { escapeHtml as e } from './escape-html.js';
import { DRAW_ASSET, MERMAID_ASSET } from './assets.js';
import type { RenderedDocument } from './documents.js';

/** Status of one orchestrator stage in a report (reports are written by successful runs only). */
export type StageStatus = 'ok' | 'skipped';

/** Everything the report shows; the Report stage fills it from the run context and the index. A report
 *  is written only by a run that passed every stage and validator, so it has no failure to show. */
export interface RunReportData {
  /** Id of the run (also in audit.jsonl). */
  runId: string;
  /** Requested pack ids. */
  pack: string[];
  /** Engine version. */
  engineVersion: string;
  /** When the run started, ISO 8601 UTC. */
  startedAt: string;
  /** Orchestrator stages in the order they ran. */
  stages: { name: string; status: StageStatus; duration_ms: number }[];
  /** Indexed artifacts with the validators that checked them. */
  artifacts: { path: string; pack: string; bytes: number; sha256: string; validators: string[] }[];
  /** Placeholders Framer-lite filled, as questions for the author. */
  openQuestions: { pointer: string; question: string }[];
  /** The generated documents, rendered (src/report/documents.ts); absent in a report without them. */
  documents?: RenderedDocument[];
  /** Warnings the run printed (e.g. messages shown in English for want of a locale catalog). */
  warnings?: string[];
}

const STYLE = `
:root { color-scheme: light dark; --ok: #1a7f37; --muted: #6e7781; --line: #d0d7de; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.status { display: inline-block; padding: .1rem .6rem; border-radius: 1rem; color: #fff; font-weight: 600; }
.status.ok { background: var(--ok); } .status.skipped { background: var(--muted); } .status.failed { background: #cf222e; }
.meta { color: var(--muted); }
.counts { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem 1rem; }
.counts b { display: block; font-size: 1.3rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.empty { color: var(--muted); font-style: italic; }
.toc { columns: 16rem; padding-left: 1.2rem; }
.document { border: 1px solid var(--line); border-radius: .5rem; margin: 1.5rem 0; padding: 0 1rem 1rem; min-width: 0; }
.document > h3 { margin: 0 -1rem 1rem; padding: .5rem 1rem; border-bottom: 1px solid var(--line); font-size: 1rem; }
.doc { overflow-wrap: anywhere; }
.doc h1 { font-size: 1.35rem; } .doc h2 { font-size: 1.15rem; border: 0; } .doc h3 { font-size: 1rem; }
.doc pre, pre.source { overflow-x: auto; padding: .5rem; border: 1px solid var(--line); border-radius: .3rem; }
.doc pre code, pre.source code { word-break: normal; white-space: pre; }
.table-scroll { overflow-x: auto; max-width: 100%; }
.table-scroll td, .table-scroll th { min-width: 4rem; }
pre.mermaid { overflow-x: auto; text-align: center; border: 0; background: transparent; }
pre.mermaid svg { max-width: 100%; height: auto; }
`;

/** Digits grouped with thin spaces, independent of the process locale. */
function groupDigits(n: number): string {
  const [int, frac] = String(n).split('.');
  const grouped = (int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** A relative href for an artifact path, or undefined when the path is not a safe relative path
 *  (then no link is made: a report must never point outside its folder or at a URL scheme). */
function hrefFor(path: string): string | undefined {
  if (unsafePathReason(path) !== null) return undefined;
  try {
    return path.split('/').map(encodeURIComponent).join('/');
  } catch {
    return undefined; // a lone surrogate cannot be percent-encoded
  }
}

function status(value: StageStatus): string {
  return `<span class="status ${value}">${e(value)}</span>`;
}

function section(id: string, title: string, count: number, body: string, empty: string): string {
  const content = count === 0 ? `<p class="empty">${e(empty)}</p>` : body;
  return `<section id="${id}">\n<h2>${e(title)} (${count})</h2>\n${content}\n</section>`;
}

function table(head: string[], rows: string[][], numeric: number[] = []): string {
  const th = head.map((h) => `<th scope="col">${e(h)}</th>`).join('');
  const tr = rows.map(
    (r) =>
      `<tr>${r.map((c, i) => (numeric.includes(i) ? `<td class="num">${c}</td>` : `<td>${c}</td>`)).join('')}</tr>`,
  );
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${tr.join('\n')}\n</tbody>\n</table>`;
}

function summary(data: RunReportData): string {
  const totalMs = data.stages.reduce((sum, s) => sum + s.duration_ms, 0);
  const totalBytes = data.artifacts.reduce((sum, a) => sum + a.bytes, 0);
  const counts: [string, string][] = [
    ['artifacts', groupDigits(data.artifacts.length)],
    ['bytes', groupDigits(totalBytes)],
    ['open questions', groupDigits(data.openQuestions.length)],
    ['stages', groupDigits(data.stages.length)],
    ['total ms', groupDigits(Math.round(totalMs))],
  ];
  const items = counts.map(
    ([label, value]) => `<li data-count="${e(label)}"><b>${e(value)}</b>${e(label)}</li>`,
  );
  return `<section id="summary">\n<ul class="counts">\n${items.join('\n')}\n</ul>\n</section>`;
}

function stages(data: RunReportData): string {
  const rows = data.stages.map((s) => [e(s.name), status(s.status), e(groupDigits(s.duration_ms))]);
  return section(
    'stages',
    'Stages',
    data.stages.length,
    table(['stage', 'status', 'ms'], rows, [2]),
    'No stage ran.',
  );
}

function artifacts(data: RunReportData): string {
  const rows = data.artifacts.map((a) => {
    const href = hrefFor(a.path);
    const name =
      href === undefined ? `<code>${e(a.path)}</code>` : `<a href="${e(href)}"><code>${e(a.path)}</code></a>`;
    return [
      name,
      e(a.pack),
      e(groupDigits(a.bytes)),
      `<code>${e(a.sha256)}</code>`,
      e(a.validators.join(', ') || '—'),
    ];
  });
  const body = table(['path', 'pack', 'bytes', 'sha256', 'validators'], rows, [2]);
  return section('artifacts', 'Artifacts', data.artifacts.length, body, 'No artifact was written.');
}

function openQuestions(data: RunReportData): string {
  const items = data.openQuestions.map(
    (q) => `<li><code>${e(q.pointer === '' ? '/' : q.pointer)}</code> ${e(q.question)}</li>`,
  );
  const body = `<ul>\n${items.join('\n')}\n</ul>`;
  return section(
    'open-questions',
    'Open questions',
    data.openQuestions.length,
    body,
    'None: no placeholder was needed.',
  );
}

function warningsSection(warnings: readonly string[]): string {
  const items = warnings.map((w) => `<li>${e(w)}</li>`);
  return section('warnings', 'Warnings', warnings.length, `<ul>\n${items.join('\n')}\n</ul>`, '');
}

function mergeBadge(merge: RenderedDocument['merge']): string {
  if (merge === undefined) return '';
  const label = merge === 'merged' ? 'keeps hand edits' : 'unresolved merge conflict';
  return ` <span class="status ${merge === 'merged' ? 'skipped' : 'failed'}" data-merge="${merge}">${label}</span>`;
}

function documents(data: RunReportData): string {
  const docs = data.documents ?? [];
  const toc = docs.map((d, i) => `<li><a href="#doc-${i + 1}"><code>${e(d.path)}</code></a></li>`);
  const articles = docs.map(
    (d, i) =>
      `<article class="document" id="doc-${i + 1}">\n<h3><code>${e(d.path)}</code>${mergeBadge(d.merge)}</h3>\n` +
      `<div class="doc">\n${d.html}</div>\n</article>`,
  );
  const body = `<ul class="toc">\n${toc.join('\n')}\n</ul>\n${articles.join('\n')}`;
  return section('documents', 'Documents', docs.length, body, 'No document was generated.');
}

/** True when the page has diagrams to draw, so it loads mermaid from its assets folder. */
export function reportDrawsDiagrams(data: RunReportData): boolean {
  return (data.documents ?? []).some((d) => d.diagrams > 0);
}

/** The whole run report as one HTML document (UTF-8, LF line endings). Pure: same data, same page. */
export function renderRunReport(data: RunReportData): string {
  const verdict = 'passed';
  const packs = data.pack.length === 0 ? '—' : data.pack.join(', ');
  const draws = reportDrawsDiagrams(data);
  // Scripts only from the assets folder beside the page ('self'), and only when there is a diagram.
  const scriptSrc = draws ? "script-src 'self'" : "script-src 'none'";
  const scripts = draws
    ? `<script src="${MERMAID_ASSET}" defer></script>\n<script src="${DRAW_ASSET}" defer></script>\n`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; ${scriptSrc}; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>studio run ${e(data.runId)}: ${verdict}</title>
<style>${STYLE}</style>
${scripts}</head>
<body>
<header>
<h1>Run report <span id="verdict" class="status ok">${verdict}</span></h1>
<p class="meta">Run <code>${e(data.runId)}</code> · pack ${e(packs)} · studio ${e(data.engineVersion)} · started ${e(data.startedAt)}</p>
</header>
<main>
${summary(data)}
${stages(data)}
${artifacts(data)}
${openQuestions(data)}
${data.warnings?.length ? `${warningsSection(data.warnings)}\n` : ''}${data.documents === undefined ? '' : `${documents(data)}\n`}</main>
</body>
</html>
`;
}
