// Running npm the way @oclif/plugin-plugins does (its pinned npm when present, else the one on PATH),
// with the install environment applied.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { applyInstallEnv } from './npm-env.js';

function npmCommand(): { command: string; prefix: string[] } {
  try {
    const require = createRequire(import.meta.url);
    const pjsonPath = require.resolve('npm/package.json');
    const pjson = JSON.parse(readFileSync(pjsonPath, 'utf8')) as { bin: { npm: string } };
    return { command: process.execPath, prefix: [join(dirname(pjsonPath), pjson.bin.npm)] };
  } catch {
    return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', prefix: [] };
  }
}

export interface NpmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run npm with `args` in `cwd`; never throws for a non-zero exit (the caller reads `code`). */
export async function runNpm(args: string[], cwd: string, registry?: string): Promise<NpmResult> {
  const env = { ...process.env };
  applyInstallEnv(env);
  const { command, prefix } = npmCommand();
  const full = [...prefix, ...args, ...(registry ? [`--registry=${registry}`] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(command, full, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32' && prefix.length === 0,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}
