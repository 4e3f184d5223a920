import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../src/errors/studio-error.js';
import { checkIndexText, parseIndex } from '../../src/registry/index-file.js';
import { npmNameProblem } from '../../src/registry/npm-name.js';

const INTEGRITY = `sha512-${'A'.repeat(86)}==`;
const version = (v: string, extra: Record<string, unknown> = {}) => ({
  version: v,
  integrity: INTEGRITY,
  template_set: '1.0.0',
  engine: '>=0.1.0 <1.0.0',
  spec_versions: '^1.0.0',
  locales: ['en-US'],
  provides: ['fintech'],
  ...extra,
});
const index = (packages: unknown[]) => JSON.stringify({ index_version: 1, packages });
const pkg = (name: string, versions = [version('1.0.0')]) => ({ name, description: 'x', versions });

describe('registry index parsing', () => {
  it('accepts a valid index', () => {
    const parsed = parseIndex(index([pkg('@vendor/fintech-pack'), pkg('plain-pack')]), 'i.json');
    expect(parsed.packages.map((p) => p.name)).toEqual(['@vendor/fintech-pack', 'plain-pack']);
  });

  it('refuses duplicate keys with their line', () => {
    const { problems } = checkIndexText(
      '{\n  "index_version": 1,\n  "index_version": 1,\n  "packages": []\n}',
      'i.json',
    );
    expect(problems[0]).toMatchObject({ line: 3 });
    expect(problems[0]!.message).toMatch(/"index_version" twice/);
  });

  it('refuses a duplicate package and a duplicate name@version, naming both places', () => {
    const { problems } = checkIndexText(
      index([pkg('a-pack', [version('1.0.0'), version('1.0.0')]), pkg('a-pack')]),
      'i.json',
    );
    const text = problems.map((p) => `${p.pointer} ${p.message}`).join('\n');
    expect(text).toContain(
      '/packages/0/versions/1/version a-pack@1.0.0 is listed twice (also at /packages/0/versions/0)',
    );
    expect(text).toContain('/packages/1/name "a-pack" is listed twice (also at /packages/0)');
  });

  it.each([
    ['Upper-Case', /uppercase/],
    ['@scope', /@scope\/name/],
    ['.hidden', /starts with/],
    ['has space', /spaces|URL-safe/],
    ['http', /core module/],
  ])('refuses the npm name %s', (name, reason) => {
    expect(npmNameProblem(name)).toMatch(reason);
    const { problems } = checkIndexText(index([pkg(name)]), 'i.json');
    expect(problems.some((p) => p.pointer === '/packages/0/name')).toBe(true);
  });

  it.each([['sha256-abc'], ['sha512-short=='], [`sha512-${'A'.repeat(86)}=`]])(
    'refuses the integrity %s',
    (integrity) => {
      const { problems } = checkIndexText(index([pkg('p', [version('1.0.0', { integrity })])]), 'i.json');
      expect(problems.map((p) => p.pointer)).toContain('/packages/0/versions/0/integrity');
    },
  );

  it('refuses unknown fields and bad ranges', () => {
    const unknown = checkIndexText(index([{ ...pkg('p'), homepage: 'x' }]), 'i.json');
    expect(unknown.problems.length).toBeGreaterThan(0);
    const range = checkIndexText(index([pkg('p', [version('1.0.0', { engine: '>=banana' })])]), 'i.json');
    expect(range.problems.map((p) => p.message)).toContain('">=banana" is not a valid semver range');
  });

  it('reports unsorted packages only in strict mode', () => {
    const text = index([pkg('b-pack'), pkg('a-pack')]);
    expect(checkIndexText(text, 'i.json').problems).toEqual([]);
    expect(checkIndexText(text, 'i.json', { strict: true }).problems[0]!.message).toMatch(/not sorted/);
  });

  it('never crashes on arbitrary input: it parses or throws a StudioError with details', () => {
    const mutated = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ index_version: 1, packages: [v] })),
      fc
        .record({
          name: fc.string(),
          description: fc.string(),
          versions: fc.array(fc.jsonValue(), { maxLength: 3 }),
        })
        .map((p) => index([p])),
    );
    fc.assert(
      fc.property(mutated, (text) => {
        try {
          parseIndex(text, 'fuzz.json');
        } catch (error) {
          expect(error).toBeInstanceOf(StudioError);
          const e = error as StudioError;
          expect(e.code).toBe('E_REGISTRY_INVALID');
          expect(e.details.length).toBeGreaterThan(0);
          for (const d of e.details) expect(d.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
