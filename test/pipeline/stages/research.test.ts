import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceSnapshot } from '@studio/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import type { StudioError } from '../../../src/errors/studio-error.js';
import { generate } from '../../../src/pipeline/orchestrator.js';
import {
  SNAPSHOT_FILE,
  agentEvidence,
  checkCitations,
  readSnapshot,
  type ResearchResult,
} from '../../../src/pipeline/stages/research.js';
import { buildCatalog } from '../../../src/plugins/discovery.js';
import { canonicalJson } from '../../../src/util/canonical-json.js';
import { tempDir } from '../../e2e/cli.js';
import { REPO, ensureFirstPartyBuilt, pluginFromDir } from '../../gates/first-party.js';
import { thrown } from '../../errors/studio-failure.js';

const EXAMPLE = join(REPO, 'examples/clinic-queue');
const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const RETRIEVED = '2026-03-04T05:06:07Z';

function chunk(source_url: string, n: number, text: string) {
  return {
    chunk_id: `${sha(source_url).slice(0, 12)}-00${n}`,
    source_url,
    retrieved_at: RETRIEVED,
    sha256: sha(text),
    text,
  };
}

const CHUNKS = [
  chunk(
    'docs/queues.md',
    0,
    'Clinics that let patients join a queue remotely cut time in the waiting room by half.',
  ),
  chunk(
    'http://127.0.0.1:8080/sms',
    0,
    'Falling back to a second provider during an SMS provider outage keeps texts flowing.',
  ),
];

function snapshot(): EvidenceSnapshot {
  return {
    snapshot_version: 1,
    ranking: 'lexical',
    ranking_detail: 'lexical (LanceDB full-text index, BM25)',
    sources: [],
    skipped: [],
    chunks: structuredClone(CHUNKS),
    queries: [
      {
        kind: 'feature',
        target: 'F-1',
        query: 'Join the queue',
        hits: [{ chunk_id: CHUNKS[0]!.chunk_id, score: 1.5 }],
      },
      {
        kind: 'risk',
        target: 'R-2',
        query: 'SMS provider outage',
        hits: [
          { chunk_id: CHUNKS[1]!.chunk_id, score: 2.25 },
          { chunk_id: CHUNKS[0]!.chunk_id, score: 0.5 },
        ],
      },
    ],
  };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const d = tempDir('studio-research-');
  dirs.push(d);
  return d;
}
function writeSnapshot(value: unknown): string {
  const dir = temp();
  writeFileSync(join(dir, SNAPSHOT_FILE), typeof value === 'string' ? value : canonicalJson(value));
  return dir;
}

const failure = (fn: () => unknown): StudioError => thrown(fn);

describe('readSnapshot', () => {
  it('reads a valid snapshot', () => {
    expect(readSnapshot(writeSnapshot(snapshot()))).toEqual(snapshot());
  });

  it('refuses a missing, malformed or inconsistent snapshot with E_EVIDENCE_INVALID (exit 2)', () => {
    const missing = failure(() => readSnapshot(temp()));
    expect(missing.code).toBe('E_EVIDENCE_INVALID');
    expect(missing.exitCode).toBe(2);
    expect(failure(() => readSnapshot(writeSnapshot('{nope'))).message).toMatch(/not valid JSON/);
    // Read by the one strict JSON reader: a repeated key is refused, with its line.
    const repeated = failure(() =>
      readSnapshot(writeSnapshot('{\n  "schema_version": 1,\n  "schema_version": 1\n}')),
    );
    expect(repeated).toMatchObject({ code: 'E_EVIDENCE_INVALID', line: 3 });
    expect(repeated.message).toMatch(/"schema_version" twice/);
    const badId = snapshot();
    badId.chunks[0]!.chunk_id = 'x';
    expect(failure(() => readSnapshot(writeSnapshot(badId))).details.length).toBeGreaterThan(0);
    const dangling = snapshot();
    dangling.queries[0]!.hits[0]!.chunk_id = 'ffffffffffff-009';
    expect(failure(() => readSnapshot(writeSnapshot(dangling))).message).toMatch(/ffffffffffff-009/);
    const twice = snapshot();
    twice.chunks.push(structuredClone(twice.chunks[0]!));
    expect(failure(() => readSnapshot(writeSnapshot(twice))).message).toMatch(/appears twice/);
  });

  it('keeps retrieval times away from agents', () => {
    expect(JSON.stringify(agentEvidence(snapshot()))).not.toContain(RETRIEVED);
  });
});

