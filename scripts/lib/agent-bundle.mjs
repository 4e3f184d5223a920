// The CommonJS form of a built-in plugin's agents (`studio.agent_bundle` in its package.json), built from
// the plugin's own compiled ES modules. Node 20 keeps no code cache for ES modules, so the host loads a
// core plugin's agents from this one file through V8's code cache instead (src/plugins/agent-bundle.ts):
// ~27 modules imported one by one cost a warm deep run ~13 ms of resolving and compiling.
//
// The bundle is esbuild's conversion of exactly the files the sandbox and `import()` read: its inputs are
// the ES modules under the plugin's root (nothing else may go in: @studio/sdk stays a require, which
// Node answers with the same module an import gets), and beside it `<bundle>.json` records the sha256 of
// each input and of the bundle. The host uses the bundle only while every one of those digests still
// matches, so after any rebuild of the ES modules alone it imports them as before.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Build `<pkg>/<studio.agent_bundle>` and its digests; nothing when the package declares no bundle.
 *  `usesDynamicImport` is the compile cache's test: a module that may call import() is compiled from
 *  source on every run, so such an agent gains nothing and the build stops. */
export async function bundleAgents(pkg, { build, usesDynamicImport }) {
  const pjson = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const target = pjson.studio?.agent_bundle;
  if (target === undefined) return null;
  const agents = Object.values(pjson.studio?.agents ?? {});
  if (typeof target !== 'string' || !target.endsWith('.cjs') || agents.length === 0)
    throw new Error(`${pjson.name}: "studio.agent_bundle" must name a .cjs file, beside "studio.agents"`);
  const outfile = join(pkg, target);
  // One loader per module path exactly as package.json spells it; require() of an ES module inside
  // the bundle evaluates that module (and what it imports) on first call only, as import() would.
  const contents =
    'module.exports = {\n' +
    [...new Set(agents)]
      .sort()
      .map((m) => `  ${JSON.stringify(m)}: () => require(${JSON.stringify(`./${m.replace(/^\.\//, '')}`)}),`)
      .join('\n') +
    '\n};\n';
  const result = await build({
    stdin: { contents, resolveDir: pkg, sourcefile: 'agent-bundle-entry.cjs', loader: 'js' },
    absWorkingDir: pkg,
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    external: ['@studio/sdk'],
    metafile: true,
    // ES modules are strict; their CommonJS form stays so.
    banner: { js: '"use strict";' },
  });
  const sources = {};
  for (const input of Object.keys(result.metafile.inputs).sort()) {
    if (input === '<stdin>' || input.endsWith('agent-bundle-entry.cjs')) continue;
    if (isAbsolute(input) || input.split(/[\\/]/).includes('..') || input.split(/[\\/]/).includes('node_modules'))
      throw new Error(`${pjson.name}: the agent bundle may hold only the package's own modules, not ${input}`);
    const bytes = readFileSync(join(pkg, input));
    const source = bytes.toString('utf8');
    // import.meta would name the bundle instead of the module; import() leaves the code cache.
    if (/\bimport\.meta\b/.test(source) || usesDynamicImport(source))
      throw new Error(`${pjson.name}: ${input} uses import.meta or import(): its agents cannot be bundled`);
    sources[input.split(sep).join('/')] = sha256(bytes);
  }
  const code = readFileSync(outfile);
  if (usesDynamicImport(code.toString('utf8')))
    throw new Error(`${pjson.name}: the agent bundle holds text that reads as import(); review it`);
  const digests = { bundle: sha256(code), sources };
  writeFileSync(`${outfile}.json`, `${JSON.stringify(digests, null, 2)}\n`);
  return { outfile: relative(pkg, outfile), sources: Object.keys(sources).length };
}
