// A real npm registry for the install tests: verdaccio on loopback with storage in a temp folder and no
// uplinks, plus helpers to publish tarballs and run the built CLI as a user would.
import { execFile, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { generateKeyPairSync } from 'node:crypto';
import { create } from 'tar';
import { signIndex } from '../../src/registry/signature.js';
// @ts-expect-error plain ESM helper script without types
import { entryWithIntegrity, registryEntry } from '../../scripts/registry-entry.mjs';
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

export type Published = {
  name: string;
  version: Record<string, unknown> & { version: string; integrity: string };
};

/** Publish a folder as `npm pack` packs it (scripts off) and return its index entry, with the integrity
 *  npm reports for the tarball it sent. */
export async function publish(registry: Registry, dir: string): Promise<Published> {
  return (await publishAll(registry, [dir]))[0]!;
}

/** Publish folders as `publish` does, all from one npm process: they are the workspaces of a throwaway
 *  root that links to them (`npm publish --workspaces`). npm's start-up is most of what publishing a
 *  small pack costs. Returns their index entries in the order given. */
export async function publishAll(registry: Registry, dirs: string[]): Promise<Published[]> {
  const root = mkdtempSync(join(tmpdir(), 'studio-publish-'));
  try {
    mkdirSync(join(root, 'p'));
    dirs.forEach((dir, i) => symlinkSync(dir, join(root, 'p', String(i)), 'junction'));
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ name: 'publish-batch', private: true, workspaces: dirs.map((_, i) => `p/${i}`) }),
    );
    const published = await run(
      'npm',
      ['publish', '--workspaces', '--json', '--ignore-scripts', '--registry', registry.url],
      {
        cwd: root,
        env: {
          ...process.env,
          npm_config_userconfig: registry.userconfig,
          npm_config_update_notifier: 'false',
        },
        shell: WINDOWS,
      },
    );
    // Keyed by package name.
    const report = JSON.parse(published.stdout) as Record<string, { integrity: string }>;
    return dirs.map((dir) => {
      const pjson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
        studio?: object;
      };
      const { integrity } = report[pjson.name]!;
      // A package that is no pack (a dependency the attacks point at) has no index entry to speak of.
      return pjson.studio
        ? (entryWithIntegrity(dir, integrity) as Published)
        : { name: pjson.name, version: { version: pjson.version, integrity } };
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Publish a tarball built with node-tar (npm pack would drop links); `craft` edits the staged copy. */
export async function publishCrafted(
  registry: Registry,
  dir: string,
  craft: (pkg: string) => void,
): Promise<{ name: string; version: Record<string, unknown> }> {
  const tgz = join(dir, '..', 'crafted.tgz');
  const stage = join(dir, '..', 'stage');
  mkdirSync(stage);
  cpSync(dir, join(stage, 'package'), { recursive: true });
  craft(join(stage, 'package'));
  create({ sync: true, gzip: true, file: tgz, cwd: stage, portable: true, follow: false }, ['package']);
  await run('npm', ['publish', tgz, '--registry', registry.url, '--ignore-scripts'], {
    cwd: join(dir, '..'),
    env: { ...process.env, npm_config_userconfig: registry.userconfig },
    shell: WINDOWS,
  });
  return registryEntry(dir, tgz) as { name: string; version: Record<string, unknown> };
}

/** Give the user folder `work` (whose `cache` the harness's CLI runs use) the validation passes this
 *  run has recorded, as a user who has generated before has them: they are keyed by validator and
 *  content, so they cannot hide a failure. Compiled templates are not copied (uninstall checks are
 *  about the ones installs add). */
export function seedValidationCache(work: string): void {
  const runCache = process.env.STUDIO_CACHE_DIR;
  if (runCache && existsSync(join(runCache, 'validation')))
    cpSync(join(runCache, 'validation'), join(work, 'cache', 'validation'), { recursive: true });
}

/** A copy of the package folder `src` in a temp folder (as `<temp>/pkg`), changed by `edit`. */
export function copyPackage(src: string, edit: (dir: string) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'studio-pkg-')), 'pkg');
  cpSync(src, dir, { recursive: true });
  edit(dir);
  return dir;
}

interface LockEntry {
  version?: string;
  integrity?: string;
  link?: boolean;
  inBundle?: boolean;
  [field: string]: unknown;
}

/** Where cacache keeps the bytes of `integrity` (its documented content-v2 layout). */
function contentPath(cache: string, integrity: string): string {
  const [algorithm, digest] = integrity.split(' ')[0]!.split('-', 2) as [string, string];
  const hex = Buffer.from(digest, 'base64').toString('hex');
  return join(cache, '_cacache', 'content-v2', algorithm, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
}

/** Serve every locked third-party package version from verdaccio's storage, its tarball linked from
 *  the npm cache `cache`; the same bytes are linked into `testCache` (the test's own npm cache), where
 *  npm looks first (by integrity), so they are not copied through the registry again. Returns the
 *  run-time packages whose tarball the cache does not hold (optional platform binaries of other systems
 *  are never downloaded, and need not be). */
export function serveLockedPackages(storage: string, cache: string, testCache: string): string[] {
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const byName = new Map<string, Map<string, LockEntry>>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const at = path.lastIndexOf('node_modules/');
    if (at === -1 || entry.link || entry.inBundle || !entry.integrity || !entry.version) continue;
    const name = path.slice(at + 'node_modules/'.length);
    if (!byName.has(name)) byName.set(name, new Map());
    byName.get(name)!.set(entry.version, entry);
  }
  const missing: string[] = [];
  for (const [name, versions] of byName) {
    const dir = join(storage, name);
    mkdirSync(dir, { recursive: true });
    const base = name.split('/').pop()!;
    const packument = {
      name,
      versions: {} as Record<string, unknown>,
      'dist-tags': { latest: '' },
      time: {},
      _uplinks: {},
      _distfiles: {},
      _attachments: {} as Record<string, unknown>,
      _rev: '1-0',
    };
    for (const [version, e] of versions) {
      const file = `${base}-${version}.tgz`;
      // `libc` as well as `os`/`cpu`: without it npm takes the musl builds for this glibc machine (and
      // the reverse) and fetches tarballs the storage does not hold, retrying each for about 50 s.
      const keep = [
        'dependencies',
        'bundleDependencies',
        'optionalDependencies',
        'peerDependencies',
        'peerDependenciesMeta',
        'bin',
        'engines',
        'os',
        'cpu',
        'libc',
        'license',
      ];
      packument.versions[version] = {
        name,
        version,
        ...Object.fromEntries(keep.filter((k) => e[k] !== undefined).map((k) => [k, e[k]])),
        dist: {
          ...(e.integrity ? { integrity: e.integrity } : {}),
          tarball: `http://localhost/${name}/-/${file}`,
        },
      };
      packument['dist-tags'].latest = version;
      const content = contentPath(cache, e.integrity!);
      if (existsSync(content)) {
        symlinkSync(content, join(dir, file));
        const linked = contentPath(testCache, e.integrity!);
        mkdirSync(dirname(linked), { recursive: true });
        if (!existsSync(linked)) symlinkSync(content, linked);
        packument._attachments[file] = {};
      } else if (!e.dev && !e.optional && !e.devOptional) missing.push(`${name}@${version}`);
    }
    writeFileSync(join(dir, 'package.json'), JSON.stringify(packument));
  }
  return missing;
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
