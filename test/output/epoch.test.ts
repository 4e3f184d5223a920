import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../src/util/list-files.js';
import { DEFAULT_PACKAGE_TIME, packageTime, sourceDateEpoch } from '../../src/output/epoch.js';
import { readZipEntries } from '../../src/output/read-zip.js';
import { zipFiles } from '../../src/output/zip.js';

describe('sourceDateEpoch', () => {
  it('reads whole seconds, surrounding white space allowed', () => {
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '1715953530' })).toBe(1_715_953_530);
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: ' 0\n' })).toBe(0);
  });

  it.each([undefined, '', 'yesterday', '-5', '1.5e9', '0x10', '1e3', '99999999999999'])(
    'is undefined for the unusable value %j (the last is past what a Date can hold)',
    (value) => {
      expect(sourceDateEpoch(value === undefined ? {} : { SOURCE_DATE_EPOCH: value })).toBeUndefined();
    },
  );

  it('is the only reader of the variable in the host and the plugins', () => {
    const root = join(import.meta.dirname, '../..');
    const readers = ['src', 'plugins/agents-core/src', 'plugins/agents-deep/src', 'plugins/librarian/src']
      .flatMap((dir) => listFiles(join(root, dir)).map((f) => `${dir}/${f}`))
      .filter((f) => f.endsWith('.ts'))
      .filter((f) =>
        /env(\?)?\.SOURCE_DATE_EPOCH|\[['"]SOURCE_DATE_EPOCH['"]\]/.test(readFileSync(join(root, f), 'utf8')),
      );
    expect(readers).toEqual(['src/output/epoch.ts']);
  });
});

describe('packageTime', () => {
  it('is the DOS epoch when SOURCE_DATE_EPOCH is unset', () => {
    expect(packageTime({}).toISOString()).toBe('1980-01-01T00:00:00.000Z');
    expect(packageTime({}).getTime()).toBe(DEFAULT_PACKAGE_TIME.getTime());
  });

  it('honours SOURCE_DATE_EPOCH in seconds', () => {
    const seconds = 1_715_953_530;
    expect(packageTime({ SOURCE_DATE_EPOCH: String(seconds) }).getTime()).toBe(seconds * 1000);
    expect(packageTime({ SOURCE_DATE_EPOCH: ` ${seconds}\n` }).getTime()).toBe(seconds * 1000);
  });

  it.each(['', 'yesterday', '-5', '1.5e9', '0x10', '100', '4102444800'])(
    'falls back to the fixed epoch for the unusable value %j',
    (value) => {
      expect(packageTime({ SOURCE_DATE_EPOCH: value }).getTime()).toBe(DEFAULT_PACKAGE_TIME.getTime());
    },
  );

  it('returns a fresh Date each time, so a caller cannot shift the default', () => {
    const first = packageTime({});
    first.setUTCFullYear(2000);
    expect(packageTime({}).getUTCFullYear()).toBe(1980);
  });

  it('ends up in the zip: SOURCE_DATE_EPOCH changes the entry times and the bytes', async () => {
    const files = [{ path: 'brief.md', bytes: new TextEncoder().encode('# Brief\n') }];
    const pinned = packageTime({ SOURCE_DATE_EPOCH: String(Date.UTC(2024, 4, 17, 13, 45, 30) / 1000) });
    const fixed = await zipFiles(files, { mtime: packageTime({}) });
    const withEpoch = await zipFiles(files, { mtime: pinned });
    expect(Buffer.compare(fixed, withEpoch)).not.toBe(0);
    const [entry] = await readZipEntries(withEpoch);
    // 2024-05-17 13:45:30 as DOS fields.
    expect(entry?.dosDate).toBe(((2024 - 1980) << 9) | (5 << 5) | 17);
    expect(entry?.dosTime).toBe((13 << 11) | (45 << 5) | 15);
    const [epochEntry] = await readZipEntries(fixed);
    expect(epochEntry?.dosDate).toBe((0 << 9) | (1 << 5) | 1);
    expect(epochEntry?.dosTime).toBe(0);
  });
});
