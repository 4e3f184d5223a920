#!/usr/bin/env node
// npm run soak — crash and concurrency soak of `studio generate` on one output folder:
//  - N random kills: a run is SIGKILLed at a random moment of its life; right after, out/ must verify
//    (the previous or the new output) or hold a journal the next run finishes; every run after a kill
//    must succeed, leave out/ verifying and nothing beside it but out/;
//  - M concurrent pairs: two runs started together on one out/ exit 0 or 2 (E_OUTPUT_LOCKED), at least
//    one succeeds, out/ verifies and nothing is left beside it.
// Options: --kills N (default 200), --pairs N (default 50), --pack balanced.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateArgs, opt, root } from './lib/script-options.mjs';

const KILLS = Number(opt('kills', '200'));
const PAIRS = Number(opt('pairs', '50'));
const PACK = opt('pack', 'balanced');

const { verifyOutput } = await import(new URL('../dist/output/verify.js', import.meta.url).href);
const work = mkdtempSync(join(tmpdir(), 'studio-soak-'));
const env = { ...process.env, STUDIO_CACHE_DIR: join(work, 'cache'), STUDIO_DATA_DIR: join(work, 'data') };
const example = join(root, 'examples/clinic-queue');
const parent = join(work, 'target');
mkdirSync(parent);
const out = join(parent, 'out');
const cmd = generateArgs(example, PACK, out);

function start() {
  const child = spawn(process.execPath, cmd, { cwd: root, env });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const done = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

async function verified() {
  try {
    return (await verifyOutput(out)).ok;
  } catch (error) {
    return error.message.includes('interrupted') ? 'journal' : false;
  }
}

const leftovers = () => readdirSync(parent).filter((n) => n !== 'out');
const failures = [];

// Warm the cache, and learn how long a run takes so kills spread over its whole life.
let t0 = Date.now();
let first = await start().done;
if (first.code !== 0) throw new Error(first.stderr);
t0 = Date.now();
first = await start().done;
const runMs = Date.now() - t0;
console.log(`one run: ${runMs} ms; ${KILLS} kills, ${PAIRS} concurrent pairs`);

const states = { intact: 0, journal: 0 };
let killedMidRun = 0;
for (let i = 0; i < KILLS; i += 1) {
  const run = start();
  const delay = Math.floor(Math.random() * runMs * 1.1);
  await new Promise((r) => setTimeout(r, delay));
  const finishedFirst = run.child.exitCode !== null;
  run.child.kill('SIGKILL');
  const r = await run.done;
  if (!finishedFirst && r.signal === 'SIGKILL') killedMidRun += 1;
  const now = await verified();
  if (now === true) states.intact += 1;
  else if (now === 'journal') states.journal += 1;
  else failures.push(`kill ${i} (after ${delay} ms): out/ neither verifies nor holds a journal`);
  const next = await start().done;
  if (next.code !== 0) failures.push(`kill ${i}: the next run failed: ${next.stderr.split('\n')[0]}`);
  if ((await verified()) !== true) failures.push(`kill ${i}: out/ does not verify after the next run`);
  const left = leftovers();
  if (left.length > 0) failures.push(`kill ${i}: leftovers after the next run: ${left.join(', ')}`);
  if ((i + 1) % 20 === 0) console.log(`  ${i + 1} kills, ${failures.length} failure(s)`);
}

const pairCodes = { '0+0': 0, '0+2': 0, other: 0 };
for (let i = 0; i < PAIRS; i += 1) {
  const [a, b] = await Promise.all([start().done, start().done]);
  const key = [a.code, b.code].sort().join('+');
  if (key in pairCodes) pairCodes[key] += 1;
  else {
    pairCodes.other += 1;
    failures.push(`pair ${i}: exit codes ${a.code}/${b.code}: ${(a.stderr || b.stderr).split('\n')[0]}`);
  }
  for (const r of [a, b])
    if (r.code === 2 && !r.stderr.includes('E_OUTPUT_LOCKED'))
      failures.push(`pair ${i}: exit 2 without E_OUTPUT_LOCKED: ${r.stderr.split('\n')[0]}`);
  if ((await verified()) !== true) failures.push(`pair ${i}: out/ does not verify`);
  const left = leftovers();
  if (left.length > 0) failures.push(`pair ${i}: leftovers: ${left.join(', ')}`);
}

console.log(
  `kills: ${KILLS} (${killedMidRun} while the run was still going); right after a kill out/ verified ${states.intact} times, ` +
    `held a journal (finished by the next run) ${states.journal} times`,
);
console.log(`pairs: ${PAIRS}: both succeeded ${pairCodes['0+0']}, one refused with E_OUTPUT_LOCKED ${pairCodes['0+2']}, other ${pairCodes.other}`);
console.log(failures.length === 0 ? 'soak: no failures' : `soak: ${failures.length} failure(s):\n  ${failures.join('\n  ')}`);
rmSync(work, { recursive: true, force: true });
process.exitCode = failures.length === 0 ? 0 : 1;
