// The authoring and registry commands through the built CLI, as a pack author would use them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, throwawayKey, trustKey, writeSignedIndex } from './registry-harness.js';

let work: string;

function studio(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/run.js'), ...args], {
    cwd: work,
    encoding: 'utf8',
    env: {
      ...process.env,
      STUDIO_DATA_DIR: join(work, 'data'),
      STUDIO_CONFIG_DIR: join(work, 'config'),
      NO_COLOR: '1',
    },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(REPO, 'dist/commands/pack/verify.js')))
    spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit', shell: process.platform === 'win32' });
  work = mkdtempSync(join(tmpdir(), 'studio-author-'));
}, 600_000);

describe('pack authoring commands', () => {
  it('pack new scaffolds a pack that pack verify passes (exit 0, --json report)', () => {
    const created = studio('pack', 'new', '@acme/pack-travel', '-o', 'travel');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created @acme/pack-travel (pack id "travel")');
    const verified = studio('pack', 'verify', 'travel', '--json');
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.stdout) as {
      ok: boolean;
      report: { gates: { name: string; ok: boolean }[] };
    };
    expect(report.ok).toBe(true);
    expect(report.report.gates.every((g) => g.ok)).toBe(true);
    expect(studio('pack', 'new', '@acme/pack-travel', '-o', 'travel').code).toBe(2);
    expect(studio('pack', 'new', 'Bad Name').stderr).toMatch(/not a valid npm package name/);
  });

  it('pack verify exits 2 and names the problem for a failing pack', () => {
    const r = studio('pack', 'verify', join(REPO, 'test/fixtures/packs/dotdot-path'));
    expect(r.code).toBe(2);
    // Rendered like every other error: code, one detail per finding, skipped gates named.
    expect(r.stderr).toMatch(/^Error E_GATE_FAILED \[[^\]]+\]: \S+ failed the validation gates: paths\n/);
    expect(r.stderr).toMatch(/\[paths\] .*path "\.\.\/outside\.md" is unsafe: the path contains "\.\."/);
    expect(r.stderr).toMatch(/\[harness\] skipped: /);
    const json = studio('pack', 'verify', join(REPO, 'test/fixtures/packs/dotdot-path'), '--json');
    expect(json.code).toBe(2);
    // One document: the error and, beside it, the full gate report.
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      error: { code: 'E_GATE_FAILED' },
      report: {
        ok: false,
        gates: expect.arrayContaining([expect.objectContaining({ name: 'paths', ok: false })]),
      },
    });
  });

  it('pack verify accepts an installed (built-in) pack name and pack list is sorted with sources', () => {
    expect(studio('pack', 'verify', '@studio/pack-balanced').code).toBe(0);
    const list = JSON.parse(studio('pack', 'list', '--json').stdout) as {
      packs: { id: string; source: string; status: string }[];
    };
    const ids = list.packs.map((p) => p.id);
    expect(ids).toEqual([...ids].sort());
    expect(list.packs.find((p) => p.id === 'balanced')).toMatchObject({ source: 'core', status: 'built-in' });
  });

  it('init writes the default starter, refuses to overwrite, and uses a pack starter when there is one', () => {
    const first = studio('init', '-o', 'product');
    expect(first.code).toBe(0);
    expect(readFileSync(join(work, 'product/idea.yaml'), 'utf8')).toContain('title: My product');
    expect(studio('init', '-o', 'product').code).toBe(2);
    const balanced = studio('init', '--use', 'balanced', '-o', 'b');
    expect(balanced.stdout).toContain('the default starter (pack "balanced" ships none)');
    expect(studio('init', '--use', 'no-such-pack', '-o', 'c').stderr).toMatch(/E_PACK_NOT_FOUND/);
  });
});

