import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import { StudioError } from '../../src/errors/studio-error.js';
import { type Renderer, createRenderer } from '../../src/render/renderer.js';

// Two search paths like a real run: the pack's templates/ first, then the host's shared partials.
const PACK_TEMPLATES: Record<string, string> = {
  'ok.md.njk': [
    '# {{ spec.title | md }}',
    '',
    '{% for f in spec.features %}',
    '- {{ f.id }} {{ f.name | md }} ({{ loop.index }}/{{ loop.length }})',
    '{% endfor %}',
    '',
    'Sorted: {{ spec.features | sort(attribute="name") | join(", ", "name") }}',
    'Count: {{ spec.features | length }}; hosting: {{ spec.hosting | default("none", true) }}',
    '{% if spec.hosting %}never{% endif %}',
    '{% if spec.non_goals | length %}never{% endif %}',
    '{% if "hosting" in spec %}',
    'has hosting key',
    '{% endif %}',
    '{% set first = spec.features | first %}',
    'First: {{ first.name }}',
    '{% include "shared/footer.njk" %}',
  ].join('\n'),
  'macros.njk': '{% macro row(f) %}| {{ f.id }} | {{ f.name | cell }} |{% endmacro %}',
  'table.md.njk': [
    '# Table',
    '',
    '{% from "macros.njk" import row %}',
    '| id | name |',
    '| --- | --- |',
    '{% for f in spec.features %}',
    '{{ row(f) }}',
    '{% endfor %}',
  ].join('\n'),
  'missing-top.njk': 'line one\n{{ nope }}\n',
  'missing-attr.njk': 'a\nb\n{{ spec.featurs }}\n',
  'missing-filter-input.njk': '# x\n\n{{ spec.titel | md }}\n',
  'missing-if.njk': '{% if spec.title %}\n  ok\n{% endif %}\n{% if mystery %}x{% endif %}\n',
  'missing-for.njk': 'x\n{% for f in spec.featurez %}{{ f }}{% endfor %}\n',
  'missing-loop-attr.njk': '{% for f in spec.features %}\n{{ f.nme }}\n{% endfor %}\n',
  'missing-default.njk': '{{ spec.title }}\n{{ spec.subtitle | default("n/a") }}\n',
  'missing-in-include.njk': 'top\n{% include "shared/broken.njk" %}\n',
  'missing-in-macro.njk':
    '{% macro m(f) %}{{ f.name }} {{ f.owner }}{% endmacro %}\n\n{{ m(spec.features[0]) }}\n',
  'out-of-range.njk': '{{ spec.features[7].name }}\n',
  'null-printed.njk': 'a\n{{ spec.hosting }}\n',
  'syntax.njk': 'ok\n{% if %}\n',
  'unknown-filter.njk': 'ok\n\n{{ spec.title | shout }}\n',
  'normalize.njk': '\n\n# T  \r\n\r\n\r\ntext\t\n\n\n\n```\na\n\n\nb\n```\n\n\n',
  'override.njk': 'from the pack',
  'yaml.njk': 'a: 1   \n\n\n\nb: 2\n\n',
};
const PARTIALS: Record<string, string> = {
  'shared/footer.njk': '\n\nFooter for {{ pack.id }}{% include "./sig.njk" %}',
  'override.njk': 'from the host',
  'shared/sig.njk': ' by {{ spec.features | length }} features',
  'shared/broken.njk': 'fine\n{{ spec.owner }}\n',
};

function spec() {
  // Deeply frozen, like the spec agents and templates receive.
  return Object.freeze({
    title: 'Clinic <Queue>',
    hosting: null,
    non_goals: Object.freeze([]),
    features: Object.freeze([
      Object.freeze({ id: 'F-1', name: 'Check-in', flow: Object.freeze([]) }),
      Object.freeze({ id: 'F-2', name: 'Board | display', flow: Object.freeze([]) }),
    ]),
  });
}

