import { fileURLToPath } from 'node:url';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateSchema } from '../../src/schemas/validate.js';
import { unsafePathReason } from '../../src/util/safe-path.js';

const SCHEMA_FILE = new URL('../../schemas/artifact_index.schema.json', import.meta.url);
const FIXTURES = fileURLToPath(new URL('../fixtures/index/', import.meta.url));
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;

const load = (folder: string, file: string) =>
  JSON.parse(readFileSync(join(FIXTURES, folder, file), 'utf8')) as unknown;
const fixtures = (folder: string) =>
  readdirSync(join(FIXTURES, folder))
    .filter((f) => f.endsWith('.json'))
    .sort();

/** Every property schema and every $defs entry, with where it is, for the "described" rule. */
function describedNodes(
  node: unknown,
  at: string,
  out: { at: string; node: Record<string, unknown> }[],
): void {
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  for (const key of ['properties', '$defs'] as const) {
    const children = obj[key];
    if (children && typeof children === 'object') {
      for (const [name, child] of Object.entries(children)) {
        out.push({ at: `${at}/${key}/${name}`, node: child as Record<string, unknown> });
        describedNodes(child, `${at}/${key}/${name}`, out);
      }
    }
  }
  if (obj.items) describedNodes(obj.items, `${at}/items`, out);
}

describe('schemas/artifact_index.schema.json', () => {
  it('is a valid JSON Schema 2020-12 that compiles in strict mode', () => {
    const ajv = new Ajv2020({ strict: true, validateFormats: false });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('describes every property and definition, and closes every object', () => {
    const nodes: { at: string; node: Record<string, unknown> }[] = [];
    describedNodes(schema, '', nodes);
    expect(nodes.length).toBeGreaterThan(15);
    for (const { at, node } of nodes) {
      expect(typeof node.description, at).toBe('string');
      if (node.type === 'object') expect(node.additionalProperties, at).toBe(false);
    }
    expect(schema.additionalProperties).toBe(false);
  });

  it.each(fixtures('valid'))('accepts the valid fixture %s', (file) => {
    expect(validateSchema('artifact_index', load('valid', file))).toEqual([]);
  });

  it.each(fixtures('invalid'))('refuses the invalid fixture %s', (file) => {
    const problems = validateSchema('artifact_index', load('invalid', file));
    expect(problems.length).toBeGreaterThan(0);
    // Each invalid fixture differs from a valid one in one place; the error must point there.
    for (const p of problems) expect(p.pointer).toMatch(/^(|\/[a-z_]+(\/\d+(\/[a-z_0-9]+)*)?)$/);
  });

  it('names the JSON pointer of a bad artifact path', () => {
    const problems = validateSchema('artifact_index', load('invalid', 'dotdot-path.json'));
    expect(problems.map((p) => p.pointer)).toContain('/artifacts/1/path');
  });

  it('path pattern agrees with src/util/safe-path.ts on any string', () => {
    const relativePath = (schema.$defs as Record<string, { pattern: string; maxLength: number }>)
      .relativePath!;
    const re = new RegExp(relativePath.pattern, 'u');
    const accepts = (p: string) => re.test(p) && [...p].length <= relativePath.maxLength && p.length > 0;
    const segment = fc.oneof(
      fc.constantFrom(
        '.',
        '..',
        '',
        'con',
        'CoM1.txt',
        'lpt9',
        'nul.md',
        'a.',
        'b ',
        ' c',
        'adr',
        'x:y',
        'a*b',
        'é',
      ),
      fc.string({
        unit: fc.constantFrom(
          'a',
          'Z',
          '.',
          ' ',
          '-',
          '\\',
          ':',
          '"',
          '<',
          '|',
          '\u0001',
          '\u001f',
          'é',
          '¹',
        ),
        maxLength: 6,
      }),
    );
    const paths = fc.oneof(
      fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/')),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(paths, (p) => {
        expect(accepts(p), JSON.stringify(p)).toBe(unsafePathReason(p) === null);
      }),
      { numRuns: 2000 },
    );
  });
});
