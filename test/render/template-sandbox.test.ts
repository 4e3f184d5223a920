import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import { StudioError } from '../../src/errors/studio-error.js';
import { createRenderer } from '../../src/render/renderer.js';
import { safeMemberLookup } from '../../src/render/template-sandbox.js';
import { thrown } from '../errors/studio-failure.js';

let dir: string;
let canary: string;
let counter = 0;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'studio-tsandbox-'));
  canary = path.join(dir, 'CANARY');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context = () => ({
  spec: { title: 'T', features: [{ id: 'F-1', name: 'Queue' }], hosting: null },
  pack: { id: 'p' },
});

function render(source: string): string {
  const name = `t${counter++}.njk`;
  writeFileSync(path.join(dir, name), source);
  const renderer = createRenderer({ packId: 'evil', searchPaths: [dir], cacheDir: null });
  return renderer.render(name, context());
}

const failure = (source: string): StudioError => thrown(() => render(source), `rendering ${source}`);

describe('template sandbox: what templates may still do', () => {
  it('reads own data, length and indexes; calls macros, caller and range; uses allowed filters', () => {
    const out = render(
      [
        '{% macro m(x) %}<{{ x }}>{% endmacro %}{% macro w() %}[{{ caller() }}]{% endmacro %}',
        '{{ spec.title }} {{ spec.title.length }} {{ spec.title[0] }} {{ spec.features.length }}',
        '{{ spec.features[0].name }} {{ spec["features"][0]["id"] }}',
        '{{ m(spec.title) }} {% call w() %}body{% endcall %}',
        '{% for i in range(3) %}{{ i }}{% endfor %} {{ range(0, 10, 5) | join(",") }}',
        '{{ spec.features | sort(attribute="name") | join(",", "name") }} {{ "title" in spec }} {{ "constructor" in spec }}',
        '{% for f in spec.features %}{{ loop.index }}/{{ loop.length }}{% endfor %}',
      ].join('\n'),
    );
    expect(out).toBe('T 1 T 1\nQueue F-1\n<T> [body]012 0,5\nQueue true false\n1/1\n');
  });

  it('keeps strict-undefined: a missing member is E_TEMPLATE_UNDEFINED, not unsafe', () => {
    const error = failure('a\n{{ spec.titel }}');
    expect(error.code).toBe(ErrorCodes.TEMPLATE_UNDEFINED);
    expect(error.line).toBe(2);
  });

  it('a removed global defined by the context is the context value', () => {
    const name = `ctx${counter++}.njk`;
    writeFileSync(path.join(dir, name), '{{ cycler }}');
    const r = createRenderer({ packId: 'p', searchPaths: [dir], cacheDir: null });
    expect(r.render(name, { cycler: 'data' })).toBe('data\n');
  });
});

describe('render time limit', () => {
  it('a template that loops past its deadline stops with E_STEP_TIMEOUT, naming pack and template', () => {
    const name = `slow${counter++}.njk`;
    writeFileSync(
      path.join(dir, name),
      'x\n{% for a in range(100000) %}{% for b in range(100000) %}{{ b }}{% endfor %}{% endfor %}',
    );
    const r = createRenderer({ packId: 'slow', searchPaths: [dir], cacheDir: null });
    const started = performance.now();
    let error: unknown;
    try {
      r.render(name, context(), { deadline: performance.now() + 300 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe(ErrorCodes.STEP_TIMEOUT);
    expect((error as StudioError).message).toContain(`pack "slow", template ${name}:2`);
    expect(performance.now() - started).toBeLessThan(1_300);
  });
});

describe('template sandbox: member lookup', () => {
  it('never hands out a function, whatever the receiver', () => {
    const receivers: unknown[] = ['s', 1, true, [1], { a: 1 }, () => 1, new Date(0), new Map()];
    const keys = ['constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'call', 'bind', 'map'];
    for (const r of receivers) {
      for (const k of keys) {
        let value: unknown;
        try {
          value = safeMemberLookup(r, k);
        } catch {
          continue;
        }
        expect(typeof value).not.toBe('function');
      }
    }
  });
});

describe('template sandbox: fuzzed member chains', () => {
  const roots = [
    'spec',
    'spec.features',
    'spec.title',
    '""',
    '[]',
    '(1)',
    'range',
    'm',
    'loop',
    '(spec | dump)',
  ];
  const members = [
    'constructor',
    '__proto__',
    'prototype',
    'toString',
    'valueOf',
    'call',
    'apply',
    'bind',
    'name',
    'length',
    '0',
    'title',
    'features',
    'id',
    'hasOwnProperty',
    '__defineGetter__',
    'next',
    'then',
  ];
  const step = fc.record({
    key: fc.constantFrom(...members),
    form: fc.constantFrom('dot', 'bracket', 'var', 'call'),
  });

  it('a chain either renders data or is refused with a template error; nothing runs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...roots),
        fc.array(step, { minLength: 1, maxLength: 5 }),
        (root, chain) => {
          let sets = '{% macro m() %}x{% endmacro %}';
          let expr = root;
          chain.forEach((s, i) => {
            if (s.form === 'dot' && /^[a-z_]\w*$/i.test(s.key)) expr += `.${s.key}`;
            else if (s.form === 'var') {
              // Split the name so that it is computed, never a literal the compiler could see.
              sets += `{% set k${i} = "${s.key.slice(0, 1)}" + "${s.key.slice(1)}" %}`;
              expr += `[k${i}]`;
            } else if (s.form === 'call') expr += `[${JSON.stringify(s.key)}](${JSON.stringify(`return 1`)})`;
            else expr += `[${JSON.stringify(s.key)}]`;
          });
          const source = `${sets}{% for x in [1] %}{{ ${expr} }}{% endfor %}`;
          let out: string;
          try {
            out = render(source);
          } catch (error) {
            expect(error).toBeInstanceOf(StudioError);
            expect([
              ErrorCodes.TEMPLATE_UNSAFE,
              ErrorCodes.TEMPLATE_UNDEFINED,
              ErrorCodes.TEMPLATE_ERROR,
            ]).toContain((error as StudioError).code);
            return;
          }
          expect(out).not.toMatch(/native code|function|=>/);
          expect(chain.some((s) => ['constructor', '__proto__', 'prototype'].includes(s.key))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
    expect(existsSync(canary)).toBe(false);
  });
});
