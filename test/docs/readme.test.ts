// README's shell blocks are a walkthrough that must work when pasted in order: this runs them, in
// order, in one bash session inside a scratch copy of the repository (its folders symlinked, so what
// the walkthrough writes stays in the temp folder). Blocks fenced as ```sh run; blocks fenced as
// ```sh not-run are shown only (the set-up commands, which this suite itself is part of).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt } from '../e2e/cli.js';
import { freePort } from '../../scripts/lib/verdaccio.mjs';

interface Block {
  info: string;
  code: string;
  line: number;
}

/** Every fenced code block of a Markdown text, with its info string and 1-based line. */
export function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const fence = /^```([^\n`]*)\n([\s\S]*?)^```$/gm;
  for (const m of markdown.matchAll(fence)) {
    blocks.push({
      info: m[1]!.trim(),
      code: m[2]!,
      line: markdown.slice(0, m.index).split('\n').length,
    });
  }
  return blocks;
}

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const shell = codeBlocks(README).filter((b) => /^(sh|bash|shell)\b/.test(b.info));
const runnable = shell.filter((b) => !/\bnot-run\b/.test(b.info));

let home: string;
let clone: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'studio-readme-'));
  clone = join(home, 'studio');
  spawnSync('mkdir', [clone]);
  // A checkout as the walkthrough expects it after the set-up, minus what earlier runs wrote.
  for (const entry of readdirSync(ROOT)) {
    if (['.git', 'out', 'try', 'coverage'].includes(entry) || entry.startsWith('out-')) continue;
    symlinkSync(join(ROOT, entry), join(clone, entry));
  }
  env = {
    ...process.env,
    STUDIO_DATA_DIR: join(home, 'data'),
    STUDIO_REGISTRY_DIR: join(home, 'registry'),
    STUDIO_REGISTRY_PORT: String(await freePort()),
    npm_config_cache: join(home, 'npm-cache'),
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
  };
  delete env.STUDIO_NPM_REGISTRY;
}, 120_000);

afterAll(() => {
  spawnSync('node', [join(ROOT, 'scripts/registry.mjs'), 'stop'], { env, encoding: 'utf8' });
  rmSync(home, { recursive: true, force: true });
});

describe('README walkthrough', () => {
  it('marks only the set-up commands as not run', () => {
    const skipped = shell.filter((b) => !runnable.includes(b));
    expect(
      skipped.map((b) => b.code.match(/^\s*([^#\s][^#]*?)\s*(#.*)?$/gm)?.map((l) => l.split('#')[0]!.trim())),
    ).toEqual([['npm ci && npm run example', 'npm test']]);
    expect(runnable.length).toBeGreaterThanOrEqual(3);
  });

  it('runs every shell block in order, each command succeeding', () => {
    // One bash session, as if pasted into a terminal: aliases, `cd` and variables carry over.
    const script = [
      'set -euo pipefail',
      'shopt -s expand_aliases',
      ...runnable.map((b) => `# README.md:${b.line}\n${b.code}`),
    ].join('\n');
    const file = join(home, 'walkthrough.sh');
    writeFileSync(file, script);
    const r = spawnSync('bash', [file], { cwd: clone, env, encoding: 'utf8', timeout: 600_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const work = join(clone, 'try');
    for (const f of [
      'idea.yaml',
      'out/brief.md',
      'out/artifact_index.json',
      'out-deep/artifact_index.json',
      'out-fintech/artifact_index.json',
      'migrated_spec.json',
      'my-pack/package.json',
      '.studiorc.yaml',
    ])
      expect(existsSync(join(work, f)), f).toBe(true);
    expect(r.stdout).toContain('team-index.json');
    expect(r.stderr).toContain('Installing plugin @vendor/fintech-pack@1.0.0... installed v1.0.0');
  }, 600_000);
});
