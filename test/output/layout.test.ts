import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isAuxName,
  isMountPoint,
  journalPath,
  lockPath,
  outputLayout,
  readOutputFile,
} from '../../src/output/layout.js';

const dir = mkdtempSync(join(tmpdir(), 'studio-layout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('output layout', () => {
  it('an ordinary folder is swapped: aux entries beside it, named after it', () => {
    const layout = outputLayout(join(dir, 'out'));
    expect(layout.inPlace).toBe(false);
    expect(lockPath(layout)).toBe(join(dir, '.out.studio-lock'));
    expect(journalPath(layout)).toBe(join(dir, '.out.studio-journal'));
    expect(isAuxName(layout, '.out.studio-new-01234567')).toBe(true);
    expect(isAuxName(layout, '.other.studio-lock')).toBe(false);
  });

  it('tells mount points from ordinary folders', () => {
    expect(isMountPoint(dir)).toBe(false);
    expect(isMountPoint(join(dir, 'missing'))).toBe(false);
    expect(isMountPoint('/')).toBe(true);
    if (process.platform === 'linux') {
      expect(isMountPoint('/proc')).toBe(true);
      const layout = outputLayout('/proc');
      expect(layout.inPlace).toBe(true);
      expect(lockPath(layout)).toBe('/proc/.studio-lock');
    }
  });
});

describe('readOutputFile', () => {
  it('reads a file by its POSIX path; an absent path or a folder is undefined', async () => {
    const out = join(dir, 'read');
    mkdirSync(join(out, 'adr'), { recursive: true });
    writeFileSync(join(out, 'adr', 'ADR-0001.md'), '# ADR\n');
    expect((await readOutputFile(out, 'adr/ADR-0001.md'))?.toString('utf8')).toBe('# ADR\n');
    expect(await readOutputFile(out, 'adr/missing.md')).toBeUndefined();
    expect(await readOutputFile(out, 'adr')).toBeUndefined();
  });
});
