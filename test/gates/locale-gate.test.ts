// The locale gates: the fr-CA pack passes them; a translated catalog with a renamed argument, template
// syntax, a missing id or a plural category French does not have is refused, naming the message.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/i18n/catalog.js';
import { citedIds, compareCatalogs } from '../../src/gates/locale-gate.js';
import { runGates } from '../../src/gates/run-gates.js';
import { REPO, ensureFirstPartyBuilt, firstPartyPlugins } from './first-party.js';

const temp = mkdtempSync(join(tmpdir(), 'studio-locale-gate-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A copy of the fr-CA pack whose balanced catalog went through `edit`. */
function editedPack(name: string, edit: (messages: Record<string, string>) => void): string {
  const root = join(temp, name);
  cpSync(join(REPO, 'packs/locale-fr-ca'), root, { recursive: true });
  const file = join(root, 'catalogs/balanced.json');
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  edit(messages);
  writeFileSync(file, `${JSON.stringify(messages, null, 2)}\n`);
  return root;
}

const gate = (root: string) => runGates({ root, name: '', version: '' }, { plugins: firstPartyPlugins() });

describe('locale packs through the gates', () => {
  beforeAll(() => ensureFirstPartyBuilt(), 600_000);

  it('the fr-CA pack passes package, paths, locale, harness and determinism', async () => {
    const report = await gate(join(REPO, 'packs/locale-fr-ca'));
    expect(report.gates.map((g) => [g.name, g.ok])).toEqual([
      ['package', true],
      ['paths', true],
      ['locale', true],
      ['harness', true],
      ['determinism', true],
    ]);
    expect(report.ok).toBe(true);
  }, 120_000);

  it('refuses a translation whose argument name differs from the English message', async () => {
    const root = editedPack('renamed-arg', (m) => {
      m['brief.title'] = m['brief.title']!.replace('{title}', '{titre}');
    });
    const report = await gate(root);
    const locale = report.gates.find((g) => g.name === 'locale')!;
    expect(locale.ok).toBe(false);
    expect(locale.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /message "brief\.title" has the arguments \{titre\} but the source has \{title\}/,
      ),
    ]);
    expect(locale.findings[0]).toMatchObject({ code: 'E_CATALOG_INVALID', pointer: '/brief.title' });
    expect(report.gates.find((g) => g.name === 'harness')?.skipped).toMatch(/locale gate must pass/);
  });

  it('refuses a message holding template syntax', async () => {
    const root = editedPack('template-syntax', (m) => {
      m['brief.heading.problem'] = 'Problème {{ spec.title }}';
    });
    const locale = (await gate(root)).gates.find((g) => g.name === 'locale')!;
    expect(locale.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/message "brief\.heading\.problem" holds template syntax/),
    ]);
  });

  it('refuses missing ids unless the manifest lists them as falling back', async () => {
    const root = editedPack('missing', (m) => {
      delete m['brief.heading.ask'];
      delete m['prd.title'];
    });
    const locale = (await gate(root)).gates.find((g) => g.name === 'locale')!;
    expect(locale.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /2 of the \d+ messages of @studio\/pack-balanced\/catalogs\/en-US\.json are missing: brief\.heading\.ask, prd\.title/,
      ),
    ]);
    const manifest = join(root, 'pack.json');
    const data = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      manifest,
      JSON.stringify({ ...data, fallback: { balanced: ['brief.heading.ask', 'prd.title'] } }),
    );
    const again = (await gate(root)).gates.find((g) => g.name === 'locale')!;
    expect(again.ok).toBe(true);
  }, 120_000);
});

describe('compareCatalogs and citedIds', () => {
  const source = parseCatalog(
    JSON.stringify({ 'a.count': '{n, plural, one {{n} item} other {{n} items}}', 'a.name': 'Name {x}' }),
    'src/en-US.json',
    'en-US',
  );

  it('accepts the plural categories of the locale and refuses others', () => {
    const ok = parseCatalog(
      JSON.stringify({
        'a.count': '{n, plural, one {# élément} many {# d’éléments} other {# éléments}}',
        'a.name': 'Nom {x}',
      }),
      'fr.json',
      'fr-CA',
    );
    expect(compareCatalogs(source, ok, [])).toEqual([]);
    const bad = parseCatalog(
      JSON.stringify({
        'a.count': '{n, plural, one {# élément} few {# éléments} other {# éléments}}',
        'a.name': 'Nom {x}',
      }),
      'fr.json',
      'fr-CA',
    );
    expect(compareCatalogs(source, bad, []).map((f) => f.message)).toEqual([
      expect.stringMatching(
        /"a\.count" uses plural categories \{one, few, other\} for \{n\}; fr-CA has one, many, other/,
      ),
    ]);
    expect(() =>
      parseCatalog(JSON.stringify({ 'a.count': '{n, plural, one {# élément}}' }), 'fr.json', 'fr-CA'),
    ).toThrow(/"a\.count" is not valid ICU MessageFormat/);
  });

  it('refuses ids the source does not have', () => {
    const extra = parseCatalog(
      JSON.stringify({ 'a.count': '{n}', 'a.name': '{x}', 'a.typo': 'x' }),
      'fr.json',
      'fr-CA',
    );
    expect(compareCatalogs(source, extra, []).map((f) => f.message)).toEqual([
      expect.stringMatching(/1 message ids are not in src\/en-US\.json: a\.typo/),
    ]);
  });

  it('reads ids out of Markdown and Mermaid alike', () => {
    expect(citedIds('F-1 and TC-F-1-AC-2; ADR-0002, End-to-end, TC-')).toEqual([
      'ADR-0002',
      'F-1',
      'TC-F-1-AC-2',
    ]);
    expect(citedIds('alt F#45;1#45;DF#45;1 réussit')).toEqual(['F-1-DF-1']);
  });
});
