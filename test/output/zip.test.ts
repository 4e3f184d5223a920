import { afterEach, describe, expect, it } from 'vitest';
import { readZipEntries } from '../../src/output/read-zip.js';
import { ZIP_ENTRY_MODE, zipFiles } from '../../src/output/zip.js';
import { StudioError } from '../../src/errors/studio-error.js';
import { sha256Hex } from '../../src/util/hash.js';

const enc = (s: string) => new TextEncoder().encode(s);

// Paths chosen so code-point order differs from locale order and from input order.
const FILES = [
  { path: 'prd.md', bytes: enc('# PRD\n\nFeatures…\n') },
  { path: 'adr/ADR-0002-queue.md', bytes: enc('# ADR-0002\n') },
  { path: 'Zeta.md', bytes: enc('upper case sorts first\n') },
  { path: 'adr/ADR-0001-postgres.md', bytes: enc('# ADR-0001\n') },
  { path: 'élan.md', bytes: enc('non-ASCII sorts last: é\n') },
  { path: 'contracts/patient.schema.json', bytes: enc('{"type":"object"}\n') },
  { path: 'empty.txt', bytes: new Uint8Array(0) },
];
const MTIME = new Date(Date.UTC(2024, 4, 17, 13, 45, 30));

/** DOS date/time fields for a UTC date, computed here independently of archiver. */
function dosFields(d: Date): { date: number; time: number } {
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

describe('zipFiles', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('gives the same bytes for the same inputs, whatever their order', async () => {
    const a = await zipFiles(FILES, { mtime: MTIME });
    const b = await zipFiles([...FILES].reverse(), { mtime: new Date(MTIME.getTime()) });
    expect(sha256Hex(b)).toBe(sha256Hex(a));
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('gives different bytes for a different mtime or different content', async () => {
    const a = await zipFiles(FILES, { mtime: MTIME });
    const later = await zipFiles(FILES, { mtime: new Date(MTIME.getTime() + 2000) });
    const edited = await zipFiles(
      FILES.map((f) => (f.path === 'prd.md' ? { ...f, bytes: enc('# PRD!\n') } : f)),
      { mtime: MTIME },
    );
    expect(Buffer.compare(a, later)).not.toBe(0);
    expect(Buffer.compare(a, edited)).not.toBe(0);
  });

  it('stores entries in code-point order with the inputs’ exact bytes, fixed mode and fixed time', async () => {
    const entries = await readZipEntries(await zipFiles(FILES, { mtime: MTIME }));
    const expectedOrder = FILES.map((f) => f.path).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    expect(entries.map((e) => e.path)).toEqual(expectedOrder);
    expect(expectedOrder[0]).toBe('Zeta.md');
    expect(expectedOrder.at(-1)).toBe('élan.md');
    const { date, time } = dosFields(MTIME);
    for (const entry of entries) {
      const input = FILES.find((f) => f.path === entry.path)!;
      expect(Buffer.compare(entry.bytes, Buffer.from(input.bytes))).toBe(0);
      expect(entry.mode).toBe(ZIP_ENTRY_MODE);
      expect(entry.dosDate).toBe(date);
      expect(entry.dosTime).toBe(time);
    }
  });

  it('writes no directory entries even for nested paths', async () => {
    const entries = await readZipEntries(await zipFiles(FILES, { mtime: MTIME }));
    expect(entries.some((e) => e.path.endsWith('/'))).toBe(false);
    expect(entries).toHaveLength(FILES.length);
  });

  it('does not depend on the process time zone', async () => {
    // A time near midnight UTC: in New York it is the previous day, so a local-time DOS date would differ.
    const mtime = new Date(Date.UTC(2024, 0, 1, 1, 30, 0));
    process.env.TZ = 'UTC';
    expect(new Date(mtime).getHours()).toBe(1);
    const utc = await zipFiles(FILES, { mtime });
    process.env.TZ = 'America/New_York';
    // Proves the zone change took effect in this process, so the comparison below means something.
    expect(new Date(mtime).getHours()).toBe(20);
    const newYork = await zipFiles(FILES, { mtime });
    process.env.TZ = 'Asia/Kolkata';
    expect(new Date(mtime).getMinutes()).toBe(0);
    const kolkata = await zipFiles(FILES, { mtime });
    expect(Buffer.compare(utc, newYork)).toBe(0);
    expect(Buffer.compare(utc, kolkata)).toBe(0);
    const [first] = await readZipEntries(newYork);
    expect(first?.dosDate).toBe(dosFields(mtime).date);
  });

  it('zips exactly the bytes of a Uint8Array view, not its whole underlying buffer', async () => {
    const backing = enc('HEADER# Brief\nTRAILER');
    const view = backing.subarray(6, 14);
    const fromView = await zipFiles([{ path: 'brief.md', bytes: view }], { mtime: MTIME });
    const fromCopy = await zipFiles([{ path: 'brief.md', bytes: enc('# Brief\n') }], { mtime: MTIME });
    expect(Buffer.compare(fromView, fromCopy)).toBe(0);
  });

  it('writes an empty archive for no files', async () => {
    const zip = await zipFiles([], { mtime: MTIME });
    expect(await readZipEntries(zip)).toEqual([]);
  });

  it.each([
    '/etc/passwd',
    '../outside.md',
    'adr/../../x.md',
    'adr\\x.md',
    'C:/x.md',
    'a//b.md',
    'con.md',
    '',
  ])('refuses the unsafe path %j', async (path) => {
    const attempt = zipFiles([{ path, bytes: enc('x') }], { mtime: MTIME });
    await expect(attempt).rejects.toBeInstanceOf(StudioError);
    await expect(attempt).rejects.toMatchObject({ code: 'E_ARTIFACT_PATH_UNSAFE' });
  });

  it('refuses two files with the same path', async () => {
    const attempt = zipFiles(
      [
        { path: 'a.md', bytes: enc('1') },
        { path: 'a.md', bytes: enc('2') },
      ],
      { mtime: MTIME },
    );
    await expect(attempt).rejects.toThrow(/share the path "a\.md"/);
  });
});
