import { describe, expect, it } from 'vitest';
import { buildIndex, generatedAt } from '../../src/output/artifact-index.js';
import { systemClock } from '../../src/pipeline/run-context.js';
import { sha256Hex } from '../../src/util/hash.js';
import type { SourceSpec } from '@studio/sdk';

const spec = { meta: { spec_version: '1.0.0', locale: 'en-US', generator: 'x' } } as SourceSpec;
const file = (path: string, text: string) => ({
  path,
  pack: 'balanced',
  purpose: 'p',
  template_set: '1.0.0',
  template_commit: 'engine',
  bytes: Buffer.from(text),
});

describe('artifact index', () => {
  it('lists artifacts sorted by code point with hashes and sizes, and the zips', () => {
    const index = buildIndex({
      files: [file('b.md', 'bb'), file('B.md', 'B'), file('a/x.md', 'x')],
      zips: [{ path: 'balanced.zip', pack: 'balanced', bytes: Buffer.from('zip'), entries: ['B.md'] }],
      engineVersion: '0.1.0',
      spec,
      generatedAt: '2026-01-01T00:00:00Z',
    });
    expect(index.artifacts.map((a) => a.path)).toEqual(['B.md', 'a/x.md', 'b.md']);
    expect(index.artifacts[2]).toMatchObject({ sha256: sha256Hex('bb'), bytes: 2 });
    expect(index.packages[0]).toMatchObject({ path: 'balanced.zip', sha256: sha256Hex('zip'), bytes: 3 });
    expect(index.spec_version).toBe('1.0.0');
  });

  it('generated_at honours SOURCE_DATE_EPOCH and ignores a malformed one', () => {
    expect(generatedAt({ SOURCE_DATE_EPOCH: '1767225600' }, systemClock)).toBe('2026-01-01T00:00:00Z');
    const fixed = { now: () => new Date('2030-05-05T05:05:05.123Z'), monotonic: () => 0 };
    expect(generatedAt({ SOURCE_DATE_EPOCH: 'soon' }, fixed)).toBe('2030-05-05T05:05:05Z');
    // Past what a Date can hold: the clock, not a RangeError.
    expect(generatedAt({ SOURCE_DATE_EPOCH: '99999999999999' }, fixed)).toBe('2030-05-05T05:05:05Z');
    expect(generatedAt({}, fixed)).toBe('2030-05-05T05:05:05Z');
  });
});
