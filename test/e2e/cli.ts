// Helpers for end-to-end tests: run the built CLI as a user would, in a fresh process.
import { fileURLToPath } from 'node:url';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EXAMPLES = join(ROOT, 'examples');

/** Build once if dist/ is missing (npm test builds before vitest; this covers `npx vitest`). */
export function ensureBuilt(): void {
  if (!existsSync(join(ROOT, 'dist/commands/generate.js'))) {
    execFileSync('npm', ['run', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
  }
}

/** The Balanced pack's documents (Deep renders them too). */
export const BALANCED_DOCUMENTS = ['brief.md', 'prd.md', 'test_plan.md', 'roadmap.md', 'lifecycle.mmd'];

export function tempDir(prefix = 'studio-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function studio(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; nodeArgs?: string[] } = {},
): CliResult {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), join(ROOT, 'bin/run.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: {
      ...process.env,
      STUDIO_DATA_DIR: options.env?.STUDIO_DATA_DIR ?? join(tempDir('studio-data-')),
      ...options.env,
    },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function example(name: string): { idea: string; decisions: string } {
  return { idea: join(EXAMPLES, name, 'idea.yaml'), decisions: join(EXAMPLES, name, 'decisions.yaml') };
}

/** A temp folder holding editable copies of a bundled example's Idea Card and Decision Sheet, and the
 *  flags that name them (then `more`). */
export function exampleProject(
  name: string,
  prefix?: string,
): { dir: string; idea: string; decisions: string; inputs: (...more: string[]) => string[] } {
  const dir = tempDir(prefix);
  const src = example(name);
  const idea = join(dir, 'idea.yaml');
  const decisions = join(dir, 'decisions.yaml');
  copyFileSync(src.idea, idea);
  copyFileSync(src.decisions, decisions);
  return { dir, idea, decisions, inputs: (...more) => ['--idea', idea, '--decisions', decisions, ...more] };
}

/** `generate` with a bundled example's Idea Card and Decision Sheet, then `flags` (pack, dials, -o …). */
export function generateArgs(name: string, ...flags: string[]): string[] {
  const { idea, decisions } = example(name);
  return ['generate', '--idea', idea, '--decisions', decisions, ...flags];
}

/** Every file under dir, relative POSIX path → bytes. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
