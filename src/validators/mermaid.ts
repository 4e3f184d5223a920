// Mermaid: every diagram must parse with mermaid's own parser (the one renderers use). mermaid needs a
// DOM when its module loads (DOMPurify), so a jsdom window is installed as a global for the import only
// and the previous globals are restored afterwards. Both are loaded on first use only (a cache miss):
// ~0.3 s of CPU from the build's bundles, ~0.9 s as published.
import type { Finding } from '@studio/sdk';
import { createRequire } from 'node:module';
import { installedBundle, registerLazyBundle } from '../cli/package-bundle.js';
import { packageVersion } from './package-version.js';
import type { HostValidator } from './types.js';

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  parse(text: string): Promise<unknown>;
}

let loading: Promise<MermaidApi> | undefined;

async function loadMermaid(): Promise<MermaidApi> {
  // The build's one-file copies of the installed versions (scripts/build.mjs) load from the code cache.
  // jsdom's is registered for this thread (the validation worker's module cache is its own); without
  // them the published packages load.
  registerLazyBundle('jsdom');
  // jsdom ships no type declarations; only its constructor is needed.
  const jsdomModule = 'jsdom';
  const { JSDOM } = (await import(jsdomModule)) as {
    JSDOM: new (html: string) => { window: { document: unknown } };
  };
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  const saved = { window: g.window, document: g.document };
  g.window = dom.window;
  g.document = dom.window.document;
  try {
    const { bundle } = installedBundle('mermaid');
    const mod = (bundle === null
      ? await import('mermaid')
      : createRequire(import.meta.url)(bundle)) as unknown as { default: MermaidApi };
    mod.default.initialize({ startOnLoad: false, securityLevel: 'strict' });
    return mod.default;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete g[key];
      else g[key] = value;
    }
  }
}

/** Location and one-line message of a mermaid parse error. Jison grammars attach `hash.loc`
 *  (1-based first_line); Langium-based ones only say "line N, column M" in the message. */
export function describeMermaidError(error: unknown): { line?: number; column?: number; message: string } {
  const e = error as { message?: unknown; hash?: { loc?: { first_line?: number; first_column?: number } } };
  const raw = typeof e.message === 'string' ? e.message : String(error);
  const lines = raw.split('\n').map((l) => l.trim());
  // Drop jison's excerpt and caret lines; keep what was expected.
  const message = lines.filter((l) => l !== '' && !/^-*\^$/.test(l) && !l.startsWith('...')).join(' ');
  const loc = e.hash?.loc;
  if (loc?.first_line !== undefined)
    return { line: loc.first_line, column: (loc.first_column ?? 0) + 1, message };
  const m = /line (\d+)(?:, column (\d+))?/i.exec(raw);
  if (m) return { line: Number(m[1]), column: m[2] === undefined ? undefined : Number(m[2]), message };
  // "No diagram type detected": the first line is what is missing.
  if (/no diagram type detected/i.test(raw)) return { line: 1, message: lines[0] ?? raw };
  return { message };
}

export function createMermaidValidator(): HostValidator {
  return {
    id: 'mermaid',
    version: `${packageVersion('mermaid')}+jsdom-${packageVersion('jsdom')}`,
    formats: ['mermaid'],
    configDigest: 'securityLevel=strict',
    async validate(files) {
      loading ??= loadMermaid();
      const mermaid = await loading;
      const findings: Finding[] = [];
      // One at a time: mermaid keeps the diagram being parsed in module state.
      for (const f of files) {
        try {
          await mermaid.parse(f.content);
        } catch (error) {
          const { line, column, message } = describeMermaidError(error);
          const finding: Finding = { path: f.path, rule: 'mermaid-parse', message };
          if (line !== undefined) finding.line = line;
          if (column !== undefined) finding.column = column;
          findings.push(finding);
        }
      }
      return findings;
    },
  };
}
