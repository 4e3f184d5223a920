// Release (X3): the packages as npm would ship them. Every workspace package and the root are packed
// and published to a verdaccio on loopback, then `npm install -g` puts studio into a temp prefix with no
// repository around, and the installed studio runs the newcomer's path: init, generate the Deep pack,
// verify the output, scaffold and verify a pack, and install the vendor pack from the same registry.
// Third-party dependencies are served from the lockfile's exact versions, their tarballs taken from the
// npm cache that `npm ci` filled: nothing is fetched from the internet.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registry, REPO, startVerdaccio } from '../integration/registry-harness.js';
import { ensureBuilt } from './cli.js';

/** What gets published: the workspace packages studio depends on, studio itself, and the vendor pack. */
function releasedFolders(): string[] {
  const root = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    workspaces: string[];
  };
  const workspaces = root.workspaces
    .map((w) => w.replace(/\/\*$/, ''))
    .flatMap((parent) => readdirSync(join(REPO, parent)).map((name) => `${parent}/${name}`))
    .filter((dir) => existsSync(join(REPO, dir, 'package.json')))
    .filter((dir) => {
      const name = (JSON.parse(readFileSync(join(REPO, dir, 'package.json'), 'utf8')) as { name: string })
        .name;
      return name in root.dependencies;
    })
    .sort();
  return [...workspaces, '.', 'examples/packs/fintech-pack'];
}
const PACKAGES = releasedFolders();
const WINDOWS = process.platform === 'win32';
const run = promisify(execFile);

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
 *  the npm cache; the same bytes are linked into the test's own npm cache, where npm looks first (by
 *  integrity), so they are not copied through the registry again. Returns the run-time packages whose tarball the cache does not hold (optional
 *  platform binaries of other systems are never downloaded, and need not be). */
function seedFromLockfile(storage: string, cache: string, testCache: string): string[] {
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

let home: string;
let registry: Registry;
let missing: string[] = [];
let env: NodeJS.ProcessEnv;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', shell: WINDOWS });
}

beforeAll(async () => {
  ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'studio-release-'));
  const userCache =
    process.env.npm_config_cache ??
    execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8', shell: WINDOWS }).trim();
  registry = await startVerdaccio((storage) => {
    missing = seedFromLockfile(storage, userCache, join(home, 'npm-cache'));
  });
  env = {
    PATH: process.env.PATH,
    HOME: join(home, 'home'),
    npm_config_userconfig: registry.userconfig,
    npm_config_registry: registry.url,
    npm_config_cache: join(home, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    STUDIO_DATA_DIR: join(home, 'data'),
    STUDIO_CACHE_DIR: join(home, 'cache'),
    STUDIO_NPM_REGISTRY: registry.url,
    NO_COLOR: '1',
  };
  mkdirSync(join(home, 'home'));
  // `npm publish <folder>` packs exactly what `npm pack` would; the seven run side by side.
  await Promise.all(
    PACKAGES.map((dir) =>
      run('npm', ['publish', join(REPO, dir), '--ignore-scripts'], { cwd: home, env, shell: WINDOWS }),
    ),
  );
}, 300_000);

// The installed prefix holds studio's whole dependency tree: removing it takes a while on a busy disk.
afterAll(() => {
  registry?.child.kill();
  if (home) rmSync(home, { recursive: true, force: true });
}, 300_000);

/** Every file a package ships (its `files`), recursively. */
function shippedFiles(dir: string): string[] {
  const pjson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { files?: string[] };
  const out: string[] = [];
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else out.push(p);
  };
  for (const f of pjson.files ?? []) walk(join(dir, f));
  return out;
}

describe('release', () => {
  it('ships no run-time import of a package missing from its dependencies', () => {
    const wrong: string[] = [];
    for (const rel of PACKAGES) {
      const dir = join(REPO, rel);
      const pjson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      const allowed = new Set([
        String(pjson.name),
        ...Object.keys((pjson.dependencies as object) ?? {}),
        ...Object.keys((pjson.peerDependencies as object) ?? {}),
        ...Object.keys((pjson.optionalDependencies as object) ?? {}),
      ]);
      for (const file of shippedFiles(dir).filter((f) => /\.(c|m)?js$/.test(f))) {
        // Comments may name types (`@type {import('@studio/sdk').X}`): only code counts.
        const text = readFileSync(file, 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/^\s*\/\/.*$/gm, '');
        const specifiers = text.matchAll(
          /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"\s]+)['"]/g,
        );
        for (const [, spec] of specifiers) {
          if (!/^[@a-z0-9]/i.test(spec!) || spec!.startsWith('node:')) continue;
          const name = spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!;
          if (builtinModules.includes(name) || allowed.has(name)) continue;
          wrong.push(`${rel}: ${file.slice(dir.length + 1)} imports ${name}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('installs from the registry alone and runs the newcomer path', () => {
    expect(missing, 'locked tarballs missing from the npm cache (run npm ci)').toEqual([]);
    const prefix = join(home, 'prefix');
    const empty = join(home, 'elsewhere');
    mkdirSync(empty);
    npm(['install', '-g', '--prefix', prefix, 'spec-to-pack-studio@0.1.0'], empty);
    const bin = join(prefix, WINDOWS ? 'studio.cmd' : 'bin/studio');
    expect(existsSync(bin)).toBe(true);
    const studio = (...args: string[]) => {
      const r = spawnSync(bin, args, { cwd: empty, env, encoding: 'utf8', shell: WINDOWS, timeout: 300_000 });
      expect(r.status, `studio ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
      return r;
    };
    studio('init', '-o', 'plan');
    const generated = studio(
      'generate',
      '--idea',
      'plan/idea.yaml',
      '--decisions',
      'plan/decisions.yaml',
      '--pack',
      'deep',
      '-o',
      'out',
    );
    expect(generated.stdout).toMatch(/Wrote \d+ artifacts and 1 zip\(s\) to out/);
    // Reads the zip back (yauzl at run time).
    expect(studio('verify', 'out').stdout).toContain('out is intact');
    // The gate harness renders with the bundled examples, which must ship in the package.
    studio('pack', 'new', '@acme/pack-release', '-o', 'my-pack');
    expect(studio('pack', 'verify', './my-pack').stdout).toContain('all gates passed');
    const installed = studio('plugins', 'install', '@vendor/fintech-pack', '--json');
    expect(JSON.parse(installed.stdout)).toMatchObject({
      ok: true,
      installed: [{ name: '@vendor/fintech-pack', version: '1.0.0' }],
    });
    expect(studio('pack', 'list').stdout).toMatch(
      /fintech\s+@vendor\/fintech-pack@1\.0\.0\s+user\s+verified/,
    );
  }, 600_000);
});