describe('checkCitations', () => {
  const research = (citations: { id: string; chunk_id: string }[]): ResearchResult => ({
    snapshot: snapshot(),
    model: { citations },
    agentId: 'test:research',
  });

  it('accepts citations that resolve to snapshot chunks, escaped or not', () => {
    const r = research([{ id: 'E-1', chunk_id: CHUNKS[0]!.chunk_id }]);
    expect(checkCitations(r, [{ path: 'prd.md', content: 'a claim [E-1] and \\[E-1\\]' }])).toEqual([]);
  });

  it('flags a printed label that is no citation, and a citation of a chunk the snapshot lacks', () => {
    const r = research([
      { id: 'E-1', chunk_id: CHUNKS[0]!.chunk_id },
      { id: 'E-2', chunk_id: 'ffffffffffff-000' },
    ]);
    const findings = checkCitations(r, [
      { path: 'prd.md', content: 'fine [E-1], invented \\[E-7\\]' },
      { path: 'brief.md', content: 'no citations' },
    ]);
    expect(findings.map((f) => [f.path, f.rule])).toEqual([
      [SNAPSHOT_FILE, 'traceability'],
      ['prd.md', 'traceability'],
    ]);
    expect(findings[0]!.message).toContain('ffffffffffff-000');
    expect(findings[1]!.message).toContain('E-7');
    expect(findings[1]!.message).not.toContain('E-1 ');
  });
});

describe('generate --evidence', () => {
  ensureFirstPartyBuilt();
  const dirsOf = (withLibrarian: boolean) => [
    'plugins/agents-core',
    'plugins/agents-deep',
    ...(withLibrarian ? ['plugins/librarian'] : []),
    'packs/balanced',
    'packs/deep',
  ];
  const catalog = (withLibrarian = true) =>
    buildCatalog(dirsOf(withLibrarian).map((d) => pluginFromDir(join(REPO, d))));
  const run = (out: string, evidenceDir?: string, withLibrarian = true) =>
    generate({
      ideaFile: join(EXAMPLE, 'idea.yaml'),
      decisionsFile: join(EXAMPLE, 'decisions.yaml'),
      packIds: ['balanced', 'deep'],
      outDir: out,
      catalog: catalog(withLibrarian),
      engineVersion: '0.1.0',
      env: { SOURCE_DATE_EPOCH: '0' },
      evidenceDir,
    });

  it('adds an Evidence section to both PRDs whose citations name snapshot chunks, byte-stable', async () => {
    const evidence = writeSnapshot(snapshot());
    const root = temp();
    const result = await run(join(root, 'a'), evidence);
    expect(result.stages.find((s) => s.name === 'Research')?.status).toBe('ok');
    for (const file of ['prd.md', 'prd_engineering_deep.md']) {
      const text = readFileSync(join(root, 'a', file), 'utf8');
      const section = text.slice(text.indexOf('## Evidence'));
      expect(section).toMatch(/^## Evidence\n/);
      expect(section).toContain('F-1 Join the queue');
      expect(section).toContain('R-2 SMS provider outage');
      expect(section).toContain('BM25');
      // Each label the claims use is listed with a chunk id of the snapshot.
      const listed = new Map(
        [...section.matchAll(/^- \[(E-\d+)\] .*, chunk ([0-9a-f]{12}-\d{3}) /gm)].map((m) => [m[1], m[2]]),
      );
      expect([...listed.keys()]).toEqual(['E-1', 'E-2']);
      expect([...listed.values()]).toEqual([CHUNKS[0]!.chunk_id, CHUNKS[1]!.chunk_id]);
      for (const m of section.matchAll(/” \[(E-\d+)\]$/gm)) expect(listed.has(m[1])).toBe(true);
    }
    for (const entry of result.index.artifacts) {
      expect(readFileSync(join(root, 'a', entry.path), 'utf8')).not.toContain(RETRIEVED);
    }
    await run(join(root, 'b'), evidence);
    for (const entry of result.index.artifacts) {
      expect(readFileSync(join(root, 'b', entry.path))).toEqual(readFileSync(join(root, 'a', entry.path)));
    }
    for (const zip of result.index.packages) {
      expect(readFileSync(join(root, 'b', zip.path))).toEqual(readFileSync(join(root, 'a', zip.path)));
    }
  });

  it('skips Research and prints no Evidence section without --evidence, with the Librarian installed', async () => {
    const root = temp();
    const result = await run(join(root, 'a'));
    expect(result.stages.find((s) => s.name === 'Research')?.status).toBe('skipped');
    expect(readFileSync(join(root, 'a', 'prd.md'), 'utf8')).not.toContain('## Evidence');
  });

  it('needs a Research agent to use evidence', async () => {
    const root = temp();
    await expect(run(join(root, 'a'), writeSnapshot(snapshot()), false)).rejects.toMatchObject({
      code: 'E_AGENT_NOT_FOUND',
    });
  });
});
