import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceSnapshot } from '@studio/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, readSnapshot } from 'spec-to-pack-studio';
import {
  type ResearchOptions,
  ResearchError,
  SNAPSHOT_FILE,
  STORE_DIR,
  research,
  specQueries,
} from '../src/research.js';
import { ChunkStore, MIN_RELATIVE_SCORE, queryTerms } from '../src/store.js';
import { localEmbedder } from '../src/embeddings.js';
import { TINY_MODEL, TURN_TEXTS_PDF, clinicSpec, tempDir, writeDocs, writeSemanticDocs } from './helpers.js';

const NOW = new Date('2026-01-02T03:04:05.678Z');
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
function temp(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

const spec = await clinicSpec();

/** `research` in `dir` as the tests run it (the clinic-queue spec, the docs folder, no network, a fixed
 *  clock), with `options` overriding. */
const researchIn = (dir: string, options: Partial<ResearchOptions> = {}) =>
  research({
    spec,
    sources: ['docs'],
    outDir: 'evidence',
    network: false,
    now: NOW,
    cwd: dir,
    canonicalJson,
    ...options,
  });

describe('studio research on local sources', () => {
  it('writes a snapshot with provenance, a LanceDB store, and hits per feature, risk and metric', async () => {
    const dir = temp();
    writeDocs(dir);
    const { snapshot, snapshotBytes } = await researchIn(dir);
    // Sorted walk, relative POSIX names, dotfiles and unknown types left out, a broken PDF reported.
    expect(snapshot.sources.map((s) => s.source_url)).toEqual([
      'docs/more/sms.html',
      'docs/notes.txt',
      'docs/waiting-rooms.md',
    ]);
    expect(snapshot.skipped).toEqual([
      { source_url: 'docs/report.pdf', reason: expect.stringMatching(/PDF/) },
    ]);
    expect(snapshot.ranking).toBe('lexical');
    expect(snapshot.ranking_detail).toMatch(/full-text index/);
    for (const c of snapshot.chunks) {
      expect(c.retrieved_at).toBe('2026-01-02T03:04:05Z');
      expect(c.chunk_id).toMatch(/^[0-9a-f]{12}-\d{3}$/);
      expect(c.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(snapshot.queries.map((q) => `${q.kind}:${q.target}`)).toEqual(
      specQueries(spec).map((q) => `${q.kind}:${q.target}`),
    );
    // The outage risk is answered by the SMS page, best first.
    const outage = snapshot.queries.find((q) => q.kind === 'risk' && /outage/i.test(q.query))!;
    const best = snapshot.chunks.find((c) => c.chunk_id === outage.hits[0]!.chunk_id)!;
    expect(best.source_url).toBe('docs/more/sms.html');
    for (const q of snapshot.queries) {
      const scores = q.hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    // What the host reads is what was written, and it passes the host's checks.
    const file = join(dir, 'evidence', SNAPSHOT_FILE);
    expect(readFileSync(file, 'utf8')).toBe(canonicalJson(snapshot));
    expect(snapshotBytes).toBe(readFileSync(file).length);
    expect(readSnapshot(join(dir, 'evidence'))).toEqual(snapshot);
    expect(readdirSync(join(dir, 'evidence', STORE_DIR))).toContain('chunks.lance');
  });

  it('gives the same snapshot bytes for the same sources and time, and replaces its own folder', async () => {
    const dir = temp();
    writeDocs(dir);
    const run = async (out: string) => {
      await researchIn(dir, { outDir: out });
      return readFileSync(join(dir, out, SNAPSHOT_FILE), 'utf8');
    };
    const first = await run('e1');
    expect(await run('e2')).toBe(first);
    expect(await run('e1')).toBe(first);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses to replace a folder that is not an evidence folder', async () => {
    const dir = temp();
    writeDocs(dir);
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 'keep.txt'), 'precious');
    await expect(researchIn(dir, { outDir: 'mine' })).rejects.toThrow(ResearchError);
    expect(existsSync(join(dir, 'mine', 'keep.txt'))).toBe(true);
  });

  it('reads PDFs by their text layer and reports one it cannot open', async () => {
    const dir = temp();
    writeDocs(dir);
    copyFileSync(TURN_TEXTS_PDF, join(dir, 'docs', 'turn-texts.pdf'));
    const { snapshot } = await researchIn(dir);
    const pdf = snapshot.sources.find((s) => s.source_url === 'docs/turn-texts.pdf')!;
    expect(pdf).toMatchObject({ via: 'file', truncated: false, tokens: 54 });
    expect(snapshot.skipped).toEqual([
      { source_url: 'docs/report.pdf', reason: expect.stringMatching(/^unreadable PDF: /) },
    ]);
    const chunk = snapshot.chunks.find((c) => c.source_url === 'docs/turn-texts.pdf')!;
    expect(chunk.text).toContain('came back in time in 94% of cases.\nClinics that sent a second reminder');
    // F-2 "Turn notification" is answered by the study in the PDF.
    const f2 = snapshot.queries.find((q) => q.target === 'F-2')!;
    expect(f2.hits.map((h) => h.chunk_id)).toContain(chunk.chunk_id);
  });

  it('cuts a long document at --max-tokens', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'long.txt'), Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' '));
    const { snapshot } = await researchIn(dir, { sources: ['long.txt'], outDir: 'ev', maxTokens: 500 });
    expect(snapshot.sources[0]).toMatchObject({ tokens: 500, truncated: true });
    expect(snapshot.chunks.map((c) => c.text.split(/\s+/).length).reduce((a, b) => a + b)).toBe(500);
  });

  it('refuses a URL without --research before reading anything', async () => {
    const dir = temp();
    await expect(
      researchIn(dir, { sources: ['http://127.0.0.1:9/page'], outDir: 'ev' }),
    ).rejects.toMatchObject({ code: 'E_NETWORK_DISABLED' });
    expect(existsSync(join(dir, 'ev'))).toBe(false);
  });
});

