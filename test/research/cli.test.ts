// The issue's "done when", through the CLI: `studio research --idea … --sources docs/ http://127.0.0.1:PORT/…
// --research -o evidence`, then `generate --evidence evidence` twice: the PRD's Evidence cites real chunks
// of the snapshot, and the two runs give the same bytes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceSnapshot } from '@studio/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, example, generateArgs, readTree, tempDir } from '../e2e/cli.js';
import { TINY_MODEL, studioAsync, writeDocs } from './helpers.js';

ensureBuilt();
const work = tempDir('studio-research-cli-');
const served: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  writeDocs(work);
  server = createServer((req, res) => {
    served.push(req.url ?? '');
    if (req.url === '/robots.txt')
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    else if (req.url === '/sms-outages')
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<html><head><title>SMS outages</title></head><body><article><h1>SMS provider outages</h1><p>Regional SMS ' +
            'provider outages of about an hour happen a few times a year; a second provider keeps turn texts flowing ' +
            'to patients waiting for their turn.</p></article></body></html>',
        );
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

describe('studio research, then generate --evidence', () => {
  it('produces PRDs whose Evidence cites snapshot chunks, byte-identical across runs', async () => {
    const { idea, decisions } = example('clinic-queue');
    const research = await studioAsync(
      [
        'research',
        '--idea',
        idea,
        '--decisions',
        decisions,
        '--sources',
        'docs/',
        `${base}/sms-outages`,
        '--research',
        '-o',
        'evidence',
      ],
      { cwd: work },
    );
    expect(research.stderr).toBe('');
    expect(research.status).toBe(0);
    expect(research.stdout).toContain('Ranking: lexical (LanceDB full-text index, BM25).');
    expect(research.stdout).toContain(`read ${base}/sms-outages (http,`);
    expect(served).toEqual(['/robots.txt', '/sms-outages']);

    const snapshot = JSON.parse(
      readFileSync(join(work, 'evidence', 'snapshot.json'), 'utf8'),
    ) as EvidenceSnapshot;
    const chunks = new Map(snapshot.chunks.map((c) => [c.chunk_id, c]));
    const generate = (out: string) =>
      studioAsync(
        generateArgs(
          'clinic-queue',
          '--pack',
          'balanced',
          '--pack',
          'deep',
          '--evidence',
          'evidence',
          '-o',
          out,
        ),
        {
          cwd: work,
          env: { SOURCE_DATE_EPOCH: '1700000000' },
        },
      );
    const first = await generate('out1');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);

    const prd = readFileSync(join(work, 'out1', 'prd.md'), 'utf8');
    const listed = [
      ...prd.matchAll(/^- \[(E-\d+)\] (.+), chunk ([0-9a-f]{12}-\d{3}) \(sha256 ([0-9a-f]{12})…\)$/gm),
    ];
    expect(listed.length).toBeGreaterThan(0);
    for (const [, , source, chunkId, sha] of listed) {
      const chunk = chunks.get(chunkId!)!;
      expect(chunk).toBeDefined();
      expect(source!.replace(/\\/g, '')).toBe(chunk.source_url);
      expect(chunk.sha256.startsWith(sha!)).toBe(true);
    }
    const labels = new Set(listed.map((m) => m[1]));
    const cited = [...prd.matchAll(/\[(E-\d+)\]$/gm)].map((m) => m[1]);
    expect(cited.length).toBeGreaterThan(listed.length);
    for (const c of cited) expect(labels.has(c)).toBe(true);
    // The outage risk cites the page that was fetched.
    const risk = prd.slice(prd.indexOf('Risk **R-2'), prd.indexOf('\n- ', prd.indexOf('Risk **R-2') + 1));
    expect(risk).toContain('second provider');

    const second = await generate('out2');
    expect(second.status).toBe(0);
    const a = readTree(join(work, 'out1'));
    const b = readTree(join(work, 'out2'));
    for (const record of ['audit.jsonl', 'run_report.html']) {
      a.delete(record);
      b.delete(record);
    }
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, bytes] of a) expect(b.get(path)?.equals(bytes), path).toBe(true);
    // Retrieval times stay in the snapshot.
    for (const [, bytes] of a)
      expect(bytes.toString('latin1')).not.toContain(snapshot.chunks[0]!.retrieved_at);
  });
});

describe('studio research with research.embeddings_model', () => {
  it('refuses an unusable model folder (exit 2) instead of ranking lexically behind the user', async () => {
    const project = join(work, 'project');
    const model = join(project, 'models', 'tiny');
    cpSync(TINY_MODEL, model, { recursive: true });
    writeFileSync(join(model, 'onnx', 'model.onnx'), 'not an ONNX graph');
    // The folder is relative to the config file, wherever the command runs below it.
    writeFileSync(join(project, '.studiorc'), 'research:\n  embeddings_model: models/tiny\n');
    mkdirSync(join(project, 'notes'));
    writeDocs(join(project, 'notes'));
    const { idea } = example('clinic-queue');
    const args = ['research', '--idea', idea, '--sources', 'docs', '-o', 'evidence'];
    const cwd = join(project, 'notes');
    const broken = await studioAsync(args, { cwd });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('E_EMBEDDINGS_UNAVAILABLE');
    expect(broken.stderr).toContain('transformers.js could not run the model in models/tiny');
    expect(broken.stdout).not.toContain('Ranking');
    expect(existsSync(join(cwd, 'evidence'))).toBe(false);
    const json = await studioAsync([...args, '--json'], { cwd });
    expect(json.status).toBe(2);
    expect((JSON.parse(json.stdout) as { error: { code: string } }).error.code).toBe(
      'E_EMBEDDINGS_UNAVAILABLE',
    );

    cpSync(join(TINY_MODEL, 'onnx', 'model.onnx'), join(model, 'onnx', 'model.onnx'));
    const fixed = await studioAsync(args, { cwd });
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(fixed.stdout).toContain('Ranking: embeddings: tiny (transformers.js, local, mean pooling');
  });
});
