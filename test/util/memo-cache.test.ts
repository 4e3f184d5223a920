import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoCache, memoKey } from '../../src/util/memo-cache.js';

const root = mkdtempSync(join(tmpdir(), 'studio-memo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => new MemoCache(join(root, `c${(n += 1)}`));
const entryFile = (cache: MemoCache, key: string) => join(cache.dir, key.slice(0, 2), key);

describe('MemoCache', () => {
  it('keys are the digest of every part, in order', () => {
    expect(memoKey(['a', 'b'])).toMatch(/^[0-9a-f]{64}$/);
    expect(memoKey(['a', 'b'])).toBe(memoKey(['a', 'b']));
    expect(memoKey(['a', 'b'])).not.toBe(memoKey(['b', 'a']));
    // No concatenation ambiguity: ["ab", ""] and ["a", "b"] are different inputs.
    expect(memoKey(['ab', ''])).not.toBe(memoKey(['a', 'b']));
  });

  it('stores text under its key and reads it back; an unknown key misses', () => {
    const cache = fresh();
    const key = memoKey(['k']);
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, 'héllo\nworld');
    expect(cache.get(key)).toBe('héllo\nworld');
    expect(cache.get(memoKey(['other']))).toBeUndefined();
    // Written atomically: only the entry is left, no temp file.
    expect(readdirSync(join(cache.dir, key.slice(0, 2)))).toEqual([key]);
  });

  it('ignores an edited, truncated or header-less entry, and through() rewrites it', () => {
    const cache = fresh();
    const key = memoKey(['damaged']);
    cache.set(key, 'the real text');
    const file = entryFile(cache, key);
    const stored = readFileSync(file, 'utf8');
    for (const damaged of [
      stored.replace('real', 'fake'),
      stored.slice(0, -3),
      'the real text',
      '',
      `// sha256:${'0'.repeat(64)}\nthe real text`,
    ]) {
      writeFileSync(file, damaged);
      expect(cache.get(key)).toBeUndefined();
    }
    let derived = 0;
    const text = cache.through(key, () => {
      derived += 1;
      return 'the real text';
    });
    expect([text, derived]).toEqual(['the real text', 1]);
    expect(readFileSync(file, 'utf8')).toBe(stored);
    // Now a hit: not derived again.
    expect(cache.through(key, () => 'never')).toBe('the real text');
  });

  it('through() remembers nothing when derive() returns undefined', () => {
    const cache = fresh();
    const key = memoKey(['failure']);
    expect(cache.through(key, () => undefined)).toBeUndefined();
    expect(cache.get(key)).toBeUndefined();
  });

  it('a cache it cannot write only costs speed', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    // The cache folder is a file: nothing can be created below it.
    const cache = new MemoCache(file);
    expect(cache.through(memoKey(['x']), () => 'derived')).toBe('derived');
    expect(cache.get(memoKey(['x']))).toBeUndefined();
    if (process.getuid?.() !== 0) {
      const locked = fresh();
      locked.set(memoKey(['seed']), 'seed');
      chmodSync(locked.dir, 0o500);
      expect(() => locked.set(memoKey(['y']), 'text')).not.toThrow();
      chmodSync(locked.dir, 0o700);
    }
  });

  it('under(): null root turns the cache off', () => {
    expect(MemoCache.under(null, 'yaml')).toBeNull();
    expect(MemoCache.under('/r', 'report')?.dir).toBe(join('/r', 'report'));
  });
});