describe('registry commands', () => {
  it('verify passes the shipped index and reports every problem of a bad one (exit 2)', () => {
    expect(studio('registry', 'verify').code).toBe(0);
    const bad = join(work, 'bad-index.json');
    writeFileSync(
      bad,
      JSON.stringify({
        index_version: 1,
        packages: [
          {
            name: 'Bad Name',
            description: 'x',
            versions: [
              {
                version: '1.0.0',
                integrity: 'sha1-x',
                template_set: '1.0.0',
                engine: '*',
                spec_versions: '*',
                locales: ['en-US'],
                provides: ['x'],
              },
            ],
          },
        ],
      }),
    );
    const r = studio('registry', 'verify', bad, '--json');
    expect(r.code).toBe(2);
    const err = (JSON.parse(r.stdout) as { error: { code: string; details: { pointer: string }[] } }).error;
    expect(err.code).toBe('E_REGISTRY_INVALID');
    expect(err.details.map((d) => d.pointer)).toContain('/packages/0/versions/0/integrity');
  });

  it('sign writes a signature; verify reports unsigned, unknown signer and trusted signer, and refuses a changed index', () => {
    const idx = writeSignedIndex(join(work, 'signed-index.json'), []);
    const unsigned = studio('registry', 'verify', idx);
    expect(unsigned.code).toBe(0);
    expect(unsigned.stdout).toMatch(
      /signed-index\.json: ok \(0 packages, 0 versions\); unsigned; not trusted \(installs from it need --trust-index/,
    );
    const key = throwawayKey();
    const keyFile = join(work, 'throwaway.pem');
    writeFileSync(keyFile, key.privatePem);
    const signed = studio('registry', 'sign', idx, '--key', keyFile);
    expect(signed.code).toBe(0);
    expect(existsSync(`${idx}.sig`)).toBe(true);
    const unknown = studio('registry', 'verify', idx, '--json');
    expect(unknown.code).toBe(0);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ trusted: false, signature: { state: 'unknown-key' } });
    trustKey(join(work, 'config'), key.publicPem);
    const ok = studio('registry', 'verify', idx, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      ok: true,
      trusted: true,
      signature: { state: 'signed', signer: 'test index key' },
    });
    // Formatting does not matter (canonical JSON is signed); content does.
    writeFileSync(idx, readFileSync(idx, 'utf8').replace('"packages": []', '"packages": [ ]'));
    expect(studio('registry', 'verify', idx).code).toBe(0);
    writeFileSync(
      idx,
      readFileSync(idx, 'utf8').replace('"index_version": 1', '"$schema": "x", "index_version": 1'),
    );
    const changed = studio('registry', 'verify', idx);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/E_INDEX_SIGNATURE_INVALID/);
    expect(studio('registry', 'sign', idx, '--key', join(work, 'missing.pem')).code).toBe(2);
    // The shipped index must carry the project's signature.
    expect(studio('registry', 'verify').stdout).toMatch(/ok .*signed by the studio project key/);
  });

  it('plugins update is refused: it would install versions nobody inspected', () => {
    const r = studio('plugins', 'update');
    expect(r.code).toBe(2);
    // oclif wraps hook errors at the terminal width and prefixes "›".
    expect(r.stderr.replace(/\s*›\s*/g, ' ').replace(/\s+/g, ' ')).toMatch(
      /E_PLUGIN_CONFLICT: "plugins update" would install versions nobody inspected/,
    );
  });

  it('search and info show index metadata with control characters stripped', () => {
    const idx = join(work, 'esc-index.json');
    const integrity = `sha512-${'B'.repeat(86)}==`;
    writeFileSync(
      idx,
      JSON.stringify({
        index_version: 1,
        packages: [
          {
            name: '@esc/pack',
            description: 'Looks \u001b[2J\u001b[31mcleared\u0007 innocent',
            versions: [
              {
                version: '1.0.0',
                integrity,
                template_set: '1.0.0',
                engine: '>=0.1.0 <1.0.0',
                spec_versions: '^1.0.0',
                locales: ['en-US'],
                provides: ['esc'],
              },
            ],
          },
        ],
      }),
    );
    writeFileSync(join(work, '.studiorc.yaml'), 'registries:\n  - ./esc-index.json\n');
    const search = studio('registry', 'search', 'innocent');
    expect(search.code).toBe(0);
    expect(search.stdout).toContain('@esc/pack@1.0.0');
    // eslint-disable-next-line no-control-regex
    expect(search.stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
    const info = studio('registry', 'info', '@esc/pack');
    expect(info.stdout).toContain(`integrity: ${integrity}`);
    expect(info.stdout).toContain('Looks [2J[31mcleared innocent');
    expect(studio('registry', 'info', 'esc/pack').code).toBe(2);
  });
});
