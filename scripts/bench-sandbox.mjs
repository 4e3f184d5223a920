#!/usr/bin/env node
// Sandbox overhead, measured in one fresh process (run by scripts/bench.mjs): the fintech pack's agent
// (examples/packs/fintech-pack) loaded and run in the sandbox, against the same module imported and run
// natively (which studio never does for a third-party pack; here only to have the baseline).
// "cold" is the first sandboxed agent of a process (worker thread start + wasm load + load + run);
// "warm" is each later one (load + run), which is what every further agent of a run costs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.argv[2] ?? '15');
const { loadAgent } = await import(pathToFileURL(join(root, 'dist/plugins/load-agent.js')).href);
const { runAgent } = await import(pathToFileURL(join(root, 'dist/sandbox/agents.js')).href);
const { buildSpec } = await import(pathToFileURL(join(root, 'dist/spec/build-spec.js')).href);
const { deepFreeze } = await import(pathToFileURL(join(root, 'dist/util/deep-freeze.js')).href);

const packRoot = join(root, 'examples/packs/fintech-pack');
const pjson = JSON.parse(readFileSync(join(packRoot, 'package.json'), 'utf8'));
const plugin = {
  name: pjson.name,
  version: pjson.version,
  root: packRoot,
  type: 'user',
  studio: pjson.studio,
};
const [[id, module]] = Object.entries(pjson.studio.agents);
const ref = { id, plugin, module };
const read = (f) => parse(readFileSync(join(packRoot, 'starter', f), 'utf8'));
const spec = buildSpec({ idea: read('idea.yaml'), decisions: read('decisions.yaml') }).spec;
const ctx = { spec: deepFreeze(JSON.parse(JSON.stringify(spec))), locale: spec.meta.locale, inputs: {} };
const options = { cpuMs: 60_000, plugin: plugin.name };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

const sandboxed = async () => runAgent(await loadAgent(ref), ctx, options);
const cold = await time(sandboxed);
const warm = [];
for (let i = 0; i < RUNS; i++) warm.push(await time(sandboxed));
const nativeAgent = (await import(pathToFileURL(join(packRoot, module)).href)).default;
const native = [];
for (let i = 0; i < RUNS; i++)
  native.push(await time(async () => JSON.parse(JSON.stringify(await nativeAgent.run(ctx)))));

const a = JSON.stringify(await sandboxed());
const b = JSON.stringify(await nativeAgent.run(ctx));
const w = median(warm);
const n = median(native);
console.log(`fintech agent native (run + JSON)         median ${n.toFixed(1)} ms`);
console.log(
  `fintech agent sandboxed, warm (load + run) median ${w.toFixed(1)} ms   overhead ${(w - n).toFixed(1)} ms (target <= 150 ms)`,
);
console.log(
  `fintech agent sandboxed, cold (first in process, thread + wasm) ${cold.toFixed(1)} ms   overhead ${(cold - n).toFixed(1)} ms`,
);
console.log(`same view-model sandboxed and native: ${a === b ? 'yes' : 'NO'}`);
process.exit(a === b ? 0 : 1);
