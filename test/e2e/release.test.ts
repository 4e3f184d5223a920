// Release (X3): the packages as npm would ship them. Every workspace package and the root are packed
// and published to a verdaccio on loopback, then `npm install -g` puts studio into a temp prefix with no
// repository around, and the installed studio runs the newcomer's path: init, generate the Deep pack,
// verify the output, scaffold and verify a pack, and install the vendor pack from the same registry.
// Third-party dependencies are served from the lockfile's exact versions, their tarballs taken from the
// npm cache that `npm ci` filled: nothing is fetched from the internet.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registry, REPO, serveLockedPackages, startVerdaccio } from '../integration/registry-harness.js';
import { listFiles } from '../../src/util/list-files.js';
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
    missing = serveLockedPackages(storage, userCache, join(home, 'npm-cache'));
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
  // Published as a maintainer releases: the workspace packages and the root from one npm process in the
  // repository (npm's start-up is much of what a publish costs), the vendor pack beside it. Each packs
  // exactly what `npm pack` would.
  const vendor = PACKAGES.at(-1)!;
  const workspaces = PACKAGES.filter((dir) => dir !== '.' && dir !== vendor);
  await Promise.all([
    run(
      'npm',
      [
        'publish',
        ...workspaces.map((w) => `--workspace=${w}`),
        '--include-workspace-root',
        '--ignore-scripts',
      ],
      { cwd: REPO, env, shell: WINDOWS },
    ),
    run('npm', ['publish', join(REPO, vendor), '--ignore-scripts'], { cwd: home, env, shell: WINDOWS }),
  ]);
}, 300_000);

// The installed prefix holds studio's whole dependency tree: removing it takes a while on a busy disk.
afterAll(() => {
  registry?.child.kill();
  if (home) rmSync(home, { recursive: true, force: true });
}, 300_000);

/** Every file a package ships (its `files`), recursively. */
function shippedFiles(dir: string): string[] {
  const pjson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { files?: string[] };
  return (pjson.files ?? [])
    .map((f) => join(dir, f))
    .filter((p) => existsSync(p))
    .flatMap((p) => (statSync(p).isDirectory() ? listFiles(p).map((f) => join(p, f)) : [p]));
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
          // No npm package name holds a colon: `node:fs`, or text such as "from 'javascript:' URLs" in
          // a bundled library's message.
          if (!/^[@a-z0-9]/i.test(spec!) || spec!.includes(':')) continue;
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