describe('studio research with a local embedding model', () => {
  const hitsFor = (snapshot: EvidenceSnapshot, target: string) => {
    const source = new Map(snapshot.chunks.map((c) => [c.chunk_id, c.source_url]));
    return snapshot.queries.find((q) => q.target === target)!.hits.map((h) => source.get(h.chunk_id));
  };

  it('finds the chunk that says the same in other words, which the full-text index misses', async () => {
    const dir = temp();
    writeSemanticDocs(dir);
    const run = async (out: string, embedder: Awaited<ReturnType<typeof localEmbedder>> | null) =>
      (await researchIn(dir, { outDir: out, embedder })).snapshot;
    const lexical = await run('lexical', null);
    // F-2 "Turn notification": the parking note shares its words; the alerts note shares none.
    expect(lexical.ranking).toBe('lexical');
    expect(hitsFor(lexical, 'F-2')).toEqual(['docs/parking.md']);
    const semantic = await run('semantic', await localEmbedder(TINY_MODEL));
    expect(semantic.ranking).toBe('embedding');
    expect(semantic.ranking_detail).toBe(
      'embeddings: tiny-bow-en (transformers.js, local, mean pooling, cosine similarity)',
    );
    expect(hitsFor(semantic, 'F-2')[0]).toBe('docs/alerts.md');
    const f2 = semantic.queries.find((q) => q.target === 'F-2')!;
    expect(f2.hits[0]!.score).toBeGreaterThan(f2.hits[1]?.score ?? 0);
    expect(f2.hits[0]!.score).toBeLessThanOrEqual(1);
    // The vectors sit in the LanceDB table next to the text that the full-text index covers.
    expect(readdirSync(join(dir, 'semantic', STORE_DIR))).toContain('chunks.lance');
    expect(readSnapshot(join(dir, 'semantic'))).toEqual(semantic);
  });

  it('gives the same snapshot bytes for the same sources, apart from retrieved_at', async () => {
    const dir = temp();
    writeDocs(dir);
    const embedder = await localEmbedder(TINY_MODEL);
    const run = async (out: string, now: Date) => {
      await researchIn(dir, { outDir: out, embedder, now });
      return readFileSync(join(dir, out, SNAPSHOT_FILE), 'utf8');
    };
    const first = await run('e1', NOW);
    const later = await run('e2', new Date('2026-06-07T08:09:10Z'));
    expect(later).not.toBe(first);
    expect(later.replaceAll('2026-06-07T08:09:10Z', '2026-01-02T03:04:05Z')).toBe(first);
    // A fresh embedder (model loaded again) gives the same bytes too.
    await researchIn(dir, { outDir: 'e3', embedder: await localEmbedder(TINY_MODEL) });
    expect(readFileSync(join(dir, 'e3', SNAPSHOT_FILE), 'utf8')).toBe(first);
    expect(JSON.parse(first).ranking).toBe('embedding');
  });
});

describe('store', () => {
  it('passes plain words to the full-text parser', () => {
    expect(queryTerms('Wait-time "calls" (to) front: desk?')).toBe('wait time calls to front desk');
  });

  it('ranks lexically by default and says so', async () => {
    expect(ChunkStore.ranking(null).ranking).toBe('lexical');
    const dir = temp();
    const chunk = (id: string, text: string) => ({
      chunk_id: id,
      source_url: 's',
      retrieved_at: '2026-01-01T00:00:00Z',
      sha256: '0'.repeat(64),
      text,
    });
    const store = await ChunkStore.create(
      join(dir, 'db'),
      [
        chunk('aaaaaaaaaaaa-000', 'apples and pears'),
        chunk('bbbbbbbbbbbb-000', 'queue queue queue and pears'),
      ],
      null,
    );
    const hits = await store.search('queue');
    expect(hits.map((h) => h.chunk_id)).toEqual(['bbbbbbbbbbbb-000']);
    expect(await store.search('?!')).toEqual([]);
    // "pears" alone is a weak match next to "queue" three times: below the floor, it is no evidence.
    const both = await store.search('queue pears');
    expect(both.map((h) => h.chunk_id)).toEqual(['bbbbbbbbbbbb-000']);
    const weak = await store.search('pears');
    expect(weak.map((h) => h.chunk_id).sort()).toEqual(['aaaaaaaaaaaa-000', 'bbbbbbbbbbbb-000']);
    expect(weak.every((h) => h.score >= weak[0]!.score * MIN_RELATIVE_SCORE)).toBe(true);
  });
});
