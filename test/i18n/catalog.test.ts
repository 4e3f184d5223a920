import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import { parseCatalog, readCatalog } from '../../src/i18n/catalog.js';
import { formatMessage } from '../../src/i18n/messages.js';
import { readVerifiedEntry, writeEntry } from '../../src/util/cache-entry.js';
import { sha256Hex } from '../../src/util/hash.js';

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

describe('checked-catalog cache', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const setup = (messages: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-catalog-cache-'));
    dirs.push(dir);
    const file = join(dir, 'en-US.json');
    writeFileSync(file, JSON.stringify(messages));
    const cacheDir = join(dir, 'cache');
    let reads = 0;
    // A new name each time: the per-process memo is keyed by name, the disk cache is not.
    const read = (locale = 'en-US', cache: string | null = cacheDir) =>
      readCatalog(file, `p${(reads += 1)}/catalogs/en-US.json`, locale, cache)!;
    const entries = () => (existsSync(cacheDir) ? readdirSync(cacheDir) : []);
    return { file, cacheDir, read, entries };
  };
  const plain = (c: ReturnType<typeof parse>) =>
    [...c.messages].map(([id, m]) => [
      id,
      m.text,
      m.ast,
      m.locale,
      formatMessage(m.ast, m.text, m.locale, { n: 3 }),
    ]);

  it('a checked catalog is stored once and read back equal to a fresh check, shipped catalogs included', () => {
    for (const shipped of ['packs/balanced/catalogs/en-US.json', 'packs/deep/catalogs/en-US.json']) {
      const messages = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', shipped), 'utf8'));
      const { read, entries, cacheDir } = setup(messages);
      const fresh = read('en-US', null);
      expect(entries()).toEqual([]);
      const first = read();
      expect(entries()).toHaveLength(1);
      const stored = read();
      expect(stored).not.toBe(first);
      expect([...stored.messages]).toEqual([...fresh.messages]);
      expect(readVerifiedEntry(join(cacheDir, entries()[0]!))).not.toBeNull();
    }
    const { read } = setup({ 'a.b': 'Plain', 'a.count': '{n, plural, one {# item} other {# items}}' });
    read('fr-CA');
    expect(plain(read('fr-CA'))).toEqual(plain(read('fr-CA', null)));
  });

  it('a verified entry is used as it is; a damaged one is ignored, checked again and rewritten', () => {
    const { read, entries, cacheDir } = setup({ 'a.b': 'Hello {name}' });
    read();
    const entry = join(cacheDir, entries()[0]!);
    // Proof the entry is what a run reads: a well-formed entry with other text is believed.
    writeEntry(entry, JSON.stringify([['a.b', 'From the cache', [{ type: 0, value: 'From the cache' }]]]));
    expect(read().messages.get('a.b')!.text).toBe('From the cache');
    const wrongHeader = `// sha256:${'0'.repeat(64)}\n[]`;
    for (const damaged of [
      wrongHeader,
      readFileSync(entry, 'utf8').replace('From the cache', 'From the cachf'),
      '',
      `// sha256:${sha256Hex('{}')}\n{}`,
      `// sha256:${sha256Hex('[["a.b", 3, []]]')}\n[["a.b", 3, []]]`,
      `// sha256:${sha256Hex('[[')}\n[[`,
    ]) {
      writeFileSync(entry, damaged);
      expect(read().messages.get('a.b')!.text).toBe('Hello {name}');
      expect(JSON.parse(readVerifiedEntry(entry)!)[0][1]).toBe('Hello {name}');
    }
  });

  it('an edited catalog or another locale gets its own entry; a refused catalog is never stored', () => {
    const { file, read, entries } = setup({ 'a.b': 'One' });
    read();
    read('fr-CA');
    writeFileSync(file, JSON.stringify({ 'a.b': 'Two' }));
    expect(read().messages.get('a.b')!.text).toBe('Two');
    expect(entries()).toHaveLength(3);
    writeFileSync(file, JSON.stringify({ 'a.b': 'A **bold** claim' }));
    expect(() => read()).toThrow(/holds Markdown emphasis/);
    expect(() => read()).toThrow(/holds Markdown emphasis/);
    expect(entries()).toHaveLength(3);
  });

  it('a cache folder that cannot be written is not used', () => {
    const { read, cacheDir } = setup({ 'a.b': 'One' });
    writeFileSync(cacheDir, 'a file where the folder would be');
    expect(read().messages.get('a.b')!.text).toBe('One');
    expect(read().messages.get('a.b')!.text).toBe('One');
  });
});
