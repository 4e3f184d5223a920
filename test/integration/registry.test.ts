// Installing packs from a real npm registry (verdaccio on loopback) with the built CLI, as a user would:
// the listed vendor pack installs, passes the gates and generates; every refusal leaves nothing behind.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffoldPack } from '../../src/gates/scaffold-pack.js';
import { generateArgs } from '../e2e/cli.js';
import { PACK_GATES } from '../gates/helpers.js';
import {
  type CliResult,
  type Registry,
  REPO,
  copyPackage,
  freePort,
  publishAll,
  seedValidationCache,
  startVerdaccio,
  studio,
  throwawayKey,
  trustKey,
  writeSignedIndex,
} from './registry-harness.js';

let registry: Registry;
let work: string;
let dataDir: string;
const indexPackages: Record<string, unknown>[] = [];

const cli = (...args: string[]) =>
  studio(args, { cwd: work, dataDir, registry: registry.url, userconfig: registry.userconfig });

function nothingInstalled(name: string): void {
  expect(existsSync(join(dataDir, 'node_modules', ...name.split('/')))).toBe(false);
  const pjsonFile = join(dataDir, 'package.json');
  if (existsSync(pjsonFile)) {
    const pjson = JSON.parse(readFileSync(pjsonFile, 'utf8')) as {
      dependencies?: object;
      oclif?: { plugins?: { name: string }[] };
    };
    expect(Object.keys(pjson.dependencies ?? {})).not.toContain(name);
    expect((pjson.oclif?.plugins ?? []).map((p) => p.name)).not.toContain(name);
  }
  const records = join(dataDir, 'studio-gates.json');
  if (existsSync(records))
    expect(Object.keys(JSON.parse(readFileSync(records, 'utf8')).records)).not.toContain(name);
}

/** The integrity the shipped index lists for the first version of `name`. */
function listedIntegrity(name: string): string {
  const index = JSON.parse(readFileSync(join(REPO, 'registry/index.json'), 'utf8')) as {
    packages: { name: string; versions: { integrity: string }[] }[];
  };
  return index.packages.find((p) => p.name === name)!.versions[0]!.integrity;
}

