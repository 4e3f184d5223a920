// The CommonJS form of a built-in plugin's agents (`studio.agent_bundle` in its package.json), built from
// the plugin's own compiled ES modules. Node 20 keeps no code cache for ES modules, so the host loads a
// core plugin's agents from this one file through V8's code cache instead (src/plugins/agent-bundle.ts):
// ~27 modules imported one by one cost a warm deep run ~13 ms of resolving and compiling.
//
// The bundle is esbuild's conversion of exactly the files the sandbox and `import()` read: the ES modules
// under the plugin's root, and @studio/sdk's one file as Node resolves `@studio/sdk` from the plugin
// (nothing else may go in). Beside it, `<bundle>.json` records the sha256 of each of those files and of
// the bundle; the host uses the bundle only while every one of those digests still matches, so after any
// rebuild of the ES modules alone (or another SDK) it imports them as before.
//
// The SDK is inlined rather than required (~3 ms of a warm deep run: requiring it loads an ES module):
// each bundle then has its own instance of it, which is the same as sharing one because the SDK holds
// no state (constants, frozen tables and pure functions).
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { NODE_CJS } from './node-cjs.mjs';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Packages of one file a bundle may inline, checked by the host against what Node resolves. */
const INLINED_PACKAGES = ['@studio/sdk'];

/** Build `<pkg>/<studio.agent_bundle>` and its digests; nothing when the package declares no bundle.
 *  `usesDynamicImport` is the compile cache's test: a bundle that may call import() is compiled from
 *  source on every run, so such agents gain nothing and the build stops. */
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
    ...NODE_CJS,
    metafile: true,
    // ES modules are strict; their CommonJS form stays so.
    banner: { js: '"use strict";' },
  });
  // The file each inlined package's name resolves to from the plugin, as Node would resolve it.
  const requireFromPkg = createRequire(join(pkg, 'package.json'));
  const inlined = new Map();
  for (const name of INLINED_PACKAGES) {
    try {
      inlined.set(realpathSync(requireFromPkg.resolve(name)), name);
    } catch {
      // Not installed: nothing of it can be in the bundle either.
    }
  }
  const sources = {};
  const packages = {};
  for (const input of Object.keys(result.metafile.inputs).sort()) {
    if (input === '<stdin>' || input.endsWith('agent-bundle-entry.cjs')) continue;
    const file = resolve(pkg, input);
    const bytes = readFileSync(file);
    // import.meta would name the bundle instead of the module.
    if (/\bimport\.meta\b/.test(bytes.toString('utf8')))
      throw new Error(`${pjson.name}: ${input} uses import.meta: its agents cannot be bundled`);
    const segments = input.split(/[\\/]/);
    const own = !isAbsolute(input) && !segments.includes('..') && !segments.includes('node_modules');
    const name = own ? undefined : inlined.get(realpathSync(file));
    if (own) sources[segments.join('/')] = sha256(bytes);
    else if (name !== undefined) packages[name] = sha256(bytes);
    else
      throw new Error(
        `${pjson.name}: the agent bundle may hold only the package's own modules and ${INLINED_PACKAGES.join(', ')}, not ${input}`,
      );
  }
  const code = readFileSync(outfile);
  if (usesDynamicImport(code.toString('utf8')))
    throw new Error(`${pjson.name}: the agent bundle holds import() (or text that reads as it): review it`);
  const digests = { bundle: sha256(code), packages, sources };
  writeFileSync(`${outfile}.json`, `${JSON.stringify(digests, null, 2)}\n`);
  return { outfile: target, sources: Object.keys(sources).length, packages: Object.keys(packages) };
}
