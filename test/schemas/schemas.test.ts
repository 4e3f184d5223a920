// Every schema in schemas/ is a valid JSON Schema 2020-12 document and compiles in strict mode;
// the fixtures under test/fixtures/specs/<schema>/{valid,invalid} pass and fail as named.
import { fileURLToPath } from 'node:url';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SCHEMAS_DIR, createAjv, listSchemaNames } from '../../src/schemas/create-ajv.js';
import { validateSchema } from '../../src/schemas/validate.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/specs/', import.meta.url));

function load(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : parse(text);
}

function fixtures(schema: string, kind: 'valid' | 'invalid'): string[] {
  const dir = join(FIXTURES, schema, kind);
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

describe('schemas/', () => {
  const metaAjv = new Ajv2020({ strict: false });

  it.each(listSchemaNames())('%s passes 2020-12 meta-schema validation and compiles strictly', (name) => {
    const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, `${name}.schema.json`), 'utf8')) as object;
    expect(metaAjv.validateSchema(schema), JSON.stringify(metaAjv.errors)).toBe(true);
    expect(() => createAjv().getSchema(name)).not.toThrow();
  });

  it('ships the input and spec schemas', () => {
    expect(listSchemaNames()).toEqual(expect.arrayContaining(['decision_sheet', 'idea_card', 'source_spec']));
  });

  it.each(['idea_card', 'decision_sheet', 'source_spec'])('%s describes every property', (name) => {
    const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, `${name}.schema.json`), 'utf8')) as unknown;
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      const properties = record.properties as Record<string, unknown> | undefined;
      if (properties && typeof properties === 'object') {
        for (const [key, value] of Object.entries(properties)) {
          const described = typeof (value as Record<string, unknown>).description === 'string';
          // Conditionals (if/then) only test or tighten a property that is described elsewhere.
          if (!described && !/\/(if|then)(\/|$)/.test(path)) missing.push(`${path}/properties/${key}`);
        }
      }
      for (const [key, value] of Object.entries(record)) walk(value, `${path}/${key}`);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });

  for (const name of ['idea_card', 'decision_sheet', 'source_spec']) {
    describe(`${name} fixtures`, () => {
      const valid = fixtures(name, 'valid');
      const invalid = fixtures(name, 'invalid');
      it('has valid and invalid fixtures', () => {
        expect(valid.length).toBeGreaterThan(0);
        expect(invalid.length).toBeGreaterThan(0);
      });
      it.each(valid)('accepts %s', (file) => {
        expect(validateSchema(name, load(file))).toEqual([]);
      });
      it.each(invalid)('refuses %s', (file) => {
        expect(validateSchema(name, load(file)).length).toBeGreaterThan(0);
      });
    });
  }
});
