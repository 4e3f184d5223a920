// Tarball entries an attacker can craft: each is refused from the listing, before anything is written.
import { cpSync, existsSync, linkSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Header, create } from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { packageBreaks } from '../../src/install/package-rules.js';
import { extractTarball, tarballBreaks } from '../../src/install/tarball.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/install');
const temps: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-tar-'));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A tarball of the clean fixture under package/, after `edit` changed the copy, plus `extra` entries
 *  (paths relative to the folder holding package/, or absolute; kept as written). */
async function tarball(edit?: (pkg: string) => void, extra: string[] = [], gzip = true): Promise<string> {
  const dir = temp();
  const pkg = join(dir, 'package');
  cpSync(join(FIXTURES, 'clean'), pkg, { recursive: true });
  edit?.(pkg);
  const file = join(dir, gzip ? 'pack.tgz' : 'pack.tar');
  create(
    { sync: true, file, gzip, cwd: dir, portable: true, follow: false, preservePaths: extra.length > 0 },
    ['package', ...extra],
  );
  return file;
}

async function rules(file: string): Promise<string[]> {
  return (await tarballBreaks(file)).map((b) => `${b.rule} ${b.file}`);
}

describe('tarball inspection', () => {
  it('accepts the clean pack and extracts exactly its files', async () => {
    const file = await tarball();
    expect(await tarballBreaks(file)).toEqual([]);
    const out = temp();
    await extractTarball(file, out);
    expect(existsSync(join(out, 'pack.json'))).toBe(true);
    expect(packageBreaks(out)).toEqual([]);
  });

  it('refuses a symbolic link', async () => {
    const file = await tarball((pkg) => symlinkSync('/etc/passwd', join(pkg, 'templates/passwd.njk')));
    expect(await rules(file)).toEqual(['tar-link templates/passwd.njk']);
  });

  it('refuses a hard link', async () => {
    const file = await tarball(
      (pkg) => linkSync(join(pkg, 'templates/overview.md.njk'), join(pkg, 'templates/second.md.njk')),
      [],
      false,
    );
    expect((await rules(file)).filter((r) => r.startsWith('tar-link'))).toHaveLength(1);
  });

  it('refuses absolute paths, ".." and entries outside package/', async () => {
    const outside = temp();
    writeFileSync(join(outside, 'evil.txt'), 'x');
    const file = await tarball(undefined, [`../${basename(outside)}/evil.txt`, join(outside, 'evil.txt')]);
    const found = await rules(file);
    expect(found).toContain(`tar-path ../${basename(outside)}/evil.txt`);
    expect(found).toContain(`tar-path ${join(outside, 'evil.txt')}`);
  });

  it('refuses device entries', async () => {
    // A character-device header written by hand (creating real devices needs root).
    const header = new Header({ path: 'package/dev-null', type: 'CharacterDevice', mode: 0o644, size: 0 });
    header.encode();
    const file = join(temp(), 'device.tar');
    writeFileSync(file, Buffer.concat([header.block!, Buffer.alloc(1024)]));
    expect(await rules(file)).toContain('tar-device dev-null');
  });

  it('refuses a tarball that unpacks beyond the size or entry limits (decompression bombs)', async () => {
    const file = await tarball();
    expect(await tarballBreaks(file, { bytes: 100, entries: 1000 })).toEqual([
      expect.objectContaining({ rule: 'tar-size', message: expect.stringMatching(/limits: 100 bytes/) }),
    ]);
    expect((await tarballBreaks(file, { bytes: 1e9, entries: 3 })).map((b) => b.rule)).toEqual(['tar-size']);
  });

  it('refuses case-only twins and Windows-reserved names', async () => {
    const file = await tarball((pkg) => {
      writeFileSync(join(pkg, 'templates/Overview.md.njk'), 'x');
      writeFileSync(join(pkg, 'templates/con.njk'), 'x');
    });
    const found = await rules(file);
    expect(found).toContain('tar-case-collision templates/Overview.md.njk');
    expect(found).toContain('tar-name templates/con.njk');
  });
});

describe('package.json rules', () => {
  const cases: [string, string, string][] = [
    ['nested-plugin', 'oclif-key', '/oclif/plugins'],
    ['self-approving-hook', 'oclif-key', '/oclif/hooks'],
    ['commands-no-manifest', 'oclif-key', '/oclif/commands'],
    ['unlisted-dependency', 'dependencies', '/dependencies'],
    ['bin-entry', 'bin', '/bin'],
    ['yarn-linked-script', 'install-script', '/scripts/postinstall'],
  ];
  for (const [fixture, rule, pointer] of cases) {
    it(`${fixture}: rule ${rule} at ${pointer}`, () => {
      expect(packageBreaks(join(FIXTURES, fixture))).toContainEqual(
        expect.objectContaining({ rule, pointer }),
      );
    });
  }
  it('nested-plugin also breaks the dependencies rule; the clean fixture breaks none', () => {
    expect(packageBreaks(join(FIXTURES, 'nested-plugin')).map((b) => b.rule)).toEqual([
      'oclif-key',
      'dependencies',
    ]);
    expect(packageBreaks(join(FIXTURES, 'clean'))).toEqual([]);
  });
});
