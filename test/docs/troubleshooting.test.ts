// docs/troubleshooting.md cannot drift from the code: every error code has an entry, every entry is a
// real code, every hint links to its entry, and each entry's triggering input, run through the built CLI
// in a fresh folder, prints the code the entry documents (and its corrected input succeeds).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes, exitCodeFor, type ErrorCode } from '../../src/errors/codes.js';
import { renderError } from '../../src/errors/render.js';
import { StudioError } from '../../src/errors/studio-error.js';
import { ensureBuilt, ROOT } from '../e2e/cli.js';
import { troubleshootingAnchor } from '../../src/errors/doc-link.js';

const DOC = readFileSync(join(ROOT, 'docs/troubleshooting.md'), 'utf8');
const ALL_CODES = Object.values(ErrorCodes) as ErrorCode[];

/**
 * Entries whose code no minimal input can produce on purpose: a bug (E_INTERNAL), a zip entry over
 * 4 GiB, and registry answers that need a tampered or incompatible package on a live registry (those
 * are covered by the registry integration tests). Their entries must still exist and explain the fix.
 */
const NOT_TRIGGERABLE = new Set<string>([
  ErrorCodes.INTERNAL,
  ErrorCodes.ARTIFACT_TOO_LARGE,
  ErrorCodes.INTEGRITY_MISMATCH,
  ErrorCodes.REGISTRY_INCOMPATIBLE,
  ErrorCodes.PACKAGE_NOT_PUBLISHED,
]);

type Step = { kind: 'file'; path: string; body: string } | { kind: 'sh'; script: string };

interface Entry {
  code: string;
  body: string;
  trigger: Step[];
  fix: Step[];
}

function steps(text: string): Step[] {
  const out: Step[] = [];
  const fence = /(?:^|\n)(?:`([^`\n]+)`:\n\n)?```(\w+)\n([\s\S]*?)\n```/g;
  for (const m of text.matchAll(fence)) {
    const [, file, lang, body] = m;
    if (file !== undefined) out.push({ kind: 'file', path: file, body: `${body}\n` });
    else if (lang === 'sh') out.push({ kind: 'sh', script: body ?? '' });
  }
  return out;
}

function entries(): Entry[] {
  const parts = DOC.split(/\n### /).slice(1);
  return parts.map((part) => {
    const code = part.slice(0, part.indexOf('\n')).trim();
    const body = part.split(/\n## /)[0] ?? part;
    const t = body.indexOf('**Triggering input:**');
    const f = body.indexOf('**Corrected input:**');
    return {
      code,
      body,
      trigger: t < 0 ? [] : steps(body.slice(t, f < 0 ? undefined : f)),
      fix: f < 0 ? [] : steps(body.slice(f)),
    };
  });
}

let bin: string;
const temps: string[] = [];
beforeAll(() => {
  ensureBuilt();
  bin = mkdtempSync(join(tmpdir(), 'studio-doc-bin-'));
  temps.push(bin);
  const shim = join(bin, 'studio');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/run.js')}" "$@"\n`);
  chmodSync(shim, 0o755);
  // Most entries generate the starter that `studio init` writes, and the entries run concurrently:
  // rendered once here first, its outputs are validated once (about a second of CPU) and the entries
  // find them in the run's cache, instead of several entries validating the same documents at once.
  const warm = mkdtempSync(join(tmpdir(), 'studio-doc-warm-'));
  temps.push(warm);
  const env = { ...process.env, STUDIO_DATA_DIR: join(warm, 'data') };
  for (const args of [['init'], ['generate', '--idea', 'idea.yaml', '-o', 'out']]) {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/run.js'), ...args], {
      cwd: warm,
      env,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
  }
});
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function sh(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? -1, out }));
  });
}

async function play(list: Step[], cwd: string, env: NodeJS.ProcessEnv) {
  let last = { status: 0, out: '' };
  for (const step of list) {
    if (step.kind === 'file') {
      mkdirSync(dirname(join(cwd, step.path)), { recursive: true });
      writeFileSync(join(cwd, step.path), step.body);
    } else {
      last = await sh(step.script, cwd, env);
    }
  }
  return last;
}

describe('docs/troubleshooting.md', () => {
  const all = entries();

  it('has one entry per error code and names only real codes', () => {
    const documented = all.map((e) => e.code);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...ALL_CODES].sort());
  });

  it('gives every entry its meaning, causes and fix', () => {
    for (const e of all) {
      expect(e.body, e.code).toContain('**What it means.**');
      expect(e.body, e.code).toContain('**Fix.**');
    }
  });

  it('gives a triggering input for every code a minimal input can produce', () => {
    for (const e of all) {
      if (NOT_TRIGGERABLE.has(e.code)) continue;
      expect(
        e.trigger.some((s) => s.kind === 'sh'),
        `${e.code} has no triggering command`,
      ).toBe(true);
      expect(
        e.fix.some((s) => s.kind === 'sh'),
        `${e.code} has no corrected command`,
      ).toBe(true);
    }
  });

  it('links every printed hint to the entry of its code', () => {
    const anchors = new Set(all.map((e) => troubleshootingAnchor(e.code)));
    for (const code of ALL_CODES) {
      const text = renderError(new StudioError(code, 'x', { hint: 'do y' }));
      const link = `docs/troubleshooting.md#${troubleshootingAnchor(code)}`;
      expect(text).toContain(`Try this: do y (${link})`);
      expect(anchors.has(troubleshootingAnchor(code))).toBe(true);
    }
  });

  describe.concurrent('each triggering input prints its code; the corrected input succeeds', () => {
    for (const e of all.filter((x) => x.trigger.length > 0)) {
      it(
        e.code,
        async () => {
          const cwd = mkdtempSync(join(tmpdir(), 'studio-doc-case-'));
          const data = mkdtempSync(join(tmpdir(), 'studio-doc-data-'));
          temps.push(cwd, data);
          const env = {
            ...process.env,
            PATH: `${bin}:${process.env.PATH ?? ''}`,
            STUDIO_DATA_DIR: data,
            npm_config_fetch_retries: '0',
          };
          const triggered = await play(e.trigger, cwd, env);
          expect(triggered.out, triggered.out).toContain(e.code);
          // `pack verify` reports every gate finding with its own code and then fails as a whole with
          // E_GATE_FAILED (exit 2); any other command exits with the code's own exit status.
          const last = [...e.trigger].reverse().find((s) => s.kind === 'sh');
          const viaGates = last?.kind === 'sh' && /studio pack verify/.test(last.script);
          expect(triggered.status, triggered.out).toBe(viaGates ? 2 : exitCodeFor(e.code as ErrorCode));
          const fixed = await play(e.fix, cwd, env);
          expect(fixed.status, fixed.out).toBe(0);
          expect(fixed.out).not.toMatch(/\bE_[A-Z_]+\b/);
        },
        120_000,
      );
    }
  });
});
