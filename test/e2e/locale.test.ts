// `--locale fr-CA` end to end: the fr-CA locale pack (linked as a pack author would) turns the Balanced
// documents French, with Intl-formatted numbers, every validator passing and the same files and ids
// as English; a message the pack lacks falls back to English with one warning on stderr, in --json,
// in audit.jsonl and in the run report; a locale with no pack falls back wholly.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { citedIds } from '../../src/gates/locale-gate.js';
import { ROOT, ensureBuilt, example, readTree, studio, tempDir } from './cli.js';

const { idea, decisions } = example('clinic-queue');

/** A data folder with a copy of the fr-CA locale pack linked (its catalog edited first by `edit`). The
 *  run's shared cache is used: compiled templates and catalogs are keyed by their content. */
function withLocalePack(edit?: (messages: Record<string, string>) => void): NodeJS.ProcessEnv {
  const env = { STUDIO_DATA_DIR: tempDir('studio-data-') };
  const copy = join(tempDir('studio-locale-'), 'locale-fr-ca');
  cpSync(join(ROOT, 'packs/locale-fr-ca'), copy, { recursive: true });
  if (edit) {
    const file = join(copy, 'catalogs/balanced.json');
    const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    edit(messages);
    writeFileSync(file, JSON.stringify(messages));
  }
  const linked = studio(['plugins', 'link', copy], { env });
  expect(linked.status, linked.stderr).toBe(0);
  return env;
}

// Linking runs the locale gate (every harness spec rendered in English and in French): the tests that use
// the pack as shipped share one link.
let shipped: NodeJS.ProcessEnv | undefined;
const withShippedPack = (): NodeJS.ProcessEnv => (shipped ??= withLocalePack());

const generate = (env: NodeJS.ProcessEnv, out: string, ...more: string[]) =>
  studio(['generate', '--idea', idea, '--decisions', decisions, '--pack', 'balanced', '-o', out, ...more], {
    env,
  });

/** Every Markdown and Mermaid document of a generated folder. */
function documents(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, bytes] of readTree(dir)) if (/\.(md|mmd)$/.test(path)) out.set(path, bytes.toString());
  return out;
}

describe('generate --locale fr-CA', () => {
  beforeAll(() => ensureBuilt(), 600_000);

  it('writes French documents that pass every validator with the same files and ids as English', () => {
    const env = withShippedPack();
    const fr = join(tempDir(), 'fr');
    const en = join(tempDir(), 'en');
    const r = generate(env, fr, '--locale', 'fr-CA');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('all validators passed');
    expect(r.stderr).not.toContain('fall back');
    expect(generate(env, en).status).toBe(0);

    const brief = readFileSync(join(fr, 'brief.md'), 'utf8');
    expect(brief).toMatch(/^# Clinic Queue : note de synthèse\n/);
    expect(brief).toContain('## Problème');
    // `md` collapses every space, no-break ones included: the French colon keeps a plain space.
    expect(brief).toContain('- M-1 Pilot (semaines 1 à 4) : F-1, F-4');
    const prd = readFileSync(join(fr, 'prd.md'), 'utf8');
    expect(prd).toContain('## Vue d’ensemble');
    expect(prd).toContain('Priorité : **Essentielle**');
    expect(readFileSync(join(fr, 'test_plan.md'), 'utf8')).toContain('(cible 70 %)');
    expect(readFileSync(join(fr, 'lifecycle.mmd'), 'utf8')).toContain('title: "Cycle de vie – Patient"');

    const frTree = readTree(fr);
    const enTree = readTree(en);
    const docs = [...enTree.keys()].filter((p) => /\.(md|mmd)$/.test(p)).sort();
    expect([...frTree.keys()].filter((p) => /\.(md|mmd)$/.test(p)).sort()).toEqual(docs);
    for (const path of docs) {
      expect(citedIds(frTree.get(path)!.toString()), path).toEqual(citedIds(enTree.get(path)!.toString()));
      if (path.endsWith('.md'))
        expect(frTree.get(path)!.toString(), path).not.toEqual(enTree.get(path)!.toString());
    }
    expect(JSON.parse(frTree.get('source_spec.json')!.toString()).meta.locale).toBe('fr-CA');
  });

  it.each(['clinic-queue', 'ledgerly'])(
    '%s with Balanced and Deep in fr-CA: every document French, valid, with the ids of the English run',
    (name) => {
      const env = withShippedPack();
      const both = (out: string, ...more: string[]) => {
        const files = example(name);
        return studio(
          [
            'generate',
            '--idea',
            files.idea,
            '--decisions',
            files.decisions,
            '--pack',
            'balanced',
            '--pack',
            'deep',
            '-o',
            out,
            ...more,
          ],
          { env },
        );
      };
      const fr = join(tempDir(), 'fr');
      const en = join(tempDir(), 'en');
      const r = both(fr, '--locale', 'fr-CA');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('all validators passed');
      expect(r.stderr).not.toContain('fall back');
      expect(both(en).status).toBe(0);
      const frDocs = documents(fr);
      const enDocs = documents(en);
      expect([...frDocs.keys()].sort()).toEqual([...enDocs.keys()].sort());
      for (const [path, text] of enDocs) expect(citedIds(frDocs.get(path)!), path).toEqual(citedIds(text));
      expect(frDocs.get('slos.md')).toMatch(/\d,\d/);
      expect(frDocs.get('threat_model.md')).not.toEqual(enDocs.get('threat_model.md'));
    },
    180_000,
  );

  it('shows a message the pack lacks in English, with one warning naming the count and the catalog', () => {
    const env = withLocalePack((m) => {
      delete m['brief.heading.problem'];
      delete m['brief.heading.solution'];
    });
    const out = join(tempDir(), 'fr');
    const r = generate(env, out, '--locale', 'fr-CA', '--json');
    expect(r.status, r.stderr).toBe(0);
    const warning =
      /pack "balanced": 2 of \d+ messages fall back to English \(not in the fr-CA catalog @studio\/locale-fr-ca\/catalogs\/balanced\.json\)/;
    expect(r.stderr.split('\n').filter((l) => warning.test(l))).toHaveLength(1);
    expect(
      (JSON.parse(r.stdout) as { warnings: string[] }).warnings.filter((w) => warning.test(w)),
    ).toHaveLength(1);
    const brief = readFileSync(join(out, 'brief.md'), 'utf8');
    expect(brief).toContain('## Problem\n');
    expect(brief).toContain('## Jalons\n');
    const audit = readFileSync(join(out, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; data?: Record<string, unknown> });
    expect(audit.filter((e) => e.event === 'locale fallback').map((e) => e.data)).toEqual([
      {
        pack: 'balanced',
        locale: 'fr-CA',
        catalog: '@studio/locale-fr-ca/catalogs/balanced.json',
        count: 2,
        total: expect.any(Number),
      },
    ]);
    expect(readFileSync(join(out, 'run_report.html'), 'utf8').replaceAll('&quot;', '"')).toMatch(warning);
  });

  it('falls back wholly to English for a locale no pack provides, with the same warning', () => {
    const env = withShippedPack();
    const out = join(tempDir(), 'de');
    const r = generate(env, out, '--locale', 'de-DE');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /pack "balanced" has no de-DE templates or catalog: all \d+ messages fall back to English \(catalog @studio\/pack-balanced\/catalogs\/en-US\.json\)/,
    );
    expect(readFileSync(join(out, 'brief.md'), 'utf8')).toMatch(/^# Clinic Queue: brief\n/);
  });
});
