// The embedded store: chunks with their provenance in a LanceDB table (a folder, no server), with a
// full-text index for lexical ranking (BM25) and, when a local embedding model is configured, a vector
// column for semantic ranking. Results are ordered by score, ties by chunk id, so runs repeat.
import { compareCodePoints, type EvidenceChunk, type EvidenceSnapshot } from '@studio/sdk';
import type { Embedder } from './embeddings.js';

/** Hits kept per query. */
export const DEFAULT_TOP_K = 3;
/** Hits scoring below this share of the query's best hit are dropped. */
export const MIN_RELATIVE_SCORE = 0.3;
const TABLE = 'chunks';

export interface Hit {
  chunk_id: string;
  score: number;
}

/** The ranking a store runs, as written into the snapshot and printed by `studio research`. */
export interface Ranking {
  ranking: EvidenceSnapshot['ranking'];
  ranking_detail: string;
}

interface LanceTable {
  createIndex(column: string, options: object): Promise<void>;
  search(query: string, type: 'fts'): { limit(n: number): { toArray(): Promise<Record<string, unknown>[]> } };
  vectorSearch(vector: number[]): {
    distanceType(type: string): { limit(n: number): { toArray(): Promise<Record<string, unknown>[]> } };
  };
}
interface LanceModule {
  connect(uri: string): Promise<{
    createTable(name: string, rows: Record<string, unknown>[], options: object): Promise<LanceTable>;
  }>;
  Index: { fts(): unknown };
}

/** Words of a query: the full-text parser is given plain terms, never operators from user text. */
export function queryTerms(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** Scores are rounded so that the snapshot does not carry float noise. */
function round(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}

function ranked(
  rows: Record<string, unknown>[],
  score: (row: Record<string, unknown>) => number,
  k: number,
): Hit[] {
  const hits = rows
    .map((r) => ({ chunk_id: String(r.chunk_id), score: round(score(r)) }))
    .sort((a, b) => b.score - a.score || compareCodePoints(a.chunk_id, b.chunk_id))
    .slice(0, k);
  // A chunk that shares only a common word with the query scores far below the best match: it would
  // be a claim about something else.
  const floor = (hits[0]?.score ?? 0) * MIN_RELATIVE_SCORE;
  return hits.filter((h) => h.score > 0 && h.score >= floor);
}

export class ChunkStore {
  private constructor(
    private readonly table: LanceTable | null,
    private readonly embedder: Embedder | null,
  ) {}

  /** What ranking this store runs. */
  static ranking(embedder: Embedder | null): Ranking {
    return embedder
      ? {
          ranking: 'embedding',
          ranking_detail: `embeddings: ${embedder.name} (${embedder.detail}, cosine similarity)`,
        }
      : { ranking: 'lexical', ranking_detail: 'lexical (LanceDB full-text index, BM25)' };
  }

  /** Write the chunks into a new LanceDB database at `dir` and index them. */
  static async create(dir: string, chunks: EvidenceChunk[], embedder: Embedder | null): Promise<ChunkStore> {
    if (chunks.length === 0) return new ChunkStore(null, embedder);
    // The native library logs to stderr at warn level ("creating a new dataset"); keep errors only.
    process.env.LANCEDB_LOG ??= 'error';
    const lancedb = (await import('@lancedb/lancedb')) as unknown as LanceModule;
    const db = await lancedb.connect(dir);
    const vectors = embedder ? await embedder.embed(chunks.map((c) => c.text)) : null;
    const rows = chunks.map((c, i) => ({
      chunk_id: c.chunk_id,
      source_url: c.source_url,
      retrieved_at: c.retrieved_at,
      sha256: c.sha256,
      text: c.text,
      ...(vectors ? { vector: vectors[i] } : {}),
    }));
    const table = await db.createTable(TABLE, rows, { mode: 'overwrite' });
    await table.createIndex('text', { config: lancedb.Index.fts() });
    return new ChunkStore(table, embedder);
  }

  /** The best `k` chunks for `query`. */
  async search(query: string, k = DEFAULT_TOP_K): Promise<Hit[]> {
    if (!this.table) return [];
    if (this.embedder) {
      const [vector] = await this.embedder.embed([query], { query: true });
      const rows = await this.table.vectorSearch(vector!).distanceType('cosine').limit(k).toArray();
      return ranked(rows, (r) => 1 - Number(r._distance), k);
    }
    const terms = queryTerms(query);
    if (terms === '') return [];
    const rows = await this.table.search(terms, 'fts').limit(k).toArray();
    return ranked(rows, (r) => Number(r._score), k);
  }
}
