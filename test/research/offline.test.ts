// Offline is enforced, not promised: every Node process of these runs has its network functions
// replaced by ones that record and throw (net-guard.mjs). A full generate of both first-party packs, with
// the Librarian installed and its evidence used, and `studio research` on local sources, must make zero
// attempts. Where strace exists, the same runs are also traced at the system-call level, which sees
// native code (LanceDB) too.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, example, generateArgs, tempDir } from '../e2e/cli.js';
import { NET_GUARD, TINY_MODEL, TURN_TEXTS_PDF, studioAsync, writeDocs } from './helpers.js';

ensureBuilt();
const work = tempDir('studio-offline-');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const LOG = join(work, 'net.log');
const guarded = { STUDIO_NET_LOG: LOG, NODE_OPTIONS: `--import=${NET_GUARD}`, SOURCE_DATE_EPOCH: '0' };
const attempts = () => (existsSync(LOG) ? readFileSync(LOG, 'utf8').split('\n').filter(Boolean) : []);
const { idea, decisions } = example('clinic-queue');
writeDocs(work);

describe('offline by default', () => {
  it('the guard sees and stops a connection attempt (so a silent log means something)', async () => {
    const r = spawnSync(
      process.execPath,
      ['-e', "fetch('http://127.0.0.1:9/').catch(() => process.exit(3))"],
      {
        env: { ...process.env, ...guarded, STUDIO_NET_LOG: join(work, 'control.log') },
        encoding: 'utf8',
      },
    );
    expect(r.status).not.toBe(0);
    expect(readFileSync(join(work, 'control.log'), 'utf8')).toContain('127.0.0.1:9');
  });

  it('studio research on local sources, without --research, opens no connection', async () => {
    const r = await studioAsync(
      ['research', '--idea', idea, '--decisions', decisions, '--sources', 'docs', '-o', 'evidence'],
      {
        cwd: work,
        env: guarded,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Ranking: lexical');
    expect(attempts()).toEqual([]);
  });

  it('studio research --json reports the ranking, the sources and the snapshot size', async () => {
    const r = await studioAsync(
      [
        'research',
        '--idea',
        idea,
        '--sources',
        'docs',
        '-o',
        'evidence-json',
        '--max-tokens',
        '10',
        '--json',
      ],
      { cwd: work, env: guarded },
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      ranking: string;
      sources: { source_url: string; tokens: number; truncated: boolean; via: string }[];
      chunks: number;
      snapshot_bytes: number;
    };
    expect(out.ranking).toBe('lexical');
    expect(out.sources.map((s) => [s.source_url, s.via, s.tokens])).toEqual([
      ['docs/dashboard.html', 'file', 10],
      ['docs/queues.md', 'file', 10],
    ]);
    expect(out.sources.every((s) => s.truncated)).toBe(true);
    expect(out.snapshot_bytes).toBe(readFileSync(join(work, 'evidence-json', 'snapshot.json')).length);
    expect(attempts()).toEqual([]);
  });

  it('a URL source without --research is refused (exit 2) before any connection', async () => {
    const r = await studioAsync(
      ['research', '--idea', idea, '--sources', 'http://127.0.0.1:9/page', '-o', 'evidence-url'],
      { cwd: work, env: guarded },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('E_NETWORK_DISABLED');
    expect(r.stderr).toContain('--research');
    expect(attempts()).toEqual([]);
  });

  it('generate balanced + deep, with and without --evidence, opens no connection', async () => {
    const args = generateArgs('clinic-queue', '--pack', 'balanced', '--pack', 'deep');
    const withEvidence = await studioAsync([...args, '--evidence', 'evidence', '-o', 'out-evidence'], {
      cwd: work,
      env: guarded,
    });
    expect(withEvidence.stderr).toBe('');
    expect(withEvidence.status).toBe(0);
    expect(readFileSync(join(work, 'out-evidence', 'prd.md'), 'utf8')).toContain('## Evidence');
    const plain = await studioAsync([...args, '-o', 'out-plain'], { cwd: work, env: guarded });
    expect(plain.status).toBe(0);
    expect(readFileSync(join(work, 'out-plain', 'prd.md'), 'utf8')).not.toContain('## Evidence');
    expect(attempts()).toEqual([]);
  });

  // The embeddings ranking loads transformers.js and the ONNX runtime: with remote models disabled, the
  // local model folder is all it reads. A PDF among the sources runs pdf.js too.
  const embedWork = join(work, 'embed');
  mkdirSync(embedWork);
  writeDocs(embedWork);
  copyFileSync(TURN_TEXTS_PDF, join(embedWork, 'docs', 'turn-texts.pdf'));
  writeFileSync(join(embedWork, '.studiorc'), JSON.stringify({ research: { embeddings_model: TINY_MODEL } }));

  it('studio research with a local embedding model opens no connection and says which ranking ran', async () => {
    const r = await studioAsync(
      ['research', '--idea', idea, '--decisions', decisions, '--sources', 'docs', '-o', 'evidence'],
      { cwd: embedWork, env: guarded },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'Ranking: embeddings: tiny-bow-en (transformers.js, local, mean pooling, cosine similarity).',
    );
    expect(r.stdout).toContain('read docs/turn-texts.pdf (file, 54 tokens)');
    const snapshot = JSON.parse(readFileSync(join(embedWork, 'evidence', 'snapshot.json'), 'utf8')) as {
      ranking: string;
      ranking_detail: string;
    };
    expect(snapshot.ranking).toBe('embedding');
    expect(snapshot.ranking_detail).toMatch(/^embeddings: tiny-bow-en /);
    const generate = await studioAsync(generateArgs('clinic-queue', '--evidence', 'evidence', '-o', 'out'), {
      cwd: embedWork,
      env: guarded,
    });
    expect(generate.status, generate.stderr).toBe(0);
    expect(readFileSync(join(embedWork, 'out', 'prd.md'), 'utf8')).toContain('## Evidence');
    expect(attempts()).toEqual([]);
  });

  const strace = ['/usr/bin/strace', '/bin/strace'].find((p) => existsSync(p));
  it.runIf(strace)('no inet socket is connected at the system-call level either (strace)', () => {
    const trace = join(work, 'strace.log');
    const inetCalls = (args: string[], env: NodeJS.ProcessEnv = {}, cwd = work) => {
      const r = spawnSync(
        strace!,
        // --seccomp-bpf: the traced processes stop only at the traced calls, not at every system call
        // (strace falls back to stopping at every call where the kernel has no seccomp filters).
        [
          '-f',
          '--seccomp-bpf',
          '-qq',
          '-e',
          'trace=connect,sendto,sendmsg',
          '-o',
          trace,
          process.execPath,
          ...args,
        ],
        {
          cwd,
          env: { ...process.env, SOURCE_DATE_EPOCH: '0', STUDIO_DATA_DIR: join(work, 'data'), ...env },
          encoding: 'utf8',
        },
      );
      return {
        status: r.status,
        stderr: r.stderr,
        calls: readFileSync(trace, 'utf8')
          .split('\n')
          .filter((l) => /AF_INET6?\b/.test(l)),
      };
    };
    // Control: a real connection attempt shows up in the trace.
    const control = inetCalls(['-e', "require('node:net').connect(9, '127.0.0.1').on('error', () => {})"]);
    expect(control.calls.join('\n')).toContain('127.0.0.1');
    // Research loads the native LanceDB library, which the Node-level guard cannot see.
    const research = inetCalls([
      join(ROOT, 'bin/run.js'),
      'research',
      '--idea',
      idea,
      '--sources',
      'docs',
      '-o',
      'evidence-strace',
    ]);
    expect(research.status, research.stderr).toBe(0);
    expect(research.calls).toEqual([]);
    const generate = inetCalls([
      join(ROOT, 'bin/run.js'),
      'generate',
      '--idea',
      idea,
      '--evidence',
      'evidence-strace',
      '-o',
      'out-strace',
    ]);
    expect(generate.status, generate.stderr).toBe(0);
    expect(generate.calls).toEqual([]);
    // The ONNX runtime is native code too.
    const embedded = inetCalls(
      [join(ROOT, 'bin/run.js'), 'research', '--idea', idea, '--sources', 'docs', '-o', 'evidence-strace'],
      {},
      embedWork,
    );
    expect(embedded.status, embedded.stderr).toBe(0);
    expect(embedded.calls).toEqual([]);
  });
});
