// The V8 data kept beside each compiled-template entry: used when it was made from exactly that code,
// ignored and rewritten when damaged, foreign or stale, never written without a cache folder.
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/render/renderer.js';
import { codeCachePath, readCodeCache } from '../../src/render/template-loader.js';
import { readVerifiedEntry } from '../../src/util/cache-entry.js';
import { sha256Hex } from '../../src/util/hash.js';

let root: string;
let templates: string;
let cacheDir: string;
const context = { title: 'T*', items: ['a', 'b'] };
const render = (cache: string | null = cacheDir) =>
  createRenderer({ packId: 'p', searchPaths: [templates], cacheDir: cache }).render('a.md.njk', context);

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'studio-tpl-v8-'));
  templates = path.join(root, 'templates');
  cacheDir = path.join(root, 'cache');
  mkdirSync(templates);
  writeFileSync(
    path.join(templates, 'a.md.njk'),
    '# {{ title | md }}\n\n{% for x in items %}\n- {{ x | md }}\n{% endfor %}\n{% include "b.njk" %}\n',
  );
  writeFileSync(path.join(templates, 'b.njk'), 'Included: {{ items | length }}\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Each entry of the cache folder with its V8 data file. */
function entries(): { entry: string; v8: string }[] {
  return readdirSync(cacheDir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ entry: path.join(cacheDir, f), v8: codeCachePath(path.join(cacheDir, f)) }));
}
const codeDigest = (entry: string) => sha256Hex(readVerifiedEntry(entry)!);
const OLD = new Date('2001-01-01T00:00:00Z');

describe('V8 data of compiled templates', () => {
  it('is written after the first render, for every template it compiled, and then used as it is', () => {
    const first = render();
    const files = entries();
    expect(files).toHaveLength(2);
    for (const { entry, v8 } of files) {
      expect(path.basename(v8)).toBe(`${path.basename(entry, '.js')}.${process.version}-${process.arch}.v8`);
      expect(readCodeCache(v8, codeDigest(entry))!.length).toBeGreaterThan(0);
      utimesSync(v8, OLD, OLD);
    }
    // V8 took the data: nothing was compiled from source, so nothing is written again.
    expect(render()).toBe(first);
    for (const { v8 } of files) expect(statSync(v8).mtime).toEqual(OLD);
  });

  it('damaged, truncated or foreign data is ignored, the render is the same, and the file rewritten', () => {
    const first = render();
    const { entry, v8 } = entries()[0]!;
    const genuine = readFileSync(v8);
    const data = genuine.subarray(32);
    const flipped = Buffer.from(genuine);
    flipped[flipped.length - 1]! ^= 0xff;
    const damaged = [
      flipped,
      genuine.subarray(0, genuine.length - 7),
      genuine.subarray(0, 32),
      Buffer.alloc(0),
      // The data of this code under the digest of other code (a stale file of an older entry).
      Buffer.concat([Buffer.alloc(32, 1), data]),
    ];
    for (const bytes of damaged) {
      writeFileSync(v8, bytes);
      expect(readCodeCache(v8, codeDigest(entry))).toBeUndefined();
      expect(render()).toBe(first);
      expect(readCodeCache(v8, codeDigest(entry))).toBeDefined();
    }
  });

  it('data made for other code is not used for this code', () => {
    render();
    const [a, b] = entries();
    expect(readCodeCache(a!.v8, codeDigest(b!.entry))).toBeUndefined();
    expect(readCodeCache(b!.v8, codeDigest(a!.entry))).toBeUndefined();
  });

  it('an edited template gets a new entry and new data; without a cache folder nothing is written', () => {
    render();
    writeFileSync(path.join(templates, 'b.njk'), 'Changed: {{ items | length }}\n');
    expect(render()).toContain('Changed: 2');
    expect(entries()).toHaveLength(3);
    for (const { entry, v8 } of entries()) expect(readCodeCache(v8, codeDigest(entry))).toBeDefined();
    rmSync(cacheDir, { recursive: true });
    expect(render(null)).toContain('Changed: 2');
    expect(() => readdirSync(cacheDir)).toThrow(/ENOENT/);
  });

  it('a later renderer of the process reuses the evaluated templates while their files are unchanged', () => {
    const first = render();
    const { entry } = entries()[0]!;
    // A whole-second mtime, which utimes restores exactly.
    utimesSync(entry, OLD, OLD);
    expect(render()).toBe(first);
    // Same inode, size and mtime, other bytes: only a renderer that reads the entry again notices.
    const genuine = readFileSync(entry, 'utf8');
    writeFileSync(
      entry,
      genuine.replace(/^\/\/ sha256:./, (m) => `${m.slice(0, -1)}${m.endsWith('0') ? 1 : 0}`),
    );
    utimesSync(entry, OLD, OLD);
    expect(readVerifiedEntry(entry)).toBeNull();
    expect(render()).toBe(first);
    expect(readVerifiedEntry(entry)).toBeNull();
    // Any change of the file's stamp, and the entry is read, found damaged, compiled again and rewritten.
    utimesSync(entry, new Date('2002-01-01T00:00:00Z'), new Date('2002-01-01T00:00:00Z'));
    expect(render()).toBe(first);
    expect(readVerifiedEntry(entry)).toBe(genuine.slice(genuine.indexOf('\n') + 1));
  });

  it('a cache folder that cannot be written is not used', () => {
    writeFileSync(cacheDir, 'a file where the folder would be');
    expect(render()).toContain('Included: 2');
  });
});
