#!/usr/bin/env node
// A local npm registry for trying the plugin flow offline: `npm run registry` starts the bundled
// verdaccio on loopback (no uplinks: nothing is fetched from the internet), publishes every pack in
// examples/packs/, and prints the one variable studio needs on stdout, so that
//   eval "$(npm run --silent registry)"
// sets it. `npm run registry:stop` stops it and deletes its storage.
// STUDIO_REGISTRY_PORT picks the port (default 4873, else a free one); STUDIO_REGISTRY_DIR the folder
// holding its storage, log and pid (default: studio-registry in the system temp folder).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, ping, portFree, startVerdaccio } from './lib/verdaccio.mjs';
import { entryWithIntegrity } from './registry-entry.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = process.env.STUDIO_REGISTRY_DIR || join(tmpdir(), 'studio-registry');
const state = join(dir, 'state.json');
const say = (line) => process.stderr.write(`${line}\n`);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readState() {
  try {
    return JSON.parse(readFileSync(state, 'utf8'));
  } catch {
    return null;
  }
}

function npm(args, userconfig) {
  return execFileSync('npm', args, {
    encoding: 'utf8',
    env: { ...process.env, npm_config_userconfig: userconfig, npm_config_update_notifier: 'false' },
    shell: process.platform === 'win32',
  });
}

/** Publish one pack folder (as `npm pack` packs it, scripts off) and warn when its tarball is not the one
 *  the shipped index lists. */
function publishPack(folder, url, userconfig) {
  const report = JSON.parse(
    npm(['publish', folder, '--json', '--ignore-scripts', '--registry', url], userconfig),
  );
  // npm 11 keys the report by package name; npm 10 printed it bare.
  const { integrity } = typeof report.integrity === 'string' ? report : Object.values(report)[0];
  const entry = entryWithIntegrity(folder, integrity);
  const index = JSON.parse(readFileSync(join(root, 'registry/index.json'), 'utf8'));
  const listed = index.packages
    .find((p) => p.name === entry.name)
    ?.versions.find((v) => v.version === entry.version.version);
  say(`  published ${entry.name}@${entry.version.version}`);
  if (listed && listed.integrity !== entry.version.integrity)
    say(
      `  warning: its integrity differs from registry/index.json (run scripts/registry-entry.mjs ${folder})`,
    );
}

async function start() {
  const running = readState();
  if (running && alive(running.pid) && (await ping(running.url))) {
    say(`The local registry is already running at ${running.url}`);
    process.stdout.write(`export STUDIO_NPM_REGISTRY=${running.url}\n`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const wanted = Number(process.env.STUDIO_REGISTRY_PORT || 4873);
  const port = (await portFree(wanted)) ? wanted : await freePort();
  const log = openSync(join(dir, 'verdaccio.log'), 'a');
  let started;
  try {
    started = await startVerdaccio({ root: dir, port, logLevel: 'warn', log, detached: true });
  } catch {
    say(`verdaccio did not start; see ${join(dir, 'verdaccio.log')}`);
    process.exit(1);
  }
  const { url, userconfig, child } = started;
  writeFileSync(state, `${JSON.stringify({ pid: child.pid, url })}\n`);
  say(`Local npm registry (verdaccio, loopback only, no uplinks) at ${url}`);
  const packs = join(root, 'examples/packs');
  for (const name of readdirSync(packs).sort()) {
    if (existsSync(join(packs, name, 'package.json'))) publishPack(join(packs, name), url, userconfig);
  }
  say(
    'Set this variable (eval "$(npm run --silent registry)" does it), then "studio plugins install <name>".',
  );
  say('Stop it with "npm run registry:stop".');
  process.stdout.write(`export STUDIO_NPM_REGISTRY=${url}\n`);
}

function stop() {
  const running = readState();
  if (running && alive(running.pid)) {
    try {
      process.kill(-running.pid); // its process group: verdaccio and anything it started
    } catch {
      process.kill(running.pid);
    }
    say(`Stopped the local registry at ${running.url}`);
  } else say('No local registry is running.');
  rmSync(dir, { recursive: true, force: true });
}

const command = process.argv[2] ?? 'start';
if (command === 'start') await start();
else if (command === 'stop') stop();
else {
  say('usage: node scripts/registry.mjs [start|stop]');
  process.exit(2);
}
