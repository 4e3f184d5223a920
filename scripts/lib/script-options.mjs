// What the bench and soak scripts share: the repository root, their `--name value` options, and the
// `studio generate` command line for an example folder (run with the repository root as cwd).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const args = process.argv.slice(2);

/** The value after `--name`, else `fallback`. */
export function opt(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}

export function generateArgs(ideaDir, pack, out) {
  return ['bin/run.js', 'generate', '--idea', join(ideaDir, 'idea.yaml'), '--decisions', join(ideaDir, 'decisions.yaml'), '--pack', pack, '-o', out];
}
