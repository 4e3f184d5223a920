// Installing packs as an attacker would, through a real registry (verdaccio on loopback) and the built
// CLI. Every malicious fixture carries canary code: if any of it ever ran, a file appears in the canary
// folder and a random secret (an environment variable) is printed. Each refusal asserts the stable code
// and rule, that no canary fired, that the secret appears nowhere, and that nothing is left installed.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CliResult,
  type Published,
  type Registry,
  REPO,
  copyPackage,
  publishAll,
  publishCrafted,
  seedValidationCache,
  startVerdaccio,
  studio,
  throwawayKey,
  trustKey,
  writeSignedIndex,
} from '../integration/registry-harness.js';
import { listFiles } from '../../src/util/list-files.js';
import { generateArgs, tempDir } from '../e2e/cli.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/install');
const SECRET = `canary-${randomBytes(12).toString('hex')}`;
const run = promisify(execFile);

let registry: Registry;
let work: string;
let dataDir: string;
let canaryDir: string;
let configDir: string;

function env(): Record<string, string> {
  return { STUDIO_CANARY_DIR: canaryDir, STUDIO_CANARY_SECRET: SECRET };
}

const cli = (...args: string[]): CliResult =>
  studio(args, {
    cwd: work,
    dataDir,
    registry: registry.url,
    userconfig: registry.userconfig,
    configDir,
    env: env(),
  });

/** No canary file, and the secret nowhere: not in the output, not in any file the runs wrote. */
function noCanary(result?: CliResult): void {
  expect(readdirSync(canaryDir)).toEqual([]);
  if (result) expect(result.output).not.toContain(SECRET);
  for (const file of listFiles(work).map((f) => join(work, f))) {
    const stat = lstatSync(file);
    if (!stat.isFile() || stat.size > 5_000_000) continue;
    expect(readFileSync(file, 'latin1').includes(SECRET), file).toBe(false);
  }
}

function nothingInstalled(name: string): void {
  expect(existsSync(join(dataDir, 'node_modules', ...name.split('/')))).toBe(false);
  expect(existsSync(join(dataDir, '.studio-install'))).toBe(false);
  for (const file of ['package.json', 'package-lock.json', 'studio-gates.json']) {
    const p = join(dataDir, file);
    if (existsSync(p)) expect(readFileSync(p, 'utf8')).not.toContain(`"${name}"`);
  }
}

/** Nothing of `name` is registered: package.json, the lock file and the gate records do not name it. */
function notRegistered(name: string): void {
  for (const file of ['package.json', 'package-lock.json', 'studio-gates.json']) {
    const p = join(dataDir, file);
    if (existsSync(p)) expect(readFileSync(p, 'utf8'), file).not.toContain(`"${name}"`);
  }
}

function expectRefused(r: CliResult, name: string, code: string, rule: RegExp): void {
  expect(r.code, r.output).toBe(2);
  expect(r.output).toContain(code);
  expect(r.output).toMatch(rule);
  nothingInstalled(name);
  noCanary(r);
}

function copyAs(src: string, name: string, edit?: (dir: string) => void): string {
  return copyPackage(src, (dir) => {
    const p = join(dir, 'package.json');
    const pjson = JSON.parse(readFileSync(p, 'utf8')) as { name: string };
    pjson.name = name;
    writeFileSync(p, JSON.stringify(pjson, null, 2));
    edit?.(dir);
  });
}

const indexPackages: Record<string, unknown>[] = [];
const listed = (e: { name: string; version: Record<string, unknown> }, integrity?: string) =>
  indexPackages.push({
    name: e.name,
    description: 'attack fixture',
    versions: [{ ...e.version, ...(integrity ? { integrity } : {}) }],
  });

