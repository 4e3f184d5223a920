import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseCollisions, unsafePathReason } from '../../src/util/safe-path.js';

describe('unsafePathReason', () => {
  it.each([
    'brief.md',
    'adr/ADR-0001-x.md',
    'contracts/patient.schema.json',
    'ci/workflow.yml',
    'a/b/c.d.e',
    'falcon.md',
    'icon.svg',
    'com0.md',
    'console.md',
    'lpt.md',
  ])('accepts %s', (p) => {
    expect(unsafePathReason(p)).toBeNull();
  });
  it.each([
    ['', 'empty'],
    ['/etc/passwd', 'absolute'],
    ['../x.md', '..'],
    ['a/../../x.md', '..'],
    ['a\\b.md', 'backslash'],
    ['C:/x.md', 'drive letter'],
    ['c:x.md', 'drive letter'],
    ['CON', 'reserved'],
    ['docs/aux.txt', 'reserved'],
    ['lpt1.md', 'reserved'],
    ['COM9.txt', 'reserved'],
    ['nul', 'reserved'],
    ['a//b.md', 'empty segment'],
    ['a/', 'empty segment'],
    ['./a.md', '"."'],
    ['what?.md', 'Windows refuses'],
    ['ab:c.md', 'Windows refuses'],
    ['trailing.', 'ends with a dot'],
    ['x'.repeat(201), 'longer than 200'],
  ])('refuses %j (%s)', (p, why) => {
    expect(unsafePathReason(p)).toContain(why);
  });
  it('never accepts a path that escapes, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (p) => {
        if (unsafePathReason(p) === null) {
          expect(p.startsWith('/')).toBe(false);
          expect(p.split('/')).not.toContain('..');
          expect(p.includes('\\')).toBe(false);
        }
      }),
    );
  });
});

describe('caseCollisions', () => {
  it('groups paths that differ only by case', () => {
    expect(caseCollisions(['a.md', 'A.md', 'b.md', 'x/Y.md', 'X/y.md'])).toEqual([
      ['A.md', 'a.md'],
      ['X/y.md', 'x/Y.md'],
    ]);
    expect(caseCollisions(['a.md', 'b.md', 'a.md'])).toEqual([]);
  });
});
