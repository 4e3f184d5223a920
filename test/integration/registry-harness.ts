// A real npm registry for the install tests: verdaccio on loopback with storage in a temp folder and no
// uplinks, plus helpers to publish tarballs and run the built CLI as a user would.
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateKeyPairSync } from 'node:crypto';
import { signIndex } from '../../src/registry/signature.js';
// @ts-expect-error plain ESM helper script without types
import { registryEntry } from '../../scripts/registry-entry.mjs';
import { type Registry, freePort, startVerdaccio as start } from '../../scripts/lib/verdaccio.mjs';

export const REPO = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
/** npm is npm.cmd on Windows, which Node only starts through a shell. */
const WINDOWS = process.platform === 'win32';

export type { Registry } from '../../scripts/lib/verdaccio.mjs';
export { freePort } from '../../scripts/lib/verdaccio.mjs';

/** A registry in its own temp folder; `seed` may fill the storage folder before verdaccio starts
 *  (packages it serves as if published). */
export async function startVerdaccio(seed?: (storage: string) => void): Promise<Registry> {
  return start({ root: mkdtempSync(join(tmpdir(), 'studio-verdaccio-')), port: await freePort(), seed });
}

/** Pack a folder (scripts off), publish exactly that tarball, return its index entry. */
export async function publish(
  registry: Registry,
  dir: string,
): Promise<{ name: string; version: Record<string, unknown> & { version: string; integrity: string } }> {
  const dest = mkdtempSync(join(tmpdir(), 'studio-tgz-'));
  const env = {
    ...process.env,
    npm_config_userconfig: registry.userconfig,
    npm_config_update_notifier: 'false',
  };
  const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], {
    cwd: dir,
    env,
    shell: WINDOWS,
  });
  const tarball = join(dest, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
  await run('npm', ['publish', tarball, '--registry', registry.url, '--ignore-scripts'], {
    cwd: dest,
    env,
    shell: WINDOWS,
  });
  return registryEntry(dir, tarball);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

/** Run the built CLI (`node bin/run.js …`) in `cwd` with the given data dir and registry. */
export function studio(
  args: string[],
  opts: {
    cwd: string;
    dataDir: string;
    registry: string;
    userconfig: string;
    configDir?: string;
    env?: Record<string, string>;
  },
): CliResult {
  const result = spawnSync(process.execPath, [join(REPO, 'bin/run.js'), ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      STUDIO_DATA_DIR: opts.dataDir,
      STUDIO_CONFIG_DIR: opts.configDir ?? join(opts.dataDir, '..', 'config'),
      STUDIO_CACHE_DIR: join(opts.dataDir, '..', 'cache'),
      npm_config_registry: opts.registry,
      npm_config_userconfig: opts.userconfig,
      npm_config_cache: join(opts.dataDir, '..', 'npm-cache'),
      npm_config_update_notifier: 'false',
      NO_COLOR: '1',
      ...opts.env,
    },
    timeout: 170_000,
  });
  const stdout = result.stdout ?? '';
  const stderr = result.stderr ?? '';
  return {
    code: result.status ?? -1,
    stdout,
    stderr,
    // oclif wraps messages at the terminal width and prefixes "›": compare on collapsed whitespace.
    output: `${stdout}\n${stderr}`.replace(/\s*›\s*/g, ' ').replace(/\s+/g, ' '),
  };
}

/** A throwaway ed25519 key pair (tests never use the project key). */
export function throwawayKey(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Write an index, sign it with `privatePem` (when given) and return its path. */
export function writeSignedIndex(
  file: string,
  packages: Record<string, unknown>[],
  privatePem?: string,
): string {
  const sorted = [...packages].sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1));
  const text = JSON.stringify({ index_version: 1, packages: sorted }, null, 2);
  writeFileSync(file, text);
  if (privatePem) writeFileSync(`${file}.sig`, JSON.stringify(signIndex(text, privatePem)));
  return file;
}

/** Trust `publicPem` (and any index paths) in the user-level trust file of `configDir`. */
export function trustKey(configDir: string, publicPem: string, indexes: string[] = []): void {
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    join(configDir, 'trust.json'),
    JSON.stringify({ keys: { 'test index key': publicPem }, indexes }),
  );
}