function copyWithVersion(src: string, version: string, edit?: (dir: string) => void): string {
  return copyPackage(src, (dir) => {
    for (const f of ['package.json', 'oclif.manifest.json']) {
      const p = join(dir, f);
      writeFileSync(p, readFileSync(p, 'utf8').replace(/"version": "[^"]+"/, `"version": "${version}"`));
    }
    edit?.(dir);
  });
}

/** The gates a locale pack passes, in the order they run. */
const LOCALE_GATES = ['package', 'paths', 'locale', 'harness', 'determinism'];
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Install `spec` through the gates (named in the message, with the shipped index vouching) and
 *  generate the ledgerly example with it installed; `flags` choose the pack or locale. */
function installAndGenerate(spec: string, gates: string[], out: string, ...flags: string[]): CliResult {
  const install = cli('plugins', 'install', spec);
  expect(install.output).not.toMatch(/Error/);
  expect(install.code).toBe(0);
  expect(install.output).toMatch(
    new RegExp(
      `${literal(`${spec} passed the gates (${gates.join(', ')}); vouched for by `)}.*${literal('registry/index.json (signed by the studio project key')}`,
    ),
  );
  const gen = cli(...generateArgs('ledgerly', ...flags, '-o', out));
  expect(gen.output).not.toMatch(/Error|fall back/);
  expect(gen.code).toBe(0);
  return gen;
}

/** `plugins install name` fails with exit `exit` and output matching every pattern; nothing is left. */
function refusesInstall(name: string, exit: number, ...patterns: (RegExp | string)[]): CliResult {
  const r = cli('plugins', 'install', name);
  expect(r.code, r.output).toBe(exit);
  for (const p of patterns) {
    if (typeof p === 'string') expect(r.output).toContain(p);
    else expect(r.output).toMatch(p);
  }
  nothingInstalled(name.replace(/(.)@[^/]*$/, '$1')); // the name without its version
  return r;
}

beforeAll(async () => {
  if (!existsSync(join(REPO, 'dist/hooks/plugins-preinstall.js'))) {
    execFileSync('npm', ['run', 'build'], {
      cwd: REPO,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
  }
  registry = await startVerdaccio();
  work = mkdtempSync(join(tmpdir(), 'studio-user-'));
  dataDir = join(work, 'data');
  mkdirSync(dataDir);
  // The uninstall check below looks for the compiled templates these installs add.
  seedValidationCache(work);
  const fintech = join(REPO, 'examples/packs/fintech-pack');
  // Published with changed bytes; the index lists it with the reviewed tarball's integrity (tampering).
  const tampered = copyWithVersion(fintech, '1.0.1', (d) => {
    writeFileSync(join(d, 'README.md'), 'changed after review\n');
    const p = join(d, 'package.json');
    writeFileSync(p, readFileSync(p, 'utf8').replace('"@vendor/fintech-pack"', '"@fixture/tampered"'));
  });
  const future = join(mkdtempSync(join(tmpdir(), 'studio-pkg-')), 'future');
  scaffoldPack({ name: '@fixture/future-engine', id: 'future', out: future });
  const scaffolded = join(mkdtempSync(join(tmpdir(), 'studio-pkg-')), 'travel');
  scaffoldPack({ name: '@acme/pack-travel', out: scaffolded });
  const fixtures = [
    scaffolded,
    ...['bad-variable', 'dotdot-path', 'postinstall-script'].map((n) => join(REPO, 'test/fixtures/packs', n)),
  ];
  const [good, locale, bad, fut, ...fx] = await publishAll(registry, [
    fintech,
    // The fr-CA locale pack, published as it is in the repository (the shipped index lists its tarball).
    join(REPO, 'packs/locale-fr-ca'),
    tampered,
    future,
    ...fixtures,
  ]);
  expect(locale!.version.integrity).toBe(listedIntegrity('@studio/locale-fr-ca'));
  indexPackages.push(
    {
      name: bad!.name,
      description: 'Tampered after review',
      versions: [{ ...bad!.version, integrity: good!.version.integrity }],
    },
    {
      name: fut!.name,
      description: 'Needs a future studio',
      versions: [{ ...fut!.version, engine: '>=9.0.0 <10.0.0' }],
    },
    ...fx.map((e) => ({ name: e.name, description: 'fixture', versions: [e.version] })),
    // Listed, but published nowhere: what a user meets with the wrong registry configured.
    { name: '@fixture/never-published', description: 'fixture', versions: [good!.version] },
  );
  // The shipped index lists the vendor pack with the integrity of this very tarball.
  expect(good!.version.integrity).toBe(listedIntegrity('@vendor/fintech-pack'));
  const key = throwawayKey();
  writeSignedIndex(join(work, 'test-index.json'), indexPackages, key.privatePem);
  trustKey(join(work, 'config'), key.publicPem);
  writeFileSync(join(work, '.studiorc.json'), JSON.stringify({ registries: ['./test-index.json'] }));
}, 170_000);

afterAll(() => {
  if (registry?.child.pid) process.kill(registry.child.pid);
});

describe('studio plugins install from a real registry', () => {
  it('shows the shipped index first, then the configured one, each with its signer', () => {
    const listed = cli('registry', 'list', '--json');
    expect(listed.code).toBe(0);
    const out = JSON.parse(listed.stdout) as {
      indexes: { rank: number; path: string; origin: string; trusted: boolean; trust: string }[];
    };
    expect(out.indexes.map((i) => [i.rank, i.origin === 'default', i.trusted])).toEqual([
      [1, true, true],
      [2, false, true],
    ]);
    expect(out.indexes[0]!.trust).toMatch(/signed by the studio project key/);
    expect(out.indexes[1]!.trust).toMatch(/signed by test index key/);
    expect(out.indexes[1]!.path).toBe(join(work, 'test-index.json'));
  });

  it('installs the listed vendor pack, lists it as verified, generates with it, and uninstalls it', () => {
    const out = join(work, 'out');
    installAndGenerate('@vendor/fintech-pack@1.0.0', PACK_GATES, out, '--pack', 'fintech');
    expect(existsSync(join(dataDir, '.studio-install'))).toBe(false);
    const list = cli('pack', 'list', '--json');
    const rows = (
      JSON.parse(list.stdout) as {
        packs: { id: string; package: string; source: string; usable: boolean; status: string }[];
      }
    ).packs;
    expect(rows.find((r) => r.id === 'fintech')).toMatchObject({
      package: '@vendor/fintech-pack',
      source: 'user',
      usable: true,
      status: 'verified',
    });
    expect(readFileSync(join(out, 'fintech/ledger_invariants.md'), 'utf8')).toContain(
      'Payment.amount\\_minor',
    );
    expect(readFileSync(join(out, 'fintech/pci_scope.md'), 'utf8')).toMatch(
      /SAQ A \(card entry fully outsourced/,
    );
    expect(existsSync(join(out, 'prd.md'))).toBe(true);

    // Load-time check: a record that no longer matches the installed integrity makes the pack unusable.
    const recordsFile = join(dataDir, 'studio-gates.json');
    const original = readFileSync(recordsFile, 'utf8');
    writeFileSync(
      recordsFile,
      original.replace(/"integrity": "sha512-[^"]+"/, `"integrity": "sha512-${'A'.repeat(86)}=="`),
    );
    const refused = JSON.parse(cli('pack', 'list', '--json').stdout) as {
      packs: { id: string; usable: boolean; status: string }[];
    };
    expect(refused.packs.find((r) => r.id === 'fintech')).toMatchObject({
      usable: false,
      status: expect.stringMatching(/integrity differs/),
    });
    const blocked = cli(...generateArgs('ledgerly', '--pack', 'fintech', '-o', join(work, 'out2')));
    expect(blocked.code).toBe(2);
    expect(blocked.output).toMatch(/E_PACK_NOT_FOUND/);
    expect(blocked.output).toMatch(/@vendor\/fintech-pack@1\.0\.0 is not used/);
    writeFileSync(recordsFile, original);

    // One byte changed on disk: the pack is refused, and the changed file is named.
    const template = join(dataDir, 'node_modules/@vendor/fintech-pack/templates/pci_scope.md.njk');
    const bytes = readFileSync(template);
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(template, bytes);
    const changed = JSON.parse(cli('pack', 'list', '--json').stdout) as {
      packs: { id: string; usable: boolean; status: string; changed?: string }[];
    };
    expect(changed.packs.find((r) => r.id === 'fintech')).toMatchObject({
      usable: false,
      changed: 'templates/pci_scope.md.njk',
      status: expect.stringMatching(/templates\/pci_scope\.md\.njk was changed since it passed/),
    });
    const refusedGen = cli(...generateArgs('ledgerly', '--pack', 'fintech', '-o', join(work, 'out3')));
    expect(refusedGen.code).toBe(2);
    expect(refusedGen.output).toMatch(/templates\/pci_scope\.md\.njk was changed/);
    expect(existsSync(join(work, 'out3'))).toBe(false);

    // The runs above compiled the pack's templates into the cache; uninstall removes them too.
    expect(existsSync(join(work, 'cache', 'templates'))).toBe(true);
    const un = cli('plugins', 'uninstall', '@vendor/fintech-pack');
    expect(un.code).toBe(0);
    nothingInstalled('@vendor/fintech-pack');
    expect(existsSync(join(work, 'cache', 'templates'))).toBe(false);
  });

  it('installs the fr-CA locale pack through the gates and generates French documents with it', () => {
    const out = join(work, 'out-fr');
    installAndGenerate('@studio/locale-fr-ca@0.1.0', LOCALE_GATES, out, '--locale', 'fr-CA');
    expect(readFileSync(join(out, 'prd.md'), 'utf8')).toMatch(/^# .* : exigences du produit\n/);
    expect(readFileSync(join(out, 'roadmap.md'), 'utf8')).toContain('## Calendrier');
    const un = cli('plugins', 'uninstall', '@studio/locale-fr-ca');
    expect(un.code).toBe(0);
    nothingInstalled('@studio/locale-fr-ca');
    // The gates render each harness spec in English and in French, twice: slower than a vendor pack.
  }, 240_000);

  it('installs a pack scaffolded by "studio pack new" as is', () => {
    const install = cli('plugins', 'install', '@acme/pack-travel');
    expect(install.output).not.toMatch(/Error/);
    expect(install.code).toBe(0);
    const rows = (
      JSON.parse(cli('pack', 'list', '--json').stdout) as { packs: { id: string; usable: boolean }[] }
    ).packs;
    expect(rows.find((r) => r.id === 'travel')).toMatchObject({ usable: true });
    expect(cli('plugins', 'uninstall', '@acme/pack-travel').code).toBe(0);
    nothingInstalled('@acme/pack-travel');
  });

  it('refuses a name that is not in any index, and a similar unscoped name', () => {
    for (const name of ['@vendor/unlisted-pack', 'fintech-pack'])
      refusesInstall(name, 2, `E_REGISTRY_NOT_LISTED: ${name} is not listed in any registry index`);
  });

  it('refuses a version outside the engine range', () => {
    refusesInstall(
      '@fixture/future-engine',
      2,
      /E_REGISTRY_INCOMPATIBLE.*needs studio >=9\.0\.0 <10\.0\.0; this is studio 0\.1\.0/s,
    );
  });

  it('refuses a tarball whose integrity differs from the index', () => {
    refusesInstall(
      '@fixture/tampered@1.0.1',
      2,
      /E_INTEGRITY_MISMATCH: @fixture\/tampered@1\.0\.1 .* has integrity sha512-/,
    );
  });

  it('says a listed version is not published on the registry in use (not "not listed")', () => {
    refusesInstall(
      '@fixture/never-published',
      1,
      'E_PACKAGE_NOT_PUBLISHED: @fixture/never-published@1.0.0 is listed in the index but not published on',
      'STUDIO_NPM_REGISTRY',
    );
  });

  it('removes a pack whose template references an undefined variable', () => {
    refusesInstall(
      '@fixture/bad-variable',
      2,
      /E_GATE_FAILED \[@fixture\/bad-variable\]: @fixture\/bad-variable@0\.1\.0 failed the validation gates: harness/,
      /owner_name/,
      'Nothing was installed',
    );
  });

  it('removes a pack with a ../ artifact path', () => {
    refusesInstall(
      '@fixture/dotdot-path',
      2,
      /\[paths\] pack "fx-dotdot-path", artifact "overview": path "\.\.\/outside\.md" is unsafe/,
    );
    // The same refusal with --json: studio's one failure shape and the same exit code, not oclif's.
    const json = cli('plugins', 'install', '@fixture/dotdot-path', '--json');
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.stdout) as {
      ok: boolean;
      error: { code: string; details: { message: string }[] };
    };
    expect(parsed.ok).toBe(false);
    expect(parsed.error.code).toBe('E_GATE_FAILED');
    expect(parsed.error.details.map((d) => d.message).join('\n')).toMatch(
      /\[paths\] .*"\.\.\/outside\.md" is unsafe/,
    );
    nothingInstalled('@fixture/dotdot-path');
  });

  it('never runs a postinstall script, and removes the pack that has one', () => {
    refusesInstall(
      '@fixture/postinstall-script',
      2,
      /E_PACK_REFUSED: @fixture\/postinstall-script@0\.1\.0 is refused \(rule install-script, package\.json at \/scripts\/postinstall\)/,
    );
    expect(existsSync(join(dataDir, 'postinstall-ran'))).toBe(false);
    // Control: a plain npm install of the same tarball does run it, so the marker check can fail.
    const scratch = mkdtempSync(join(tmpdir(), 'studio-control-'));
    writeFileSync(join(scratch, 'package.json'), '{"name":"control","version":"1.0.0","private":true}');
    spawnSync(
      'npm',
      ['install', '@fixture/postinstall-script', '--registry', registry.url, '--no-audit', '--no-fund'],
      {
        cwd: scratch,
        shell: process.platform === 'win32',
        env: {
          ...process.env,
          npm_config_userconfig: registry.userconfig,
          npm_config_ignore_scripts: 'false',
        },
      },
    );
    expect(existsSync(join(scratch, 'postinstall-ran'))).toBe(true);
  });

  it('fails with a clear message when the registry is down', async () => {
    const down = `http://127.0.0.1:${await freePort()}/`;
    const r = studio(['plugins', 'install', '@vendor/fintech-pack@1.0.0'], {
      cwd: work,
      dataDir,
      registry: down,
      userconfig: registry.userconfig,
    });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(
      new RegExp(
        `E_REGISTRY_UNREACHABLE: the registry ${down.replace(/\./g, '\\.')} could not be reached \\(ECONNREFUSED\\)`,
      ),
    );
    nothingInstalled('@vendor/fintech-pack');
  });
});
