import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import { StudioError } from '../../src/errors/studio-error.js';
import { validateSchema } from '../../src/schemas/validate.js';
import { buildSpec } from '../../src/spec/build-spec.js';
import { MIGRATIONS, migrateSpec } from '../../src/spec/migrations/index.js';
import { clone, example } from './helpers.js';

const V09 = new URL('../fixtures/specs/v0.9/clinic-queue.spec.json', import.meta.url);
const V10 = new URL('../fixtures/specs/v1.0/clinic-queue.spec.json', import.meta.url);
const V11 = new URL('../fixtures/specs/v1.1/clinic-queue.spec.json', import.meta.url);
const read = (url: URL): Record<string, unknown> =>
  JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
const load = (): Record<string, unknown> => read(V09);

describe('migrateSpec', () => {
  it('brings a 0.9.0 spec through 1.0.0 to 1.1.0: schema-valid and equal to the 1.0 spec, migrated', () => {
    const old = load();
    expect(validateSchema('source_spec', old).length).toBeGreaterThan(0);
    const { spec, applied } = migrateSpec(old);
    expect(applied).toEqual(['0.9.0-to-1.0.0', '1.0.0-to-1.1.0']);
    expect(validateSchema('source_spec', spec)).toEqual([]);
    const after = read(V11) as { meta: object };
    // Only the generator differs: the old spec says which engine wrote it.
    expect({ ...(spec as typeof after), meta: after.meta }).toEqual(after);
    expect((spec as { meta: { spec_version: string } }).meta.spec_version).toBe('1.1.0');
    expect((spec as { meta: { generator: string } }).meta.generator).toBe('spec-to-pack-studio 0.0.9');
  });

  it('brings the 1.0.0 fixture to exactly the reviewed 1.1.0 fixture (declared facts left undeclared)', () => {
    const before = read(V10);
    // A 1.0 spec lacks the 1.1 keys, so today's schema refuses it until it is migrated.
    expect(validateSchema('source_spec', before).length).toBeGreaterThan(0);
    const { spec, applied } = migrateSpec(before);
    expect(applied).toEqual(['1.0.0-to-1.1.0']);
    expect(validateSchema('source_spec', spec)).toEqual([]);
    expect(spec).toEqual(read(V11));
    const patient = (spec as { entities: { fields: { name: string; classification: string }[] }[] })
      .entities[0]!;
    expect(patient.fields.find((f) => f.name === 'mobile')!.classification).toBe('PII');
    expect(patient.fields.find((f) => f.name === 'id')!.classification).toBe('none');
  });

  it('keeps 1.1 keys a hand-edited 1.0 spec already has', () => {
    const before = read(V10) as { participants?: unknown };
    before.participants = [
      { name: 'Staff', kind: 'person', zone: null, language: null, framework: null, description: null },
    ];
    const { spec } = migrateSpec(before) as { spec: { participants: unknown[] } };
    expect(spec.participants).toEqual(before.participants);
  });

  it('builds today from the examples a spec the migration could not: declared facts are present', async () => {
    const { idea, decisions } = await example('clinic-queue');
    const today = buildSpec({ idea: idea.data, decisions: decisions.data }).spec;
    expect(today.meta.spec_version).toBe('1.1.0');
    expect(today.participants.map((p) => p.kind)).toContain('external');
    expect(today.entities[0]!.transitions.length).toBeGreaterThan(0);
  });

  it('never changes its input', () => {
    const old = load();
    const before = clone(old);
    migrateSpec(old);
    expect(old).toEqual(before);
  });

  it('applies any 0.9 patch and keeps author acceptance objects', () => {
    const old = load() as { meta: { spec_version: string }; features: { acceptance_criteria: unknown[] }[] };
    old.meta.spec_version = '0.9.3';
    old.features[0]!.acceptance_criteria = ['plain', { id: 'KEEP', text: 'object' }];
    const { spec } = migrateSpec(old) as { spec: { features: { acceptance: unknown[] }[] } };
    expect(spec.features[0]!.acceptance).toEqual([
      { id: 'F-1-AC-1', text: 'plain', level: null },
      { id: 'KEEP', text: 'object', level: null },
    ]);
  });

  it('leaves current and newer specs (and specs without a version) untouched', async () => {
    const { idea } = await example('ledgerly');
    const current = buildSpec({ idea: idea.data }).spec;
    expect(migrateSpec(current)).toEqual({ spec: current, applied: [] });
    const newer = { meta: { spec_version: '3.0.0' } };
    expect(migrateSpec(newer).spec).toBe(newer);
    expect(migrateSpec({ title: 'x' }).applied).toEqual([]);
    expect(migrateSpec('not a spec').applied).toEqual([]);
  });

  it('refuses a version no migration starts from', () => {
    try {
      migrateSpec({ meta: { spec_version: '0.5.0' } });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(StudioError);
      expect((error as StudioError).code).toBe(ErrorCodes.SPEC_VERSION_UNSUPPORTED);
      expect((error as StudioError).pointer).toBe('/meta/spec_version');
    }
  });

  it('chains migrations in order', () => {
    const chain = [
      {
        id: 'a',
        from: '0.7',
        to: '0.8.0',
        description: 'a',
        up: (s: Record<string, unknown>) => ({ ...s, a: true }),
      },
      {
        id: 'b',
        from: '0.8',
        to: '0.9.0',
        description: 'b',
        up: (s: Record<string, unknown>) => ({ ...s, b: true }),
      },
      ...MIGRATIONS,
    ];
    const { spec, applied } = migrateSpec({ meta: { spec_version: '0.7.2' } }, chain);
    expect(applied).toEqual(['a', 'b', '0.9.0-to-1.0.0', '1.0.0-to-1.1.0']);
    expect(spec).toEqual({
      meta: { spec_version: '1.1.0' },
      a: true,
      b: true,
      open_questions: [],
      participants: [],
    });
  });
});
