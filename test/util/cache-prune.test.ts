import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRUNE_INTERVAL_MS, PRUNE_MARKER, PRUNED_CACHES, pruneCaches } from '../../src/util/cache-prune.js';

const top = mkdtempSync(join(tmpdir(), 'studio-prune-'));
afterAll(() => rmSync(top, { recursive: true, force: true }));
let n = 0;
const freshRoot = () => {
  const root = join(top, `r${(n += 1)}`);
  mkdirSync(root);
  return root;
};
const NOW = Date.UTC(2026, 10, 30, 12);
const KIB = 1024;

/** A cache entry of `bytes` bytes written `ageMinutes` before NOW. */
function entry(root: string, rel: string, bytes: number, ageMinutes: number): string {
  const file = join(root, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, Buffer.alloc(bytes, 1));
  const t = (NOW - ageMinutes * 60_000) / 1000;
  utimesSync(file, t, t);
  return file;
}

describe('pruneCaches', () => {
  it('leaves caches under the limit alone, and records that it measured them', () => {
    const root = freshRoot();
    const a = entry(root, 'validation/ab/abcd', 10 * KIB, 5);
    const b = entry(root, 'report/cd/cdef', 10 * KIB, 1);
    const r = pruneCaches(root, { maxBytes: 100 * KIB, now: NOW });
    expect(r).toEqual({ measured: true, bytesBefore: 20 * KIB, bytesAfter: 20 * KIB, removed: 0 });
    expect([existsSync(a), existsSync(b)]).toEqual([true, true]);
    expect(statSync(join(root, PRUNE_MARKER)).mtimeMs).toBe(NOW);
  });

  it('over the limit, deletes the entries written longest ago until three quarters of it remain', () => {
    const root = freshRoot();
    // 10 entries of 10 KiB across several caches, the oldest first; limit 80 KiB -> keep <= 60 KiB.
    const files = PRUNED_CACHES.concat(PRUNED_CACHES)
      .slice(0, 10)
      .map((name, i) => entry(root, `${name}/x${i}/e${i}`, 10 * KIB, 100 - i));
    const r = pruneCaches(root, { maxBytes: 80 * KIB, now: NOW });
    expect(r).toMatchObject({ measured: true, bytesBefore: 100 * KIB, bytesAfter: 60 * KIB, removed: 4 });
    expect(files.map((f) => existsSync(f))).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('never touches the code cache, unknown folders or files in the root', () => {
    const root = freshRoot();
    const keep = [
      entry(root, 'compile/v20-x64-generate.bin', 50 * KIB, 1000),
      entry(root, 'mine/notes.txt', 50 * KIB, 1000),
      entry(root, 'README', 50 * KIB, 1000),
    ];
    const old = entry(root, 'yaml/aa/aaaa', 50 * KIB, 500);
    const r = pruneCaches(root, { maxBytes: 10 * KIB, now: NOW });
    expect(r.removed).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(keep.every((f) => existsSync(f))).toBe(true);
  });

  it('measures at most once a day: a recent marker costs one stat and removes nothing', () => {
    const root = freshRoot();
    const big = entry(root, 'templates/big.js', 100 * KIB, 60);
    pruneCaches(root, { maxBytes: 1000 * KIB, now: NOW });
    // An hour later the caches are over a smaller limit, but the marker is an hour old.
    const later = NOW + 60 * 60_000;
    expect(pruneCaches(root, { maxBytes: 10 * KIB, now: later })).toMatchObject({
      measured: false,
      removed: 0,
    });
    expect(existsSync(big)).toBe(true);
    // A day after the last measure, they are measured again.
    const nextDay = NOW + PRUNE_INTERVAL_MS + 1;
    expect(pruneCaches(root, { maxBytes: 10 * KIB, now: nextDay })).toMatchObject({
      measured: true,
      removed: 1,
    });
    expect(existsSync(big)).toBe(false);
  });

  it('takes the limit from STUDIO_CACHE_MAX_MB (MiB), else 512 MiB', () => {
    const root = freshRoot();
    const f = entry(root, 'schemas/s1', 2 * 1024 * KIB, 10);
    expect(pruneCaches(root, { now: NOW, force: true, env: {} }).removed).toBe(0);
    expect(pruneCaches(root, { now: NOW, force: true, env: { STUDIO_CACHE_MAX_MB: 'lots' } }).removed).toBe(
      0,
    );
    expect(pruneCaches(root, { now: NOW, force: true, env: { STUDIO_CACHE_MAX_MB: '1' } }).removed).toBe(1);
    expect(existsSync(f)).toBe(false);
  });

  it('does nothing with caching off, and copes with a root that does not exist or cannot hold a marker', () => {
    expect(pruneCaches(null)).toEqual({ measured: false, bytesBefore: 0, bytesAfter: 0, removed: 0 });
    const missing = join(top, 'never-made');
    expect(pruneCaches(missing, { now: NOW }).bytesBefore).toBe(0);
    expect(existsSync(missing)).toBe(false);
    const aFile = join(top, 'a-file');
    writeFileSync(aFile, '');
    expect(() => pruneCaches(aFile, { now: NOW })).not.toThrow();
    expect(readdirSync(top)).not.toContain('never-made');
  });

  it('removes temporary files a stopped writer left (compile/ included) once an hour old, not younger ones', () => {
    const root = freshRoot();
    const stale = [
      entry(root, 'compile/v20-x64-generate.bin.123.ab12.tmp', KIB, 61),
      entry(root, 'templates/x.js.9.tmp', KIB, 90),
    ];
    const young = entry(root, 'compile/v20-x64-generate.bin.456.cd34.tmp', KIB, 5);
    const code = entry(root, 'compile/v20-x64-generate.bin', 50 * KIB, 600);
    const r = pruneCaches(root, { maxBytes: 1000 * KIB, now: NOW });
    expect(r.removed).toBe(2);
    expect(stale.some((f) => existsSync(f))).toBe(false);
    expect([existsSync(young), existsSync(code)]).toEqual([true, true]);
    // compile/ is not counted against the limit.
    expect(r.bytesBefore).toBe(0);
  });
});
