import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import { StudioError } from '../../src/errors/studio-error.js';
import { locateNearest } from '../../src/inputs/json-pointer.js';
import { readDocument } from '../../src/inputs/read-document.js';
import { entryFiles } from '../util/memo-cache-files.js';
import { MemoCache } from '../../src/util/memo-cache.js';
import { rejected } from '../errors/studio-failure.js';

const dir = mkdtempSync(join(tmpdir(), 'studio-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

const failure = (file: string, opts?: { maxBytes?: number }): Promise<StudioError> =>
  rejected(readDocument(file, opts), `reading ${file}`);

const YAML_TEXT = [
  '# An idea',
  'title: Demo',
  'features:',
  '  - name: First',
  '    priority: must',
  '  - { name: Second, priority: could }',
  'nested:',
  '  "a/b": 1',
  '  "c~d": 2',
  '',
].join('\n');

describe('readDocument: YAML', () => {
  it('parses and maps pointers to the line and column of keys and items', async () => {
    const doc = await readDocument(write('idea.yaml', YAML_TEXT));
    expect(doc.data).toEqual({
      title: 'Demo',
      features: [
        { name: 'First', priority: 'must' },
        { name: 'Second', priority: 'could' },
      ],
      nested: { 'a/b': 1, 'c~d': 2 },
    });
    expect(doc.locate('')).toEqual({ line: 2, column: 1 });
    expect(doc.locate('/title')).toEqual({ line: 2, column: 1 });
    expect(doc.locate('/features/0')).toEqual({ line: 4, column: 5 });
    expect(doc.locate('/features/0/priority')).toEqual({ line: 5, column: 5 });
    expect(doc.locate('/features/1/priority')).toEqual({ line: 6, column: 21 });
    expect(doc.locate('/nested/a~1b')).toEqual({ line: 8, column: 3 });
    expect(doc.locate('/nested/c~0d')).toEqual({ line: 9, column: 3 });
    expect(doc.locate('/features/2')).toBeUndefined();
    expect(doc.locate('/nope')).toBeUndefined();
    expect(doc.locate('title')).toBeUndefined();
  });

  it('accepts a BOM and CRLF line endings with the same positions', async () => {
    const doc = await readDocument(write('crlf.yml', `\uFEFF${YAML_TEXT.replace(/\n/g, '\r\n')}`));
    expect((doc.data as { title: string }).title).toBe('Demo');
    expect(doc.locate('/features/0/priority')).toEqual({ line: 5, column: 5 });
  });

  it('locates the nearest existing ancestor of a missing key', async () => {
    const doc = await readDocument(write('near.yaml', YAML_TEXT));
    expect(locateNearest(doc.locate, '/features/1/acceptance/0')).toEqual({ line: 6, column: 5 });
  });

  it('refuses malformed YAML with file:line:column', async () => {
    const error = await failure(write('bad.yaml', 'title: x\nfeatures: [a, b\nother: 1\n'));
    expect(error.code).toBe(ErrorCodes.INPUT_PARSE);
    expect(error.line).toBeGreaterThan(1);
    expect(error.column).toBeGreaterThan(0);
    expect(error.message).toMatch(/bad\.yaml:\d+:\d+ is not valid YAML/);
  });

  it('refuses duplicate keys, naming the key and its line', async () => {
    const error = await failure(write('dup.yaml', 'title: a\nproblem: b\ntitle: c\n'));
    expect(error.code).toBe(ErrorCodes.INPUT_PARSE);
    expect(error.message).toContain('"title" appears twice');
    expect([error.line, error.column]).toEqual([3, 1]);
  });

  it('refuses several documents in one file', async () => {
    const error = await failure(write('multi.yaml', 'a: 1\n---\nb: 2\n'));
    expect(error.code).toBe(ErrorCodes.INPUT_PARSE);
    expect(error.message).toContain('more than one YAML document');
  });

  it('refuses alias bombs', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i += 1) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(
        `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    const error = await failure(write('bomb.yaml', `${lines.join('\n')}\n`));
    expect(error.code).toBe(ErrorCodes.INPUT_PARSE);
  });

  it('keeps a __proto__ key as data', async () => {
    const doc = await readDocument(write('proto.yaml', '__proto__: { polluted: true }\n'));
    expect(Object.keys(doc.data as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('readDocument: the YAML cache', () => {
  let n = 0;
  const newCache = () => new MemoCache(join(dir, `yaml-cache-${(n += 1)}`));
  /** A well-formed entry holding `body` (what a cache write produces). */
  const entryOf = (body: string) => {
    const probe = newCache();
    probe.set('0'.repeat(64), body);
    return readFileSync(entryFiles(probe)[0]!, 'utf8');
  };

  it('a text read before comes back with the same data and the same positions', async () => {
    const cache = newCache();
    const file = write('cached.yaml', YAML_TEXT);
    const first = await readDocument(file, { cache });
    expect(entryFiles(cache)).toHaveLength(1);
    const second = await readDocument(file, { cache });
    expect(second.data).toEqual(first.data);
    expect(Object.keys(second.data as object)).toEqual(Object.keys(first.data as object));
    for (const pointer of [
      '',
      '/title',
      '/features/0/priority',
      '/features/1/priority',
      '/nested/c~0d',
      '/nope',
    ])
      expect(second.locate(pointer)).toEqual(first.locate(pointer));
    expect(entryFiles(cache)).toHaveLength(1);
  });

  it('uses an intact entry, and ignores and rewrites a damaged one', async () => {
    const cache = newCache();
    const file = write('planted.yaml', YAML_TEXT);
    await readDocument(file, { cache });
    const [entry] = entryFiles(cache);
    const good = readFileSync(entry!, 'utf8');
    // An intact entry is what a warm run reads: the text is not parsed again.
    writeFileSync(entry!, entryOf('{"title":"from the cache"}'));
    expect((await readDocument(file, { cache })).data).toEqual({ title: 'from the cache' });
    // Damaged (body edited without its digest, or not JSON): parsed again, and the entry rewritten.
    for (const damaged of [good.replace('Demo', 'Fake'), good.slice(0, 40), entryOf('{"title": ')]) {
      writeFileSync(entry!, damaged);
      expect((await readDocument(file, { cache })).data).toMatchObject({ title: 'Demo' });
      expect(readFileSync(entry!, 'utf8')).toBe(good);
    }
  });

  it('an edited file is parsed again (its old entry is never used for the new text)', async () => {
    const cache = newCache();
    const file = write('edited.yaml', YAML_TEXT);
    await readDocument(file, { cache });
    write('edited.yaml', YAML_TEXT.replace('title: Demo', 'title: Edited'));
    expect((await readDocument(file, { cache })).data).toMatchObject({ title: 'Edited' });
    expect(entryFiles(cache)).toHaveLength(2);
  });

  it('never stores a failure, and refuses a cached text again for what it holds', async () => {
    const cache = newCache();
    for (let i = 0; i < 2; i += 1) {
      await expect(readDocument(write('dup-cached.yaml', 'title: a\ntitle: c\n'), { cache })).rejects.toThrow(
        /appears twice/,
      );
    }
    expect(entryFiles(cache)).toHaveLength(0);
    // Unpaired surrogates are refused after parsing: the second (cached) read refuses with the same lines.
    const file = write('surrogate-cached.yaml', 'title: ok\nlist:\n  - "\\uDC00"\n');
    const lines: unknown[] = [];
    for (let i = 0; i < 2; i += 1) {
      const error = await readDocument(file, { cache }).catch((e: StudioError) => e);
      expect(error).toBeInstanceOf(StudioError);
      lines.push((error as StudioError).details.map((d) => [d.pointer, d.line, d.column]));
    }
    expect(lines[1]).toEqual(lines[0]);
    expect(lines[0]).toEqual([['/list/0', 3, 5]]);
  });

  it('stores only data JSON carries exactly (not .inf, .nan or -0)', async () => {
    const cache = newCache();
    const values: unknown[] = [];
    for (const text of ['x: .inf\n', 'x: .nan\n', 'x: -0\n']) {
      const file = write('special.yaml', text);
      await readDocument(file, { cache });
      values.push(((await readDocument(file, { cache })).data as { x: number }).x);
    }
    expect(values).toEqual([Infinity, NaN, -0]);
    expect(entryFiles(cache)).toHaveLength(0);
  });

  it('without a cache (--no-cache) nothing is stored', async () => {
    const cache = newCache();
    await readDocument(write('plain.yaml', YAML_TEXT));
    await readDocument(write('plain.yaml', YAML_TEXT), { cache: null });
    expect(entryFiles(cache)).toHaveLength(0);
  });
});

describe('readDocument: JSON', () => {
  const JSON_TEXT =
    '{\n  "title": "Demo",\n  "features": [\n    {"name": "First", "priority": "must"}\n  ]\n}\n';

  it('parses and maps pointers to lines', async () => {
    const doc = await readDocument(write('spec.json', JSON_TEXT));
    expect(doc.data).toEqual({ title: 'Demo', features: [{ name: 'First', priority: 'must' }] });
    expect(doc.locate('/title')).toEqual({ line: 2, column: 3 });
    expect(doc.locate('/features/0')).toEqual({ line: 4, column: 5 });
    expect(doc.locate('/features/0/priority')).toEqual({ line: 4, column: 23 });
    expect(doc.locate('/missing')).toBeUndefined();
  });

  it('agrees with JSON.parse on values, escapes and numbers', async () => {
    const value = {
      s: 'a"b\\c\n\u00e9\u{1F600}\t/',
      n: [0, -1.5, 2e10, 1e-7],
      b: [true, false, null],
      e: {},
      a: [],
    };
    const doc = await readDocument(write('values.json', JSON.stringify(value, null, 1)));
    expect(doc.data).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('accepts a BOM and CRLF', async () => {
    const doc = await readDocument(write('crlf.json', `\uFEFF${JSON_TEXT.replace(/\n/g, '\r\n')}`));
    expect(doc.locate('/features/0/priority')).toEqual({ line: 4, column: 23 });
  });

  it.each([
    ['trailing comma', '{"a": 1,}', 1, 9],
    ['single quotes', "{'a': 1}", 1, 2],
    ['missing colon', '{\n  "a" 1\n}', 2, 7],
    ['unterminated string', '{"a": "b', 1, 9],
    ['garbage after the value', '{"a": 1} x', 1, 10],
    ['a comment', '// no\n{}', 1, 1],
  ])('refuses %s with line:column', async (_name, text, line, column) => {
    const error = await failure(write('bad.json', text));
    expect(error.code).toBe(ErrorCodes.INPUT_PARSE);
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.message).toContain(`bad.json:${line}:${column} is not valid JSON`);
  });

  it('refuses duplicate keys', async () => {
    const error = await failure(write('dup.json', '{\n  "a": 1,\n  "a": 2\n}'));
    expect(error.code).toBe(ErrorCodes.INPUT_PARSE);
    expect(error.message).toContain('duplicate key "a"');
    expect([error.line, error.column]).toEqual([3, 3]);
  });

  it('refuses absurd nesting without overflowing the stack', async () => {
    const error = await failure(write('deep.json', '['.repeat(100_000)));
    expect(error.code).toBe(ErrorCodes.INPUT_PARSE);
    expect(error.message).toContain('nesting deeper');
  });

  it('keeps a __proto__ key as data', async () => {
    const doc = await readDocument(write('proto.json', '{"__proto__": {"polluted": true}}'));
    expect(Object.keys(doc.data as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(doc.data)).toBe(Object.prototype);
  });
});

describe('readDocument: files that are not documents', () => {
  it('names a missing file as typed, never made absolute', async () => {
    const typed = relative(process.cwd(), join(dir, 'nope', 'idea.yaml'));
    const error = await failure(typed);
    expect(error.code).toBe(ErrorCodes.INPUT_NOT_FOUND);
    expect(error.file).toBe(typed);
    expect(error.message).toBe(`${typed} does not exist`);
    expect(JSON.stringify(error.toJSON())).not.toContain(process.cwd());
  });

  it('refuses a directory', async () => {
    const sub = join(dir, 'a-dir.yaml');
    mkdirSync(sub);
    expect((await failure(sub)).code).toBe(ErrorCodes.INPUT_IS_DIRECTORY);
  });

  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t\r\n'],
    ['comments only', '# just a comment\n# another\n'],
  ])('refuses a file that is %s', async (_name, content) => {
    expect((await failure(write('empty.yaml', content))).code).toBe(ErrorCodes.INPUT_EMPTY);
  });

  it('refuses NUL bytes (e.g. UTF-16) and invalid UTF-8 as binary', async () => {
    const utf16 = Buffer.from('\uFEFFtitle: x\n', 'utf16le');
    expect((await failure(write('utf16.yaml', utf16))).code).toBe(ErrorCodes.INPUT_BINARY);
    const latin1 = Buffer.from([0x74, 0x3a, 0x20, 0xe9, 0x0a]);
    const error = await failure(write('latin1.yaml', latin1));
    expect(error.code).toBe(ErrorCodes.INPUT_BINARY);
    expect(error.message).toContain('not valid UTF-8');
  });

  it('refuses files over the size limit (1 MiB by default)', async () => {
    expect((await failure(write('small.yaml', 'title: more than ten bytes\n'), { maxBytes: 10 })).code).toBe(
      ErrorCodes.INPUT_TOO_LARGE,
    );
    const big = write('big.yaml', `title: "${'x'.repeat(1024 * 1024)}"\n`);
    expect((await failure(big)).code).toBe(ErrorCodes.INPUT_TOO_LARGE);
  });
});

describe('readDocument: bounded reading and unpaired surrogates', () => {
  it.skipIf(process.platform !== 'linux')(
    'stops at the byte cap when stat reports 0 bytes for a huge file (/proc/self/pagemap)',
    async () => {
      expect((await failure('/proc/self/pagemap')).code).toBe(ErrorCodes.INPUT_TOO_LARGE);
    },
  );

  it('refuses a file that grew past the cap even when its first chunk fits', async () => {
    const file = write('grown.yaml', `title: ${'x'.repeat(200_000)}\n`);
    const error = await failure(file, { maxBytes: 100_000 });
    expect(error.code).toBe(ErrorCodes.INPUT_TOO_LARGE);
  });

  it('reads a file of exactly the cap', async () => {
    const text = `title: ${'x'.repeat(70_000 - 8)}\n`;
    const file = write('exact.yaml', text);
    expect(Buffer.byteLength(text)).toBe(70_000);
    const doc = await readDocument(file, { maxBytes: 70_000 });
    expect((doc.data as { title: string }).title).toHaveLength(70_000 - 8);
  });

  it('refuses an empty path', async () => {
    expect((await failure('')).code).toBe(ErrorCodes.INPUT_NOT_FOUND);
  });

  it('refuses unpaired surrogates in values and keys with a pointer and a line each', async () => {
    const file = write(
      'surrogate.yaml',
      'title: "a\\uD800b"\nlist:\n  - ok\n  - "\\uDC00"\n"k\\uD83D": 1\nfine: "\\uD83D\\uDE00"\n',
    );
    const error = await failure(file);
    expect(error.code).toBe(ErrorCodes.SPEC_INVALID);
    expect(error.details.map((d) => [d.pointer, d.line])).toEqual([
      ['/title', 1],
      ['/list/1', 4],
      ['/k\uD83D', 5],
    ]);
  });

  it('accepts a surrogate pair (an emoji written as two escapes)', async () => {
    const doc = await readDocument(write('pair.json', '{"title": "\\uD83D\\uDE00"}'));
    expect((doc.data as { title: string }).title).toBe('😀');
  });
});