beforeAll(async () => {
  if (!existsSync(join(REPO, 'dist/hooks/plugins-preinstall.js')))
    throw new Error('run "npm run build" first');
  registry = await startVerdaccio();
  work = tempDir('studio-attack-');
  dataDir = join(work, 'data');
  configDir = join(work, 'config');
  canaryDir = tempDir('studio-canary-');
  mkdirSync(dataDir);
  seedValidationCache(work);
  const plain = [
    'clean',
    'nested-plugin',
    'self-approving-hook',
    'commands-no-manifest',
    'unlisted-dependency',
    'bin-entry',
  ];
  const [entries, symlinked, hardlinked] = await Promise.all([
    publishAll(registry, [
      ...plain.map((f) => join(FIXTURES, f)),
      // Tarball bytes that differ from the index: listed below with the clean tarball's integrity.
      copyAs(join(FIXTURES, 'clean'), '@fixture/tampered', (d) =>
        writeFileSync(join(d, 'README.md'), 'changed\n'),
      ),
      // Two more clean packs: one for the kill test, one listed only by an untrusted project-local index.
      copyAs(join(FIXTURES, 'clean'), '@fixture/killed'),
      copyAs(join(FIXTURES, 'clean'), '@fixture/local-only'),
      // The nested plugin the attacks point at: a plain oclif plugin whose init hook is a canary (unlisted).
      join(FIXTURES, 'evil-dep'),
    ]),
    publishCrafted(registry, copyAs(join(FIXTURES, 'clean'), '@fixture/tar-symlink'), (d) =>
      symlinkSync('/etc/passwd', join(d, 'templates/passwd.njk')),
    ),
    publishCrafted(registry, copyAs(join(FIXTURES, 'clean'), '@fixture/tar-hardlink'), (d) =>
      linkSync(join(d, 'templates/overview.md.njk'), join(d, 'templates/second.md.njk')),
    ),
  ]);
  const clean = entries[0]!;
  const [tampered, killed, local] = entries.slice(plain.length) as [Published, Published, Published];
  entries.slice(0, plain.length).forEach((e) => listed(e));
  listed(tampered, String(clean.version.integrity));
  listed(symlinked);
  listed(hardlinked);
  listed(killed);
  const key = throwawayKey();
  writeSignedIndex(join(work, 'test-index.json'), indexPackages, key.privatePem);
  trustKey(configDir, key.publicPem);
  // A project-local index (as a cloned repository could carry): unsigned; it also re-lists the vendor
  // pack with other bytes, which must never win over the shipped index.
  writeSignedIndex(join(work, 'project-index.json'), [
    { name: local.name, description: 'project-local', versions: [local.version] },
    {
      name: '@vendor/fintech-pack',
      description: 'look-alike',
      versions: [{ ...local.version, version: '1.0.0', provides: ['fintech'] }],
    },
  ]);
  writeFileSync(
    join(work, '.studiorc.json'),
    JSON.stringify({ registries: ['./test-index.json', './project-index.json'] }),
  );
}, 240_000);

