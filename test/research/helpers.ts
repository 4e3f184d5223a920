// Helpers for the research tests that run the CLI: an asynchronous runner (the tests' own HTTP server
// must keep answering while the CLI runs), and a folder of local sources.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, tempDir, type CliResult } from '../e2e/cli.js';

export const NET_GUARD = fileURLToPath(new URL('./net-guard.mjs', import.meta.url));
/** The checked-in tiny embedding model (test/fixtures/embedding-model/make-model.mjs writes it). */
export const TINY_MODEL = join(ROOT, 'test/fixtures/embedding-model/tiny-bow-en');
/** A two-page PDF printed by Chromium. */
export const TURN_TEXTS_PDF = join(ROOT, 'test/fixtures/research/turn-texts.pdf');

/** Run the built CLI in a child process without blocking this one. */
export function studioAsync(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] },
): Promise<CliResult> {
  const data = tempDir('studio-data-');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(ROOT, 'bin/run.js'), ...args], {
      cwd: options.cwd,
      env: { ...process.env, STUDIO_DATA_DIR: data, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => {
      rmSync(data, { recursive: true, force: true });
      resolve({ status, stdout, stderr });
    });
  });
}

/** `<dir>/docs` with two local sources about the clinic-queue example. */
export function writeDocs(dir: string): void {
  mkdirSync(join(dir, 'docs'), { recursive: true });
  writeFileSync(
    join(dir, 'docs', 'queues.md'),
    '# Remote queues\n\nClinics that let patients join a queue remotely cut time in the waiting room by half.\n\n' +
      'Patients who missed the turn text usually had their phone on silent; a second reminder recovered most of them.\n',
  );
  writeFileSync(
    join(dir, 'docs', 'dashboard.html'),
    '<html><head><title>Front desk</title></head><body><article><p>Staff dashboards that fit on one screen let ' +
      'front-desk staff reorder and pause patients quickly, and cut calls about wait times.</p></article></body></html>',
  );
}
