import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { msg } from '@studio/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import type { StudioError } from '../../src/errors/studio-error.js';
import { parseCatalog } from '../../src/i18n/catalog.js';
import { MessageError, createTranslator } from '../../src/i18n/translate.js';
import { createRenderer } from '../../src/render/renderer.js';

const source = parseCatalog(
  JSON.stringify({
    'brief.heading.problem': 'Problem',
    'brief.features': '{n, plural, one {{n} feature} other {{n} features}} for {who}',
    'sre.budget': '{minutes, number, ::.0} min of downtime a month ({share, number, percent})',
    'plan.due': 'Due {day, date, medium}',
    'plan.severity': '{id} ({severity})',
    'risk.high': 'High',
    'only.english': 'Only in English',
  }),
  '@acme/pack/catalogs/en-US.json',
  'en-US',
);
const french = parseCatalog(
  JSON.stringify({
    'brief.heading.problem': 'Problème',
    'brief.features': '{n, plural, one {# fonctionnalité} other {# fonctionnalités}} pour {who}',
    'sre.budget': '{minutes, number, ::.0} min d’indisponibilité par mois ({share, number, percent})',
    'plan.due': 'Échéance : {day, date, medium}',
    'plan.severity': '{id} ({severity})',
    'risk.high': 'Élevée',
  }),
  '@acme/locale-fr-ca/catalogs/pack.json',
  'fr-CA',
);

describe('translator', () => {
  const en = createTranslator('pack', { source, localized: null, locale: 'en-US', fallback: [] });
  const fr = createTranslator('pack', {
    source,
    localized: french,
    locale: 'fr-CA',
    fallback: ['only.english'],
  });

  it('formats ids and Message objects, with plurals and locale numbers', () => {
    expect(en.format('brief.heading.problem')).toBe('Problem');
    expect(en.format('brief.features', { n: 1, who: 'staff' })).toBe('1 feature for staff');
    expect(en.format(msg('brief.features', { n: 3, who: 'staff' }))).toBe('3 features for staff');
    expect(en.format('sre.budget', { minutes: 43.2, share: 0.001 })).toBe(
      '43.2 min of downtime a month (0%)',
    );
    expect(fr.format('sre.budget', { minutes: 43.2, share: 0.25 })).toBe(
      '43,2 min d’indisponibilité par mois (25\u00a0%)',
    );
    expect(fr.format('brief.features', { n: 1, who: 'le personnel' })).toBe(
      '1 fonctionnalité pour le personnel',
    );
    expect(fr.format('brief.features', { n: 1234, who: 'x' })).toBe('1\u00a0234 fonctionnalités pour x');
  });

  it('formats nested messages in the catalog that has them', () => {
    expect(fr.format(msg('plan.severity', { id: 'R-1', severity: msg('risk.high') }))).toBe('R-1 (Élevée)');
    expect(en.format(msg('plan.severity', { id: 'R-1', severity: msg('risk.high') }))).toBe('R-1 (High)');
  });

  it('falls back to English per message', () => {
    expect(fr.format('only.english')).toBe('Only in English');
  });

  it('formats dates in UTC whatever the time zone of the machine', () => {
    // 23:30 UTC on 1 March is already 2 March east of Greenwich: the date must stay 1 March.
    const day = Date.UTC(2026, 2, 1, 23, 30);
    expect(en.format('plan.due', { day })).toBe('Due Mar 1, 2026');
    expect(fr.format('plan.due', { day })).toMatch(/^Échéance : 1 mars 2026$/);
  });

  it('refuses unknown ids, missing arguments and non-scalar arguments', () => {
    expect(() => en.format('brief.heading.nope')).toThrow(MessageError);
    expect(() => en.format('brief.heading.nope')).toThrow(
      /unknown message id "brief.heading.nope".*@acme\/pack\/catalogs\/en-US.json/,
    );
    expect(() => en.format('brief.features', { n: 2 })).toThrow(/"who" was not provided/);
    expect(() => en.format('brief.features', { n: 2, who: ['a'] })).toThrow(/argument "who" is a list/);
    expect(() => en.format(42)).toThrow(/message id \(text\) or a message object/);
  });
});

describe('the t filter in the renderer', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'studio-t-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const templates = path.join(dir, 'templates');
  mkdirSync(templates);
  writeFileSync(
    path.join(templates, 'ok.md.njk'),
    "# {{ 'brief.heading.problem' | t | md }}\n\n{{ spec.line | t | md }}\n",
  );
  writeFileSync(
    path.join(templates, 'unknown.md.njk'),
    "# x\n\nline three\n{{ 'brief.heading.nope' | t }}\n",
  );
  writeFileSync(path.join(templates, 'missing.md.njk'), "# x\n{{ 'brief.features' | t({ n: 2 }) }}\n");
  const render = (translator: ReturnType<typeof createTranslator>, file: string) =>
    createRenderer({ packId: 'acme', searchPaths: [templates], translator }).render(file, {
      spec: { line: msg('brief.features', { n: 2, who: 'a_b' }) },
    });
  const en = createTranslator('acme', { source, localized: null, locale: 'en-US', fallback: [] });
  const fr = createTranslator('acme', { source, localized: french, locale: 'fr-CA', fallback: [] });

  it('prints formatted text that the template escapes', () => {
    expect(render(en, 'ok.md.njk')).toBe('# Problem\n\n2 features for a\\_b\n');
    expect(render(fr, 'ok.md.njk')).toBe('# Problème\n\n2 fonctionnalités pour a\\_b\n');
  });

  it('fails the render on an unknown id or a missing argument, naming pack, template and line', () => {
    const failure = (file: string) => {
      try {
        render(en, file);
      } catch (error) {
        return error as StudioError;
      }
      throw new Error('no error');
    };
    const unknown = failure('unknown.md.njk');
    expect(unknown.code).toBe(ErrorCodes.MESSAGE_INVALID);
    expect(unknown.message).toMatch(
      /^pack "acme", template unknown\.md\.njk:4: unknown message id "brief\.heading\.nope"/,
    );
    expect(unknown.line).toBe(4);
    expect(unknown.exitCode).toBe(2);
    const missing = failure('missing.md.njk');
    expect(missing.code).toBe(ErrorCodes.MESSAGE_INVALID);
    expect(missing.message).toMatch(
      /^pack "acme", template missing\.md\.njk:2: message "brief\.features" .*"who" was not provided/,
    );
  });

  it('fails a pack with no catalog at its first t', () => {
    const none = createTranslator('acme', { source: null, localized: null, locale: 'en-US', fallback: [] });
    expect(() => render(none, 'ok.md.njk')).toThrow(
      /pack "acme", template ok\.md\.njk:1: unknown message id .*has no catalogs\/en-US\.json/,
    );
  });
});