afterAll(() => {
  if (registry?.child.pid) process.kill(registry.child.pid);
  for (const dir of [work, canaryDir, registry?.root]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('attacks on "studio plugins install" are refused before any pack code runs', () => {
  it('a nested oclif plugin (oclif.plugins + dependency)', () => {
    expectRefused(
      cli('plugins', 'install', '@fixture/nested-plugin'),
      '@fixture/nested-plugin',
      'E_PACK_REFUSED',
      /rule oclif-key, package\.json at \/oclif\/plugins/,
    );
    nothingInstalled('@fixture/evil-dep');
  });

  it('a self-approving plugins:postinstall hook', () => {
    expectRefused(
      cli('plugins', 'install', '@fixture/self-approving-hook'),
      '@fixture/self-approving-hook',
      'E_PACK_REFUSED',
      /rule oclif-key, package\.json at \/oclif\/hooks/,
    );
  });

  it('commands without a manifest', () => {
    expectRefused(
      cli('plugins', 'install', '@fixture/commands-no-manifest'),
      '@fixture/commands-no-manifest',
      'E_PACK_REFUSED',
      /rule oclif-key, package\.json at \/oclif\/commands/,
    );
  });

  it('an unlisted dependency', () => {
    expectRefused(
      cli('plugins', 'install', '@fixture/unlisted-dependency'),
      '@fixture/unlisted-dependency',
      'E_PACK_REFUSED',
      /rule dependencies, package\.json at \/dependencies/,
    );
    nothingInstalled('@fixture/evil-dep');
  });

  it('a bin entry', () => {
    expectRefused(
      cli('plugins', 'install', '@fixture/bin-entry'),
      '@fixture/bin-entry',
      'E_PACK_REFUSED',
      /rule bin, package\.json at \/bin/,
    );
  });

  it('a symbolic link and a hard link in the tarball', () => {
    expectRefused(
      cli('plugins', 'install', '@fixture/tar-symlink'),
      '@fixture/tar-symlink',
      'E_PACK_REFUSED',
      /rule tar-link, templates\/passwd\.njk\): "package\/templates\/passwd\.njk" is a symbolic link/,
    );
    expectRefused(
      cli('plugins', 'install', '@fixture/tar-hardlink'),
      '@fixture/tar-hardlink',
      'E_PACK_REFUSED',
      /rule tar-link, templates\/(second|overview)\.md\.njk\): .* is a hard link/,
    );
  });

  it('tarball bytes that differ from the index', () => {
    expectRefused(
      cli('plugins', 'install', '@fixture/tampered'),
      '@fixture/tampered',
      'E_INTEGRITY_MISMATCH',
      /@fixture\/tampered@0\.1\.0 from .* has integrity sha512-.*, but the registry index lists sha512-/,
    );
  });

  it('a project-local index: listed after the shipped one, and unusable until trusted', () => {
    const list = JSON.parse(cli('registry', 'list', '--json').stdout) as {
      indexes: { rank: number; path: string; trusted: boolean; trust: string }[];
      packages: { name: string; index: number }[];
    };
    expect(list.indexes.map((i) => [i.rank, i.trusted])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    expect(list.indexes[2]!.trust).toBe('unsigned; not trusted');
    // The look-alike vendor listing in the project index never wins over the shipped index.
    expect(list.packages.find((p) => p.name === '@vendor/fintech-pack')!.index).toBe(1);
    const r = cli('plugins', 'install', '@fixture/local-only');
    expectRefused(
      r,
      '@fixture/local-only',
      'E_INDEX_UNTRUSTED',
      /is listed by .*project-index\.json, which is unsigned; not trusted/,
    );
    expect(r.output).toContain('--trust-index');
    // An explicit trust for this one command lets it through, and names the index that vouched.
    const ok = cli(
      'plugins',
      'install',
      '@fixture/local-only',
      '--trust-index',
      join(work, 'project-index.json'),
    );
    expect(ok.code, ok.output).toBe(0);
    expect(ok.output).toMatch(/vouched for by .*project-index\.json \(unsigned; trusted for this command/);
    expect(cli('plugins', 'uninstall', '@fixture/local-only').code).toBe(0);
    nothingInstalled('@fixture/local-only');
    noCanary();
  });

  it('an index changed after it was signed', () => {
    const file = join(work, 'test-index.json');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('attack fixture', 'attack fixture, edited'));
    try {
      const verify = cli('registry', 'verify', file);
      expect(verify.code).toBe(2);
      expect(verify.output).toMatch(/E_INDEX_SIGNATURE_INVALID: .*signature INVALID/);
      expectRefused(
        cli('plugins', 'install', '@fixture/clean'),
        '@fixture/clean',
        'E_INDEX_SIGNATURE_INVALID',
        /signature INVALID/,
      );
    } finally {
      writeFileSync(file, original);
    }
    expect(cli('registry', 'verify', file).code).toBe(0);
  });

  it('files edited after a clean install: the pack is refused and the first changed file named', () => {
    const install = cli('plugins', 'install', '@fixture/clean');
    expect(install.code, install.output).toBe(0);
    const root = join(dataDir, 'node_modules/@fixture/clean');
    const rows = () =>
      (
        JSON.parse(cli('pack', 'list', '--json').stdout) as {
          packs: { id: string; usable: boolean; changed?: string }[];
        }
      ).packs;
    expect(rows().find((r) => r.id === 'fx-clean')).toMatchObject({ usable: true });
    // A dropped-in hook file is an added file.
    mkdirSync(join(root, 'hooks'));
    writeFileSync(
      join(root, 'hooks/init.js'),
      readFileSync(join(FIXTURES, 'self-approving-hook/hooks/approve.js')),
    );
    expect(rows().find((r) => r.id === 'fx-clean')).toMatchObject({
      usable: false,
      changed: 'hooks/init.js',
    });
    rmSync(join(root, 'hooks'), { recursive: true });
    const agent = join(root, 'agents/overview.js');
    writeFileSync(agent, `${readFileSync(agent, 'utf8')}\n// edited\n`);
    expect(rows().find((r) => r.id === 'fx-clean')).toMatchObject({
      usable: false,
      changed: 'agents/overview.js',
    });
    const gen = cli(...generateArgs('clinic-queue', '--pack', 'fx-clean', '-o', join(work, 'out')));
    expect(gen.code).toBe(2);
    expect(gen.output).toMatch(/E_PACK_NOT_FOUND/);
    expect(gen.output).toMatch(/agents\/overview\.js was changed since it passed/);
    // Uninstall leaves no trace: no folder, no package.json/lock entry, no gate record or digest.
    expect(cli('plugins', 'uninstall', '@fixture/clean').code).toBe(0);
    nothingInstalled('@fixture/clean');
    noCanary();
  });
});

describe('"studio plugins link"', () => {
  it('refuses a folder with install scripts (and a yarn.lock) without running anything', () => {
    const r = cli('plugins', 'link', join(FIXTURES, 'yarn-linked-script'));
    expectRefused(
      r,
      '@fixture/yarn-linked-script',
      'E_PACK_REFUSED',
      /rule install-script, package\.json at \/scripts\/postinstall/,
    );
  });

  it('never runs yarn: a devDependency with scripts in a yarn-locked folder does not run', async () => {
    const dir = copyAs(join(FIXTURES, 'yarn-linked-devdep'), '@fixture/yarn-linked-devdep');
    const r = cli('plugins', 'link', dir);
    expect(r.code, r.output).toBe(0);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    noCanary(r);
    const rows = (
      JSON.parse(cli('pack', 'list', '--json').stdout) as {
        packs: { id: string; usable: boolean; status: string }[];
      }
    ).packs;
    expect(rows.find((x) => x.id === 'fx-yarn-linked-devdep')).toMatchObject({
      usable: true,
      status: expect.stringMatching(/linked working copy: checked when linked/),
    });
    // Editing the working copy is noticed until it is linked again.
    writeFileSync(join(dir, 'templates/overview.md.njk'), 'edited\n');
    const after = (
      JSON.parse(cli('pack', 'list', '--json').stdout) as {
        packs: { id: string; usable: boolean; status: string }[];
      }
    ).packs;
    expect(after.find((x) => x.id === 'fx-yarn-linked-devdep')).toMatchObject({
      usable: false,
      status: expect.stringMatching(
        /templates\/overview\.md\.njk was changed .*run "studio plugins link" again/,
      ),
    });
    expect(cli('plugins', 'uninstall', '@fixture/yarn-linked-devdep').code).toBe(0);
    // Control: yarn itself does run the devDependency's script, so the canary can fire.
    const control = copyAs(join(FIXTURES, 'yarn-linked-devdep'), '@fixture/control');
    await run(
      process.execPath,
      [join(REPO, 'node_modules/yarn/bin/yarn.js'), 'install', '--offline', '--non-interactive'],
      {
        cwd: control,
        env: { ...process.env, ...env(), npm_config_ignore_scripts: 'true' },
      },
    );
    expect(readdirSync(canaryDir)).toEqual(['canary-fired']);
    rmSync(join(canaryDir, 'canary-fired'));
  });

  it('a linked pack never displaces a built-in pack id', () => {
    const r = cli('plugins', 'link', join(FIXTURES, 'link-balanced'));
    expect(r.code, r.output).toBe(0);
    const list = JSON.parse(cli('pack', 'list', '--json').stdout) as {
      packs: { id: string; package: string; usable: boolean; status: string }[];
    };
    const balanced = list.packs.filter((p) => p.id === 'balanced');
    expect(balanced.find((p) => p.package === '@studio/pack-balanced')).toMatchObject({ usable: true });
    expect(balanced.find((p) => p.package === '@fixture/link-balanced')).toMatchObject({
      usable: false,
      status: expect.stringMatching(/is built in \(@studio\/pack-balanced\)/),
    });
    const gen = cli(...generateArgs('clinic-queue', '--pack', 'balanced', '-o', join(work, 'out-balanced')));
    expect(gen.code, gen.output).toBe(0);
    expect(gen.output).toMatch(
      /pack id "balanced" is built in \(@studio\/pack-balanced\); the one of @fixture\/link-balanced is not used/,
    );
    expect(cli('plugins', 'uninstall', '@fixture/link-balanced').code).toBe(0);
    noCanary();
  });
});

describe('a killed install leaves nothing registered', () => {
  const NAME = '@fixture/killed';

  function startInstall(faultPoint?: string): ChildProcess {
    return spawn(process.execPath, [join(REPO, 'bin/run.js'), 'plugins', 'install', NAME], {
      cwd: work,
      stdio: 'ignore',
      // Its own process group, so the kill takes the npm processes it spawned too (an orphaned npm
      // would otherwise keep writing into the shadow folder after the check below).
      detached: true,
      env: {
        ...process.env,
        ...env(),
        STUDIO_DATA_DIR: dataDir,
        STUDIO_CONFIG_DIR: configDir,
        STUDIO_CACHE_DIR: join(work, 'cache'),
        npm_config_registry: registry.url,
        npm_config_userconfig: registry.userconfig,
        npm_config_cache: join(work, 'npm-cache'),
        npm_config_update_notifier: 'false',
        ...(faultPoint ? { STUDIO_FAULT_POINT: faultPoint } : {}),
      },
    });
  }

  /** Kill the install (its whole process group) once `when` holds; a fault point makes the install
   *  kill itself there instead, for a window too short for polling to hit on a loaded machine. */
  async function killWhen(when: (() => boolean) | { faultPoint: string }): Promise<void> {
    const child = startInstall(typeof when === 'function' ? undefined : when.faultPoint);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, s) => resolve(s)));
    if (typeof when === 'function') {
      for (let i = 0; i < 12_000 && !when() && child.exitCode === null; i++)
        await new Promise((r) => setTimeout(r, 5));
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch (e) {
        // Already gone: the exit status below says whether it was killed or finished on its own.
        if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
      }
    }
    expect(await exited).toBe('SIGKILL');
  }

  const install = join('.studio-install');
  const points: [string, (() => boolean) | { faultPoint: string }][] = [
    ['while the tarball is fetched', () => existsSync(join(dataDir, install, 'journal.json'))],
    ['while the staged copy is gated', () => existsSync(join(dataDir, install, 'staged/package.json'))],
    ['once the shadow data dir is ready for npm', () => existsSync(join(dataDir, install, 'data'))],
    ['after npm unpacked the pack into the shadow', { faultPoint: 'install-npm-done' }],
  ];
  for (const [label, ready] of points) {
    it(`SIGKILL ${label}`, async () => {
      await killWhen(ready);
      notRegistered(NAME);
      // The next command settles the interrupted install: nothing of it is left.
      const next = cli('pack', 'list', '--json');
      expect(next.code).toBe(0);
      expect(next.output).toMatch(/interrupted install of @fixture\/killed was rolled back/);
      nothingInstalled(NAME);
      noCanary();
    }, 120_000);
  }

  it('and the same install, not killed, completes', () => {
    const r = cli('plugins', 'install', NAME);
    expect(r.code, r.output).toBe(0);
    expect(cli('plugins', 'uninstall', NAME).code).toBe(0);
    nothingInstalled(NAME);
  });
});
