// The bundled verdaccio on loopback, with no uplinks (nothing is fetched from the internet): one starter
// for `npm run registry` and for the registry tests, so both run the registry the same way.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERDACCIO = fileURLToPath(new URL('../../node_modules/verdaccio/bin/verdaccio', import.meta.url));

/** Whether `port` can be listened on at 127.0.0.1. */
export function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port the system says is free at 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether a registry answers its ping at `url` (ending in a slash). */
export function ping(url) {
  return new Promise((resolve) => {
    const req = get(`${url}-/ping`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => req.destroy());
  });
}

/**
 * Start verdaccio with its storage, config and npmrc in `root`, and wait until it answers.
 * `seed` may fill the storage folder first (packages it then serves as if published); `log` is where
 * its output goes ('ignore' or a file descriptor); `detached` lets it outlive this process.
 */
export async function startVerdaccio({
  root,
  port,
  seed,
  token = 'local',
  logLevel = 'error',
  log = 'ignore',
  detached = false,
}) {
  const url = `http://127.0.0.1:${port}/`;
  const storage = join(root, 'storage');
  mkdirSync(storage, { recursive: true });
  seed?.(storage);
  const config = join(root, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(storage)}`,
      'auth:',
      `  htpasswd: { file: ${JSON.stringify(join(root, 'htpasswd'))}, max_users: -1 }`,
      'uplinks: {}',
      'packages:',
      "  '**': { access: $all, publish: $all, unpublish: $all }",
      `log: { type: stdout, format: pretty, level: ${logLevel} }`,
      '',
    ].join('\n'),
  );
  const userconfig = join(root, 'npmrc');
  writeFileSync(userconfig, `//127.0.0.1:${port}/:_authToken=${token}\n`);
  const child = spawn(process.execPath, [VERDACCIO, '--config', config, '--listen', `127.0.0.1:${port}`], {
    detached,
    stdio: ['ignore', log, log],
  });
  if (detached) child.unref();
  for (let i = 0; i < 300 && !(await ping(url)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await ping(url))) {
    child.kill();
    throw new Error(`verdaccio did not start at ${url}`);
  }
  return { url, userconfig, child, root };
}
