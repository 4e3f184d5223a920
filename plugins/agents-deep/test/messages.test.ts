// The deep pack's words live in its catalogs: every message an agent returns or a template names is in
// the English source catalog, the fr-CA locale pack translates every id with the same ICU arguments and
// plural categories valid for French, and neither catalog holds an id nothing uses.
import { readdirSync, readFileSync } from 'node:fs';
import type { AgentDefinition, SourceSpec } from '@studio/sdk';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from 'spec-to-pack-studio';
import { messageShape } from '../../../src/i18n/messages.js';
import a11yReviewer from '../src/a11y-reviewer.js';
import adrWriter from '../src/adr-writer.js';
import architect from '../src/architect.js';
import ciAuthor from '../src/ci-author.js';
import contractWriter from '../src/contract-writer.js';
import sre from '../src/sre.js';
import threatModeler from '../src/threat-modeler.js';
import { format } from './english.js';
import { exampleSpec, hostileSpec, minimalSpec, runAgent } from './fixtures.js';

const read = (rel: string) => readFileSync(new URL(`../../../${rel}`, import.meta.url), 'utf8');
const EN = parseCatalog(read('packs/deep/catalogs/en-US.json'), 'deep/en-US', 'en-US');
const FR = parseCatalog(read('packs/locale-fr-ca/catalogs/deep.json'), 'locale-fr-ca/deep', 'fr-CA');
// Deep extends balanced: the shared product model's words (open questions) are balanced's.
const BALANCED = parseCatalog(read('packs/balanced/catalogs/en-US.json'), 'balanced/en-US', 'en-US');

const AGENTS: AgentDefinition<unknown>[] = [
  a11yReviewer,
  adrWriter,
  architect,
  ciAuthor,
  contractWriter,
  sre,
  threatModeler,
] as AgentDefinition<unknown>[];

function specs(): [string, SourceSpec][] {
  const onPrem = exampleSpec('clinic-queue');
  onPrem.stack.hosting_model = 'on-prem';
  return [
    ['clinic-queue', exampleSpec('clinic-queue')],
    ['clinic-queue on premises', onPrem],
    ['ledgerly', exampleSpec('ledgerly')],
    ['ledgerly, Executive', exampleSpec('ledgerly', 'Executive')],
    ['minimal', minimalSpec()],
    ['hostile', hostileSpec()],
  ];
}

interface Found {
  msg: string;
  args?: Record<string, unknown>;
}

function messagesIn(value: unknown, out: Found[] = []): Found[] {
  if (Array.isArray(value)) for (const v of value) messagesIn(v, out);
  else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o['msg'] === 'string') {
      out.push(o as unknown as Found);
      messagesIn(o['args'], out);
    } else for (const v of Object.values(o)) messagesIn(v, out);
  }
  return out;
}

const TEMPLATES = new URL('../../../packs/deep/templates/', import.meta.url);
const templates = readdirSync(TEMPLATES, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.njk'))
  .map((f) => readFileSync(new URL(f, TEMPLATES), 'utf8'));
const SOURCES = new URL('../src/', import.meta.url);
const sources = readdirSync(SOURCES, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(new URL(f, SOURCES), 'utf8'));

describe('deep catalogs', () => {
  it('every message the agents return is in both catalogs and formats in both locales', async () => {
    const seen = new Set<string>();
    for (const [name, spec] of specs()) {
      for (const agent of AGENTS) {
        for (const m of messagesIn(await runAgent(agent, spec))) {
          seen.add(m.msg);
          if (!EN.messages.has(m.msg)) {
            expect(BALANCED.messages.has(m.msg), `${name}: ${m.msg}`).toBe(true);
            continue;
          }
          expect(FR.messages.has(m.msg), `${name}: ${m.msg}`).toBe(true);
          // Arguments a template adds (lists it joins) are not the agent's: format what the agent gives
          // for messages that need nothing more.
          const needs = [...messageShape(EN.messages.get(m.msg)!.ast).args.keys()];
          if (needs.every((a) => m.args !== undefined && a in m.args)) {
            expect(format(m as Parameters<typeof format>[0]), m.msg).not.toBe('');
            expect(format(m as Parameters<typeof format>[0], 'fr-CA'), m.msg).not.toBe('');
          }
        }
      }
    }
    expect(seen.size).toBeGreaterThan(150);
  });

  it('every id a template names is in the source catalog', () => {
    const ids = templates.flatMap((t) =>
      [...t.matchAll(/'([a-z0-9_]+(?:\.[a-z0-9_]+)+)' \| t\b/g)].map((m) => m[1]!),
    );
    expect(ids.length).toBeGreaterThan(200);
    for (const id of ids) expect(EN.messages.has(id), id).toBe(true);
  });

  it('fr-CA translates every id with the same arguments, French plural categories and no English left', () => {
    expect([...FR.messages.keys()]).toEqual([...EN.messages.keys()]);
    const french = new Set(['one', 'many', 'other']);
    let same = 0;
    for (const [id, en] of EN.messages) {
      const fr = FR.messages.get(id)!;
      const a = messageShape(en.ast);
      const b = messageShape(fr.ast);
      expect([...b.args.keys()].sort(), id).toEqual([...a.args.keys()].sort());
      for (const p of b.plurals)
        for (const c of p.categories) expect(french.has(c), `${id}: ${c}`).toBe(true);
      if (fr.text === en.text) same += 1;
    }
    // Identical texts are ids, units and codes ("{title} ({id})", "SLO", "Id", "×"): a handful.
    expect(same).toBeLessThan(40);
  });

  it('holds no id that nothing uses (ids built from a value are named by their start in the code)', () => {
    const text = [...templates, ...sources].join('\n');
    // Ids built at run time: `sre.window.${unit}` in code, ('slos.severity.' + a.severity) in templates.
    const heads = [
      ...[...text.matchAll(/`([a-z0-9_.]+)\$\{/g)].map((m) => m[1]!),
      ...[...text.matchAll(/'([a-z0-9_.]+)' \+/g)].map((m) => m[1]!),
    ];
    expect(heads.length).toBeGreaterThan(10);
    for (const id of EN.messages.keys()) {
      const used =
        text.includes(`'${id}'`) || text.includes(`\`${id}\``) || heads.some((h) => id.startsWith(h));
      expect(used, id).toBe(true);
    }
  });

  it('formats numbers for the locale: 43.2 minutes in English, 43,2 min in French', () => {
    const budget = { msg: 'sre.budget.minutes', args: { minutes: 43.2 } };
    expect(format(budget)).toBe('43.2 minutes');
    expect(format(budget, 'fr-CA')).toBe('43,2\u00a0min');
    const events = { msg: 'slos.per_100k', args: { count: 1000 } };
    expect(format(events)).toBe('1000 per 100,000');
    expect(format(events, 'fr-CA')).toBe('1000 sur 100\u00a0000');
  });
});
