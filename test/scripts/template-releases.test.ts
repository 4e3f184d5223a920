// Template-set releases: a first-party pack whose templates changed since its last released template_set
// fails the check until template_set is bumped and CHANGELOG.md has an entry for the new version.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../e2e/cli.js';
// @ts-expect-error: a plain ESM script without type declarations
import * as releases from '../../scripts/template-releases.mjs';

const { checkPack, recordPack, changelogVersions, FIRST_PARTY_PACKS } = releases as {
  checkPack: (dir: string) => Promise<string[]>;
  recordPack: (dir: string) => Promise<string[]>;
  changelogVersions: (text: string) => string[];
  FIRST_PARTY_PACKS: string[];
};

let work: string;
beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'studio-releases-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copyPack(name: string): string {
  const dir = join(work, name);
  cpSync(join(ROOT, 'packs/balanced'), dir, {
    recursive: true,
    filter: (src) => !src.includes('node_modules') && !src.endsWith('/test'),
  });
  return dir;
}

// The copied pack's current template_set and the next minor one (the real pack's version moves on).
const CURRENT = (
  JSON.parse(readFileSync(join(ROOT, 'packs/balanced/pack.json'), 'utf8')) as { template_set: string }
).template_set;
const [major, minor] = CURRENT.split('.').map(Number) as [number, number];
const NEXT = `${major}.${minor + 1}.0`;
const re = (v: string) => v.replace(/\./g, '\\.');

function setTemplateSet(dir: string, version: string): void {
  const file = join(dir, 'pack.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  manifest.template_set = version;
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

describe('template-set releases', () => {
  it.each(FIRST_PARTY_PACKS)('%s matches its released template_set and changelog', async (pack) => {
    expect(await checkPack(join(ROOT, pack))).toEqual([]);
  });

  it('refuses changed templates under a released template_set, until bumped and logged', async () => {
    const dir = copyPack('changed');
    expect(await checkPack(dir)).toEqual([]);
    appendFileSync(join(dir, 'templates/brief.md.njk'), '\nOne more line.\n');
    const changed = await checkPack(dir);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(
      new RegExp(`templates changed since template_set ${re(CURRENT)} was released`),
    );

    setTemplateSet(dir, NEXT);
    expect((await checkPack(dir)).join('\n')).toMatch(new RegExp(`no "## \\[${re(NEXT)}\\]" entry`));

    const log = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    writeFileSync(
      join(dir, 'CHANGELOG.md'),
      log.replace(
        '## [Unreleased]\n',
        `## [Unreleased]\n\n## [${NEXT}] - 2026-11-30\n\n### Added\n\n- A line.\n`,
      ),
    );
    expect(await checkPack(dir)).toEqual([]);
    expect(await recordPack(dir)).toEqual([]);
    const recorded = JSON.parse(readFileSync(join(dir, 'template-releases.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(Object.keys(recorded).slice(-2)).toEqual([CURRENT, NEXT]);
    expect(recorded[NEXT]).not.toBe(recorded[CURRENT]);
  });

  it('refuses a template_set that goes backwards', async () => {
    const dir = copyPack('backwards');
    appendFileSync(join(dir, 'templates/prd.md.njk'), '\nChanged.\n');
    setTemplateSet(dir, '0.9.0');
    appendFileSync(join(dir, 'CHANGELOG.md'), '\n## [0.9.0] - 2026-11-30\n\n### Fixed\n\n- x\n');
    expect((await checkPack(dir)).join('\n')).toMatch(
      new RegExp(`0\\.9\\.0 is not newer than the last release ${re(CURRENT)}`),
    );
  });

  it('reads Keep a Changelog version headings only', () => {
    expect(
      changelogVersions('## [Unreleased]\n\n## [1.2.0] - 2026-01-02\n\n## [1.0.0]\n### [9.9.9]\n'),
    ).toEqual(['1.2.0', '1.0.0']);
  });
});