let root: string;
let renderer: Renderer;

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'studio-render-'));
  writeTree(path.join(root, 'pack'), PACK_TEMPLATES);
  writeTree(path.join(root, 'partials'), PARTIALS);
  renderer = createRenderer({
    packId: 'balanced',
    searchPaths: [path.join(root, 'pack'), path.join(root, 'partials')],
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function renderError(
  template: string,
  context: Record<string, unknown> = { spec: spec(), pack: { id: 'balanced' } },
) {
  try {
    renderer.render(template, context);
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return error as StudioError;
  }
  throw new Error(`${template} rendered without error`);
}

describe('createRenderer: strictness', () => {
  it.each([
    ['missing-top.njk', 'missing-top.njk', 2, '"nope" is not defined'],
    ['missing-attr.njk', 'missing-attr.njk', 3, '"spec.featurs" is not defined'],
    ['missing-filter-input.njk', 'missing-filter-input.njk', 3, '"spec.titel" is not defined'],
    ['missing-if.njk', 'missing-if.njk', 4, '"mystery" is not defined'],
    ['missing-for.njk', 'missing-for.njk', 2, '"spec.featurez" is not defined'],
    ['missing-loop-attr.njk', 'missing-loop-attr.njk', 2, '"spec.features[0].nme" is not defined'],
    ['missing-default.njk', 'missing-default.njk', 2, '"spec.subtitle" is not defined'],
    ['missing-in-include.njk', 'shared/broken.njk', 2, '"spec.owner" is not defined'],
    ['missing-in-macro.njk', 'missing-in-macro.njk', 1, '"spec.features[0].owner" is not defined'],
    ['out-of-range.njk', 'out-of-range.njk', 1, '"spec.features[7]" is not defined'],
  ])('%s fails with TEMPLATE_UNDEFINED naming pack, template and line', (template, file, line, what) => {
    const error = renderError(template);
    expect(error.code).toBe(ErrorCodes.TEMPLATE_UNDEFINED);
    expect(error.exitCode).toBe(2);
    expect(error.file).toBe(file);
    expect(error.line).toBe(line);
    expect(error.message).toContain(`pack "balanced", template ${file}:${line}`);
    expect(error.message).toContain(what);
    if (file !== template) expect(error.message).toContain(`(rendering ${template})`);
  });

  it('reports the column of the failing expression', () => {
    const error = renderError('missing-attr.njk');
    // "{{ spec.featurs }}": the lookup starts at column 4.
    expect(error.column).toBe(4);
  });

  it('fails on a context key whose value is undefined, as if it were absent', () => {
    const error = renderError('missing-top.njk', { nope: undefined });
    expect(error.code).toBe(ErrorCodes.TEMPLATE_UNDEFINED);
  });

  it('fails when a null value is printed (throwOnUndefined) and says how to guard it', () => {
    const error = renderError('null-printed.njk');
    expect(error.code).toBe(ErrorCodes.TEMPLATE_UNDEFINED);
    expect(error.line).toBe(2);
    expect(error.hint).toMatch(/\{% if/);
  });

  it('reports syntax errors and unknown filters as TEMPLATE_ERROR with a line', () => {
    const syntax = renderError('syntax.njk');
    expect(syntax.code).toBe(ErrorCodes.TEMPLATE_ERROR);
    expect(syntax.line).toBe(2);
    const filter = renderError('unknown-filter.njk');
    expect(filter.code).toBe(ErrorCodes.TEMPLATE_ERROR);
    expect(filter.line).toBe(3);
    expect(filter.message).toContain('unknown filter "shout"');
  });

  it('reports a missing template, and refuses names outside the search paths', () => {
    expect(renderError('nope.njk').code).toBe(ErrorCodes.TEMPLATE_ERROR);
    for (const name of ['../pack/ok.md.njk', '/etc/passwd', 'a\\b.njk']) {
      const error = renderError(name);
      expect(error.code).toBe(ErrorCodes.TEMPLATE_ERROR);
      expect(error.message).not.toContain(root);
    }
  });
});

describe('createRenderer: what keeps working', () => {
  it('renders loops, loop vars, filters, null and empty values, includes from the shared partials', () => {
    const out = renderer.render('ok.md.njk', { spec: spec(), pack: { id: 'balanced' } });
    expect(out).toBe(
      [
        '# Clinic \\<Queue\\>',
        '',
        '- F-1 Check-in (1/2)',
        '- F-2 Board \\| display (2/2)',
        '',
        'Sorted: Board | display, Check-in',
        'Count: 2; hosting: none',
        'has hosting key',
        'First: Check-in',
        '',
        'Footer for balanced by 2 features',
        '',
      ].join('\n'),
    );
  });

  it('renders macros imported from another template', () => {
    const out = renderer.render('table.md.njk', { spec: spec() });
    expect(out).toContain('| F-1 | Check-in |\n| F-2 | Board \\| display |\n');
  });

  it('does not modify or unfreeze the context', () => {
    const s = spec();
    renderer.render('ok.md.njk', { spec: s, pack: { id: 'balanced' } });
    expect(Object.isFrozen(s.features[0])).toBe(true);
    expect(s.features.map((f) => f.name)).toEqual(['Check-in', 'Board | display']);
  });

  it('looks templates up in search-path order: the pack wins over the host partials', () => {
    expect(renderer.render('override.njk', {})).toBe('from the pack\n');
  });

  it('compiles each template once per renderer', () => {
    const file = path.join(root, 'pack', 'cached.njk');
    writeFileSync(file, 'first\n');
    expect(renderer.render('cached.njk', {})).toBe('first\n');
    writeFileSync(file, 'second\n');
    expect(renderer.render('cached.njk', {})).toBe('first\n');
    const fresh = createRenderer({ packId: 'balanced', searchPaths: [path.join(root, 'pack')] });
    expect(fresh.render('cached.njk', {})).toBe('second\n');
  });

  it('a context name does not leak into the next render', () => {
    renderer.render('missing-top.njk', { nope: 'here' });
    expect(renderError('missing-top.njk', {}).code).toBe(ErrorCodes.TEMPLATE_UNDEFINED);
  });
});

describe('createRenderer: output normalization', () => {
  it('LF only, no trailing whitespace, one final newline, blank-line runs collapsed outside code fences', () => {
    const out = renderer.render('normalize.njk', {});
    expect(out).toBe('# T\n\ntext\n\n```\na\n\n\nb\n```\n');
  });

  it('leaves blank lines alone when collapseBlankLines is false', () => {
    const out = renderer.render('yaml.njk', {}, { collapseBlankLines: false });
    expect(out).toBe('a: 1\n\n\n\nb: 2\n');
  });
});

describe('compiled-template cache', () => {
  it('a second renderer reuses compiled code from the cache folder and renders the same bytes', () => {
    const join = path.join;
    const root = mkdtempSync(join(tmpdir(), 'tpl-cache-'));
    const templates = join(root, 'templates');
    mkdirSync(templates);
    writeFileSync(
      join(templates, 'a.md.njk'),
      '# {{ title | md }}\n\n{% for x in items %}\n- {{ x | md }}\n{% endfor %}\n',
    );
    const cacheDir = join(root, 'cache');
    const context = { title: 'T*', items: ['a', 'b'] };
    const first = createRenderer({ packId: 'p', searchPaths: [templates], cacheDir }).render(
      'a.md.njk',
      context,
    );
    const entries = () => readdirSync(cacheDir).filter((f) => f.endsWith('.js'));
    expect(entries()).toHaveLength(1);
    const second = createRenderer({ packId: 'p', searchPaths: [templates], cacheDir }).render(
      'a.md.njk',
      context,
    );
    expect(second).toBe(first);
    expect(entries()).toHaveLength(1);
    // Strictness survives the cache: a missing name still fails with its line.
    writeFileSync(join(templates, 'b.md.njk'), '# x\n\n{{ nope | upper }}\n');
    createRenderer({ packId: 'p', searchPaths: [templates], cacheDir }).render('a.md.njk', context);
    const again = createRenderer({ packId: 'p', searchPaths: [templates], cacheDir });
    expect(() => again.render('b.md.njk', {})).toThrow(/b\.md\.njk:3/);
    expect(() =>
      createRenderer({ packId: 'p', searchPaths: [templates], cacheDir }).render('b.md.njk', {}),
    ).toThrow(/b\.md\.njk:3/);
    // A changed template gets a new entry, never stale code.
    writeFileSync(join(templates, 'a.md.njk'), '# changed {{ title | md }}\n');
    expect(
      createRenderer({ packId: 'p', searchPaths: [templates], cacheDir }).render('a.md.njk', context),
    ).toContain('changed');
  });
});
