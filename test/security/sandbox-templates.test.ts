// Every template gadget of the report: through the renderer each is refused with E_TEMPLATE_UNSAFE
// (pack, template, line) and its payload, which would write a canary file and print a secret, never
// runs; through the gates, a pack carrying one fails the harness the same way.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import type { StudioError } from '../../src/errors/studio-error.js';
import { runGates } from '../../src/gates/run-gates.js';
import { createRenderer } from '../../src/render/renderer.js';
import { freshPack, target } from '../gates/helpers.js';
import { thrown } from '../errors/studio-failure.js';

let dir: string;
let canary: string;
let counter = 0;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'studio-tgadgets-'));
  canary = path.join(dir, 'CANARY');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context = () => ({
  spec: { title: 'T', features: [{ id: 'F-1', name: 'Queue' }], hosting: null },
  pack: { id: 'p' },
});

function failure(source: string): StudioError {
  const name = `t${counter++}.njk`;
  writeFileSync(path.join(dir, name), source);
  return thrown(
    () => createRenderer({ packId: 'evil', searchPaths: [dir], cacheDir: null }).render(name, context()),
    `rendering ${source}`,
  );
}

describe('template gadgets', () => {
  // Each payload would write the canary file (and print a secret) if it ever ran in the host.
  const payload = () =>
    JSON.stringify(
      `process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(canary)}, process.env.PATH); return process.env.PATH`,
    );
  const c = '{% set c = "constr" + "uctor" %}';
  const gadgets: [string, () => string, number][] = [
    ['spec.constructor.constructor', () => `x\n{{ spec.constructor.constructor(${payload()})() }}`, 2],
    ['computed constructor on data', () => `${c}\n{{ spec[c][c](${payload()})() }}`, 2],
    ['range', () => `${c}\n\n{{ range[c][c](${payload()})() }}`, 3],
    ['range literal', () => `{{ range.constructor(${payload()})() }}`, 1],
    ['cycler', () => `${c}\n{{ cycler(1, 2).next[c][c](${payload()})() }}`, 2],
    ['joiner', () => `${c}\n{{ joiner(",")[c][c](${payload()})() }}`, 2],
    ['string literal', () => `${c}\n{{ ""[c][c](${payload()})() }}`, 2],
    ['string method', () => `{{ "abc".toString }}`, 1],
    ['array literal', () => `${c}\n{{ [][c][c](${payload()})() }}`, 2],
    ['array method', () => `{{ spec.features.map }}`, 1],
    ['number literal', () => `${c}\n{{ (1)[c][c](${payload()})() }}`, 2],
    ['set alias', () => `${c}{% set f = spec %}{% set g = f[c] %}\n{{ g[c](${payload()})() }}`, 1],
    ['function returned by a filter', () => `${c}\n{{ (spec.title | safe)[c][c](${payload()})() }}`, 2],
    ['filter result member', () => `${c}\n{{ (spec.features | first)[c][c](${payload()})() }}`, 2],
    ['__proto__', () => `{% set p = "__pro" + "to__" %}\n{{ spec[p] }}`, 2],
    ['prototype literal', () => `{{ spec.prototype }}`, 1],
    ['inherited method', () => `{{ spec.hasOwnProperty("title") }}`, 1],
    ['top-level inherited name', () => `{{ toString() }}`, 1],
    ['calling data', () => `{{ spec.title() }}`, 1],
    ['macro member', () => `{% macro m() %}x{% endmacro %}${c}\n{{ m[c][c](${payload()})() }}`, 2],
    ['sort by constructor', () => `{{ spec.features | sort(false, false, "constructor") | length }}`, 1],
    ['join by constructor', () => `{{ spec.features | join(",", "constructor") }}`, 1],
    ['range memory bomb', () => `{{ range(1000000000) | length }}`, 1],
  ];
  for (const [label, source, line] of gadgets) {
    it(`refuses ${label} with E_TEMPLATE_UNSAFE, naming pack, template and line`, () => {
      const error = failure(source());
      expect(error.code).toBe(ErrorCodes.TEMPLATE_UNSAFE);
      expect(error.message).toContain('pack "evil"');
      expect(error.file).toMatch(/^t\d+\.njk$/);
      expect(error.line).toBe(line);
      expect(existsSync(canary)).toBe(false);
      expect(error.message).not.toContain(process.env.PATH ?? '/usr/bin');
    });
  }

  it('the random filter is not on the allow-list', () => {
    expect(failure('{{ spec.features | random }}').code).toBe(ErrorCodes.TEMPLATE_ERROR);
  });
});

describe('a pack carrying a gadget', () => {
  it('fails the harness gate with E_TEMPLATE_UNSAFE and the payload never runs', async () => {
    const root = freshPack('gadget');
    const tpl = path.join(root, 'templates/overview.md.njk');
    const payload = JSON.stringify(
      `process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(canary)}, 'ran'); return 'x'`,
    );
    writeFileSync(tpl, `# Overview\n\n{% set c = "constr" + "uctor" %}{{ range[c][c](${payload})() }}\n`);
    try {
      const report = await runGates(target(root), { plugins: [] });
      const harness = report.gates.find((g) => g.name === 'harness')!;
      expect(harness.ok).toBe(false);
      // The code travels as the finding's field (the one renderer prints it), not in its message.
      expect(harness.findings.map((f) => f.code)).toContain('E_TEMPLATE_UNSAFE');
      expect(existsSync(canary)).toBe(false);
    } finally {
      rmSync(path.dirname(root), { recursive: true, force: true });
    }
  });
});
