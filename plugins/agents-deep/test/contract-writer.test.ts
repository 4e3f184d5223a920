import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import contractWriter, { stableUuid } from '../src/contract-writer.js';
import { exampleSpec, hostileSpec, runAgent } from './fixtures.js';

// ajv-formats is CommonJS; its default export is the function under NodeNext typing rules.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

function ajv(): Ajv2020 {
  const a = new Ajv2020({ strict: true, allErrors: true });
  addFormats(a);
  for (const keyword of ['x-pii', 'x-classification', 'x-property-order']) a.addKeyword({ keyword });
  return a;
}

describe('studio:contract-writer', () => {
  it('maps field types to JSON Schema types and formats, with required fields and no extras', async () => {
    const vm = await runAgent(contractWriter, exampleSpec('ledgerly'));
    const invoice = vm.items[0]!;
    expect(invoice).toMatchObject({
      entity: 'Invoice',
      slug: 'invoice',
      path: 'contracts/invoice.schema.json',
    });
    const s = invoice.schema as { properties: Record<string, Record<string, unknown>>; [k: string]: unknown };
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.$id).toBe('urn:studio:contract:invoice');
    expect(s.additionalProperties).toBe(false);
    expect(s.properties['id']).toMatchObject({ type: 'string', format: 'uuid' });
    expect(s.properties['client_email']).toMatchObject({ type: 'string', format: 'email' });
    expect(s.properties['client_email']!['description']).toContain('Classified data');
    expect(s.properties['client_email']).toMatchObject({ 'x-pii': true, 'x-classification': 'PII' });
    // Declared bounds and patterns: ISO 4217 currency, non-negative minor units.
    expect(s.properties['currency']).toMatchObject({ type: 'string', pattern: '^[A-Z]{3}$' });
    expect(s.properties['total_minor']).toMatchObject({ type: 'integer', minimum: 0 });
    expect(s.properties['id']).not.toHaveProperty('x-pii');
    // Every Invoice field is required, so both lists are the declared order.
    const declared = ['id', 'number', 'client_email', 'currency', 'total_minor', 'status', 'due_on'];
    expect(s['x-property-order']).toEqual(declared);
    expect(invoice.example['currency']).toBe('EUR');
    expect(s.properties['status']).toMatchObject({ type: 'string', enum: ['draft', 'sent', 'paid', 'void'] });
    expect(s.properties['due_on']).toMatchObject({ type: 'string', format: 'date' });
    expect(s.required).toEqual(declared);
    expect(vm.items[1]!.schema.properties).toHaveProperty('received_at.format', 'date-time');
  });

  it('contract test: meta-valid schema, valid example, broken instances rejected', async () => {
    for (const name of ['clinic-queue', 'ledgerly'] as const) {
      const vm = await runAgent(contractWriter, exampleSpec(name));
      for (const c of vm.items) {
        const a = ajv();
        expect(a.validateSchema(c.schema), a.errorsText(a.errors)).toBe(true);
        const validate = a.compile(c.schema);
        expect(validate(c.example), a.errorsText(validate.errors)).toBe(true);
        const entity = exampleSpec(name).entities.find((e) => e.name === c.entity)!;
        const required = entity.fields.find((f) => f.required)!;
        const { [required.name]: _gone, ...missing } = c.example;
        expect(validate(missing)).toBe(false);
        const uuidField = entity.fields.find((f) => f.type === 'uuid')!;
        expect(validate({ ...c.example, [uuidField.name]: 'not-a-uuid' })).toBe(false);
        const enumField = entity.fields.find((f) => f.type === 'enum');
        if (enumField) expect(validate({ ...c.example, [enumField.name]: 'no-such-value' })).toBe(false);
      }
    }
  });

  it('a foreign key example reuses the referenced entity id, so examples join up', async () => {
    const vm = await runAgent(contractWriter, exampleSpec('clinic-queue'));
    const [patient, event] = vm.items;
    expect(event!.example['patient_id']).toBe(patient!.example['id']);
    expect(event!.example['id']).not.toBe(patient!.example['id']);
    expect(stableUuid('x')).toBe(stableUuid('x'));
    expect(stableUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('hostile entities: unique Windows-safe slugs, duplicate fields noted, empty enums still valid', async () => {
    const vm = await runAgent(contractWriter, hostileSpec());
    expect(vm.items.map((c) => c.slug)).toEqual(['con-doc', 'con-doc-2', 'entity']);
    const con = vm.items[0]!;
    expect(con.notes.join(' ')).toContain('declared more than once');
    expect(con.notes.join(' ')).toContain('enum without values');
    expect((con.schema.properties as Record<string, { type: string }>)['id']!.type).toBe('string');
    for (const c of vm.items) {
      const a = ajv();
      expect(a.validateSchema(c.schema)).toBe(true);
      expect(a.compile(c.schema)(c.example)).toBe(true);
    }
  });

  it('keeps a field named __proto__ as a property', async () => {
    const spec = exampleSpec('clinic-queue');
    spec.entities[0]!.fields.push({
      name: '__proto__',
      type: 'string',
      required: true,
      values: [],
      pii: false,
      classification: 'none',
      pattern: null,
      minimum: null,
      maximum: null,
      max_length: null,
      example: null,
      references: null,
    });
    const vm = await runAgent(contractWriter, spec);
    const c = vm.items[0]!;
    expect(Object.keys(c.schema.properties as object)).toContain('__proto__');
    expect(Object.keys(c.example)).toContain('__proto__');
    expect(Object.getPrototypeOf(c.example)).toBe(Object.prototype);
  });
});
