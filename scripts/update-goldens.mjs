#!/usr/bin/env node
// npm run goldens:update — regenerate the golden files from the built CLI. The only way goldens change.
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
// The list lives in test/goldens/goldens.ts; read it without a TypeScript loader.
const src = readFileSync(join(root, 'test/goldens/goldens.ts'), 'utf8');
const list = JSON.parse(
  src
    .slice(src.indexOf('= [') + 2, src.lastIndexOf('];') + 1)
    .replace(/(\w+):/g, '"$1":')
    .replace(/'/g, '"')
    .replace(/,(\s*[\]}])/g, '$1'),
);
for (const set of list) {
  const out = join(mkdtempSync(join(tmpdir(), 'goldens-')), 'out');
  const ex = join(root, 'examples', set.example);
  // A run with --locale links the locale plugins it names into a data folder of its own.
  const env = { ...process.env, STUDIO_DATA_DIR: mkdtempSync(join(tmpdir(), 'goldens-data-')) };
  for (const dir of set.link ?? []) {
    execFileSync(process.execPath, [join(root, 'bin/run.js'), 'plugins', 'link', join(root, dir)], { stdio: 'inherit', env });
  }
  const locale = set.locale ? ['--locale', set.locale] : [];
  execFileSync(process.execPath, [join(root, 'bin/run.js'), 'generate', '--idea', join(ex, 'idea.yaml'), '--decisions', join(ex, 'decisions.yaml'), '--pack', set.pack, ...locale, '-o', out], { stdio: 'inherit', env });
  for (const file of set.files) {
    const dest = join(root, 'test/goldens', set.example, set.locale ? `${set.pack}.${set.locale}` : set.pack, file);
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(join(out, file), dest);
    console.log(`updated ${dest.slice(root.length)}`);
  }
}
