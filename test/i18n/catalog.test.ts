import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import { parseCatalog, readCatalog } from '../../src/i18n/catalog.js';
import { formatMessage } from '../../src/i18n/messages.js';

const parse = (messages: Record<string, unknown>) =>
  parseCatalog(JSON.stringify(messages), 'p/catalogs/en-US.json', 'en-US');
const refusal = (messages: Record<string, unknown>) => {
  try {
    parse(messages);
  } catch (error) {
    return error as { code: string; message: string; pointer?: string };
  }
  throw new Error('accepted');
};

describe('message catalogs', () => {
  it('compiles ICU messages, plural arms starting with an argument included', () => {
    const catalog = parse({
      'a.b': 'Plain',
      'a.count': '{n, plural, one {{n} item} other {{n} items}}',
      'a.quoted': "It's '{'literal'}'",
    });
    expect([...catalog.messages.keys()]).toEqual(['a.b', 'a.count', 'a.quoted']);
    const format = (id: string, args = {}) => {
      const m = catalog.messages.get(id)!;
      return formatMessage(m.ast, m.text, m.locale, args);
    };
    expect(format('a.count', { n: 2 })).toBe('2 items');
    expect(format('a.quoted')).toBe("It's {literal}");
  });

  it.each([
    [{ 'a.b': 'Hello {{ spec.title }}' }, /"a\.b" holds template syntax/],
    [{ 'a.b': "Quoted '{{' still" }, /"a\.b" holds template syntax/],
    [{ 'a.b': 'A {% if x %} tag' }, /"a\.b" holds template syntax/],
    [{ 'a.b': 'Some **bold** text' }, /"a\.b" holds Markdown emphasis/],
    [{ 'a.b': 'A `code` span' }, /"a\.b" holds a backtick/],
    [{ 'a.b': 'An <b>tag</b>' }, /"a\.b" holds HTML or Mermaid markup/],
    [{ 'a.b': 'A [link](x)' }, /"a\.b" holds a Markdown link/],
    [{ 'a.b': 'a | b' }, /"a\.b" holds a pipe/],
    [{ 'a.b': '# Heading' }, /"a\.b" holds a Markdown block marker/],
    [{ 'a.b': 'Broken {n, plural, one {x}}' }, /"a\.b" is not valid ICU MessageFormat/],
    [{ 'Not.An.Id': 'x' }, /"Not\.An\.Id" is not a message id/],
    [{ 'a.b': 3 }, /message "a\.b" is not a string/],
  ])('refuses %j', (messages, why) => {
    const error = refusal(messages);
    expect(error.code).toBe(ErrorCodes.CATALOG_INVALID);
    expect(error.message).toMatch(why);
  });

  it('refuses a catalog that is not an object, and reads a missing file as none', () => {
    expect(() => parseCatalog('[]', 'x.json', 'en-US')).toThrow(/must be a JSON object/);
    const dir = mkdtempSync(join(tmpdir(), 'studio-catalog-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    expect(readCatalog(join(dir, 'none.json'), 'none.json', 'en-US')).toBeNull();
    writeFileSync(join(dir, 'dup.json'), '{"a.b": "x", "a.b": "y"}');
    expect(() => readCatalog(join(dir, 'dup.json'), 'dup.json', 'en-US')).toThrow(/has the key "a\.b" twice/);
  });

  it('compiles a catalog once per process, and again when its file changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-catalog-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'en-US.json');
    writeFileSync(file, '{"a.b": "One {n, number}"}');
    const first = readCatalog(file, 'p/catalogs/en-US.json', 'en-US')!;
    expect(readCatalog(file, 'p/catalogs/en-US.json', 'en-US')).toBe(first);
    expect(readCatalog(file, 'p/catalogs/en-US.json', 'fr-CA')).not.toBe(first);
    writeFileSync(file, '{"a.b": "Two {n, number}"}');
    const edited = readCatalog(file, 'p/catalogs/en-US.json', 'en-US')!;
    expect(edited).not.toBe(first);
    expect(edited.messages.get('a.b')!.text).toBe('Two {n, number}');
    writeFileSync(file, '{"a.b": "{{ broken"}');
    expect(() => readCatalog(file, 'p/catalogs/en-US.json', 'en-US')).toThrow();
  });
});
