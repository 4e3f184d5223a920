import type { AgentEvidence } from '@studio/sdk';
import { describe, expect, it } from 'vitest';
import librarian, { CLAIM_WORDS, buildEvidence, excerpt } from '../src/agent.js';
import { clinicSpec } from './helpers.js';

const chunk = (chunk_id: string, source_url: string, text: string) => ({
  chunk_id,
  source_url,
  sha256: 'ab'.repeat(32),
  text,
});

const evidence = (): AgentEvidence => ({
  ranking: 'lexical',
  ranking_detail: 'lexical (LanceDB full-text index, BM25)',
  chunks: [
    chunk(
      'aaaaaaaaaaaa-000',
      'docs/a.md',
      'Intro line\nPatients join the queue from home. Unrelated sentence.',
    ),
    chunk(
      'bbbbbbbbbbbb-000',
      'https://x.test/b',
      'SMS providers fail. A second provider helps during an outage.',
    ),
  ],
  queries: [
    {
      kind: 'feature',
      target: 'F-1',
      query: 'Join the queue',
      hits: [{ chunk_id: 'aaaaaaaaaaaa-000', score: 2 }],
    },
    { kind: 'feature', target: 'F-99', query: 'gone', hits: [{ chunk_id: 'bbbbbbbbbbbb-000', score: 1 }] },
    {
      kind: 'risk',
      target: 'R-2',
      query: 'SMS provider outage',
      hits: [
        { chunk_id: 'bbbbbbbbbbbb-000', score: 3 },
        { chunk_id: 'aaaaaaaaaaaa-000', score: 0.5 },
      ],
    },
    { kind: 'metric', target: 'Median time in waiting room', query: 'x', hits: [] },
  ],
});

describe('studio:librarian', () => {
  it('is the Research agent producing "evidence"', () => {
    expect(librarian.id).toBe('studio:librarian');
    expect(librarian.produces).toBe('evidence');
  });

  it('labels chunks E-n in order of first citation and lists every label with its chunk', async () => {
    const vm = buildEvidence(await clinicSpec(), evidence());
    expect(vm.citations).toEqual([
      { id: 'E-1', chunk_id: 'aaaaaaaaaaaa-000' },
      { id: 'E-2', chunk_id: 'bbbbbbbbbbbb-000' },
    ]);
    expect(vm.groups.map((g) => g.title)).toEqual(['F-1 Join the queue', 'R-2 SMS provider outage']);
    expect(vm.groups[1]!.claims.map((c) => c.citation)).toEqual(['E-2', 'E-1']);
    expect(vm.groups[0]!.claims[0]!.text).toBe('Patients join the queue from home.');
    expect(vm.sources[1]).toEqual({
      id: 'E-2',
      chunk_id: 'bbbbbbbbbbbb-000',
      source_url: 'https://x.test/b',
      sha256: 'abababababab',
    });
    expect(vm.ranking_detail).toMatch(/BM25/);
  });

  it('refuses to run outside the Research stage', async () => {
    const spec = await clinicSpec();
    expect(() => librarian.run({ spec, locale: 'en-US', inputs: {} })).toThrow(/Research stage/);
  });

  it('picks the sentence that shares most words with the query, cut to a few dozen words', () => {
    expect(excerpt('Uptime is 99.95% here. Outages of the SMS provider happen.', 'SMS provider outage')).toBe(
      'Outages of the SMS provider happen.',
    );
    const long = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    expect(excerpt(long, 'w1').split(' ')).toHaveLength(CLAIM_WORDS + 1);
  });
});
