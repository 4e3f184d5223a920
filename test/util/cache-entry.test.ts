import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEntry, readVerifiedEntry, writeAtomic, writeEntry } from '../../src/util/cache-entry.js';
import { sha256Hex } from '../../src/util/hash.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-cache-entry-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('cache entries', () => {
  it('round-trip with their digest, in a folder made on demand, leaving no temporary file', () => {
    const file = join(dir, 'a', 'b', 'entry.js');
    writeEntry(file, 'return 1;\n');
    expect(readFileSync(file, 'utf8')).toBe(`// sha256:${sha256Hex('return 1;\n')}\nreturn 1;\n`);
    expect(readEntry(file)).toEqual({ text: 'return 1;\n', digest: sha256Hex('return 1;\n') });
    expect(readVerifiedEntry(file)).toBe('return 1;\n');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['entry.js']);
  });

  it('a missing, truncated, edited or headless entry reads as none', () => {
    const file = join(dir, 'entry.js');
    expect(readEntry(file)).toBeNull();
    writeEntry(file, 'return 1;\n');
    const genuine = readFileSync(file, 'utf8');
    for (const damaged of [
      genuine.slice(0, -2),
      genuine.replace('return 1', 'return 2'),
      `${genuine};evil()`,
      'return 1;\n',
      `// sha256:${'0'.repeat(64)}\nreturn 1;\n`,
      `// sha256:${sha256Hex('return 1;\n').toUpperCase()}\nreturn 1;\n`,
    ]) {
      writeFileSync(file, damaged);
      expect(readEntry(file)).toBeNull();
      expect(readVerifiedEntry(file)).toBeNull();
    }
  });

  it('writeAtomic replaces a file whole', () => {
    const file = join(dir, 'x.bin');
    writeAtomic(file, 'old');
    writeAtomic(file, Buffer.from([1, 2, 3]));
    expect([...readFileSync(file)]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['x.bin']);
  });
});
