// `studio research`: read the sources, cut each to the token cap, chunk it with provenance, store the
// chunks in LanceDB, retrieve the best chunks for every feature, risk and metric of the spec, and write
// the evidence folder: snapshot.json (what generation reads) and store/ (the LanceDB database).
// URLs are read only when the user turned research networking on (--research); otherwise nothing here
// opens a connection.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EvidenceChunk, EvidenceQuery, EvidenceSnapshot, SourceSpec } from '@studio/sdk';
import { chunkId, chunkText, sha256 } from './chunk.js';
import type { Embedder } from './embeddings.js';
import { PdfUnreadable, pdfToText, toText } from './extract.js';
import { expandLocal, isUrl } from './sources.js';
import { ChunkStore, DEFAULT_TOP_K } from './store.js';
import { capTokens } from './tokens.js';
import { WebReader, type WebOptions } from './web.js';

/** Default per-document cap, in tokens (words). */
export const DEFAULT_MAX_TOKENS = 4000;
/** Largest local file or web response read, in bytes. */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
export const SNAPSHOT_FILE = 'snapshot.json';
export const STORE_DIR = 'store';

/** A refusal or failure, with the host error code it maps to. */
export class ResearchError extends Error {
  constructor(
    readonly code: 'E_NETWORK_DISABLED' | 'E_FLAG_INVALID' | 'E_WRITE_FAILED' | 'E_CONFIG_INVALID',
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export interface ResearchOptions {
  spec: SourceSpec;
  /** Paths and URLs as the user typed them. */
  sources: string[];
  outDir: string;
  /** --research: URLs may be fetched. */
  network: boolean;
  maxTokens?: number;
  topK?: number;
  web?: Partial<WebOptions>;
  embedder?: Embedder | null;
  /** retrieved_at of everything read in this run. */
  now: Date;
  cwd?: string;
  /** Writes canonical JSON (the host's). */
  canonicalJson: (value: unknown) => string;
}

export interface ResearchOutcome {
  snapshot: EvidenceSnapshot;
  snapshotBytes: number;
}

/** Refuse network sources unless research networking is on; refuse other schemes outright. */
export function checkSources(sources: string[], network: boolean): void {
  if (sources.length === 0)
    throw new ResearchError(
      'E_FLAG_INVALID',
      'no sources given',
      'Pass --sources with files, folders or URLs.',
    );
  const urls = sources.filter(isUrl);
  if (urls.length > 0 && !network) {
    throw new ResearchError(
      'E_NETWORK_DISABLED',
      `${urls.length} source(s) are URLs, and research is offline by default: ${urls.join(', ')}`,
      'Add --research to allow fetching exactly these URLs (and their robots.txt), or pass local files.',
    );
  }
  const other = sources.find((s) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !isUrl(s));
  if (other)
    throw new ResearchError(
      'E_FLAG_INVALID',
      `unsupported source ${other}`,
      'Sources are local paths or http(s) URLs.',
    );
}

/** The queries of a spec: one per feature, risk and metric, in spec order. */
export function specQueries(spec: SourceSpec): Omit<EvidenceQuery, 'hits'>[] {
  return [
    ...spec.features.map((f) => ({
      kind: 'feature' as const,
      target: f.id,
      query: `${f.name}. ${f.description}`,
    })),
    ...spec.risks.map((r) => ({ kind: 'risk' as const, target: r.id, query: r.description })),
    ...spec.metrics.map((m) => ({ kind: 'metric' as const, target: m.name, query: m.name })),
  ];
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A folder we may replace: absent, empty, or a previous evidence folder. */
function checkOut(outDir: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory())
    throw new ResearchError(
      'E_WRITE_FAILED',
      `${outDir} exists and is not a folder`,
      'Choose another -o/--out.',
    );
  const entries = readdirSync(outDir);
  if (entries.length > 0 && !entries.includes(SNAPSHOT_FILE)) {
    throw new ResearchError(
      'E_WRITE_FAILED',
      `${outDir} is not empty and holds no ${SNAPSHOT_FILE}; it is not replaced`,
      'Choose a new or empty folder for the evidence.',
    );
  }
}

export async function research(options: ResearchOptions): Promise<ResearchOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const maxBytes = options.web?.maxBytes ?? DEFAULT_MAX_BYTES;
  checkSources(options.sources, options.network);
  const outDir = resolve(cwd, options.outDir);
  checkOut(outDir);
  const retrievedAt = isoSeconds(options.now);

  const snapshot: EvidenceSnapshot = {
    snapshot_version: 1,
    ...ChunkStore.ranking(options.embedder ?? null),
    sources: [],
    skipped: [],
    chunks: [],
    queries: [],
  };
  const seen = new Set<string>();
  const add = (name: string, text: string, via: 'file' | 'http' | 'browser') => {
    const capped = capTokens(text, maxTokens);
    if (capped.tokens === 0) {
      snapshot.skipped.push({ source_url: name, reason: 'no readable text' });
      return;
    }
    snapshot.sources.push({
      source_url: name,
      retrieved_at: retrievedAt,
      via,
      sha256: sha256(capped.text),
      tokens: capped.tokens,
      truncated: capped.truncated,
    });
    chunkText(capped.text).forEach((t, i) => {
      const chunk: EvidenceChunk = {
        chunk_id: chunkId(name, i),
        source_url: name,
        retrieved_at: retrievedAt,
        sha256: sha256(t),
        text: t,
      };
      snapshot.chunks.push(chunk);
    });
  };

  const addPdf = async (name: string, bytes: Uint8Array, via: 'file' | 'http') => {
    let text;
    try {
      text = await pdfToText(bytes);
    } catch (error) {
      if (!(error instanceof PdfUnreadable)) throw error;
      snapshot.skipped.push({ source_url: name, reason: `unreadable PDF: ${error.message}` });
      return;
    }
    add(name, text, via);
  };

  const web = options.network
    ? new WebReader({
        browser: options.web?.browser ?? 'auto',
        chromium: options.web?.chromium ?? '/usr/bin/chromium',
        maxBytes,
        timeoutMs: options.web?.timeoutMs ?? 20_000,
      })
    : null;
  try {
    for (const source of options.sources) {
      if (isUrl(source)) {
        const url = new URL(source).href;
        if (seen.has(url)) continue;
        seen.add(url);
        const page = await web!.read(url);
        if (!page.ok) snapshot.skipped.push({ source_url: url, reason: page.reason });
        else if (page.format === 'pdf') await addPdf(url, page.pdf, 'http');
        else add(url, await toText(page.body, page.format, url), page.via);
        continue;
      }
      for (const local of expandLocal(source, cwd)) {
        if (seen.has(local.name)) continue;
        seen.add(local.name);
        if (!local.ok) {
          snapshot.skipped.push({ source_url: local.name, reason: local.reason });
          continue;
        }
        if (statSync(local.file).size > maxBytes) {
          snapshot.skipped.push({ source_url: local.name, reason: `larger than ${maxBytes} bytes` });
          continue;
        }
        if (local.format === 'pdf') {
          await addPdf(local.name, readFileSync(local.file), 'file');
          continue;
        }
        const base = pathToFileURL(local.file).href;
        add(local.name, await toText(readFileSync(local.file, 'utf8'), local.format, base), 'file');
      }
    }
  } finally {
    await web?.close();
  }

  // Build everything beside the target, then swap it in: a failed run leaves the old evidence intact.
  const staging = join(dirname(outDir), `.${basename(outDir)}.tmp-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const store = await ChunkStore.create(
      join(staging, STORE_DIR),
      snapshot.chunks,
      options.embedder ?? null,
    );
    for (const q of specQueries(options.spec)) {
      snapshot.queries.push({ ...q, hits: await store.search(q.query, options.topK ?? DEFAULT_TOP_K) });
    }
    const json = options.canonicalJson(snapshot);
    writeFileSync(join(staging, SNAPSHOT_FILE), json);
    rmSync(outDir, { recursive: true, force: true });
    renameSync(staging, outDir);
    return { snapshot, snapshotBytes: Buffer.byteLength(json) };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
