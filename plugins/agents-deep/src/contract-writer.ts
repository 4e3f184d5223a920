// studio:contract-writer — one JSON Schema 2020-12 data contract per entity, with a deterministic example
// instance that validates against it (the contract tests use it, and it ships inside the schema as
// `examples`). Bounds, patterns, references and examples are the ones the Decision Sheet declares;
// classified fields carry machine-readable `x-pii` / `x-classification`; `x-property-order` keeps the
// declared field order (the file itself is canonical JSON with sorted keys). Schema ids are URNs so no
// machine path or host name ever appears in a contract.
import type { AgentContext, AgentDefinition, DeepReadonly, Entity, EntityField } from '@studio/sdk';
import { SlugAllocator } from './lib/slug.js';

/** A JSON Schema, as plain data. */
export type JsonSchema = Record<string, unknown>;

/** One contract file. */
export interface ContractView {
  /** Entity name as written. */
  entity: string;
  /** File-name-safe, unique slug; the file is `contracts/<slug>.schema.json`. */
  slug: string;
  path: string;
  /** The schema document. */
  schema: JsonSchema;
  /** A valid instance, deterministic. */
  example: Record<string, unknown>;
  /** Fields holding personal data. */
  pii_fields: string[];
  /** Problems met while building the contract (duplicate field names, enum without values). */
  notes: string[];
}

/** The view-model under `contracts`. */
export interface ContractsViewModel {
  items: ContractView[];
}

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

// Own-property assignment that also works for names like "__proto__" (a plain `obj[k] = v` would
// change the prototype instead of adding a key).
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** 32-bit FNV-1a: a tiny stable hash, so examples are the same on every run and machine. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function hex(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i += 1) out += fnv1a(`${seed}#${i}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** A stable version-4-shaped UUID derived from a seed. */
export function stableUuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function fieldSchema(f: DeepReadonly<EntityField>, reference: string | null, notes: string[]): JsonSchema {
  const parts: string[] = [];
  if (reference !== null) parts.push(`References ${reference}.id.`);
  const classified = f.classification !== 'none' || f.pii;
  if (classified) parts.push('Classified data: never log it; mask it in exports.');
  // Descriptions say only what the type cannot: references and classification.
  const description = parts.length > 0 ? { description: parts.join(' ') } : {};
  const bounds: JsonSchema = {};
  const isString = f.type === 'string';
  const isNumber = f.type === 'integer' || f.type === 'number';
  if (f.pattern !== null && isString) bounds.pattern = f.pattern;
  if (f.max_length !== null && isString) bounds.maxLength = f.max_length;
  if (f.minimum !== null && isNumber) bounds.minimum = f.minimum;
  if (f.maximum !== null && isNumber) bounds.maximum = f.maximum;
  for (const [key, ok] of [
    ['pattern', f.pattern === null || isString],
    ['max_length', f.max_length === null || isString],
    ['minimum', f.minimum === null || isNumber],
    ['maximum', f.maximum === null || isNumber],
  ] as const) {
    if (!ok)
      notes.push(
        `Field "${f.name}" declares ${key}, which does not apply to type ${f.type}; it is left out.`,
      );
  }
  const pii = classified
    ? { 'x-pii': true, 'x-classification': f.classification === 'none' ? 'PII' : f.classification }
    : {};
  return { ...typeSchema(f, notes), ...bounds, ...description, ...pii };
}

function typeSchema(f: DeepReadonly<EntityField>, notes: string[]): JsonSchema {
  switch (f.type) {
    case 'string':
      return { type: 'string' };
    case 'integer':
      return { type: 'integer' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'date-time':
      return { type: 'string', format: 'date-time' };
    case 'email':
      return { type: 'string', format: 'email' };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'enum': {
      const values = [...new Set(f.values)];
      if (values.length === 0) {
        notes.push(
          `Field "${f.name}" is an enum without values; it accepts any string until values are declared.`,
        );
        return { type: 'string' };
      }
      return { type: 'string', enum: values };
    }
  }
}

/** The entity a field declares it references, or null (never read from the field's name). */
function referenced(f: DeepReadonly<EntityField>, entities: readonly DeepReadonly<Entity>[]): string | null {
  return f.references !== null ? (entities.find((e) => e.name === f.references)?.name ?? null) : null;
}

/** A uuid field that is an entity's own identifier: the one named like the contract's id. */
function ownId(entity: string, f: DeepReadonly<EntityField>): string {
  return f.name === 'id' ? `${entity}/id` : `${entity}/${f.name}`;
}

/** The example value of one field: the declared example, else one that satisfies the declared bounds;
 *  a reference reuses the referenced entity's example id, so examples join up. */
function exampleValue(
  entity: string,
  f: DeepReadonly<EntityField>,
  target: string | null,
  notes: string[],
): unknown {
  if (f.example !== null) return f.example;
  if (f.pattern !== null && f.type === 'string')
    notes.push(
      `Field "${f.name}" has a pattern but no example: declare one so the example instance is realistic.`,
    );
  switch (f.type) {
    case 'uuid':
      return target !== null ? stableUuid(`${target}/id`) : stableUuid(ownId(entity, f));
    case 'integer':
      return Math.ceil(f.minimum ?? 1);
    case 'number':
      return f.minimum ?? 1.5;
    case 'boolean':
      return true;
    case 'date':
      return '2025-01-15';
    case 'date-time':
      return '2025-01-15T09:30:00Z';
    case 'email':
      return 'someone@example.com';
    case 'enum':
      return f.values[0] ?? 'example';
    case 'string':
      return `Example ${f.name.replace(/[_-]+/gu, ' ')}`.trim();
  }
}

function contract(
  e: DeepReadonly<Entity>,
  slug: string,
  entities: readonly DeepReadonly<Entity>[],
): ContractView {
  const notes: string[] = [];
  const properties: Record<string, unknown> = {};
  const example: Record<string, unknown> = {};
  const required: string[] = [];
  const seen = new Set<string>();
  for (const f of e.fields) {
    if (seen.has(f.name)) {
      notes.push(`Field "${f.name}" is declared more than once; the first declaration is used.`);
      continue;
    }
    seen.add(f.name);
    const target = referenced(f, entities);
    put(properties, f.name, fieldSchema(f, target, notes));
    put(example, f.name, exampleValue(e.name, f, target, notes));
    if (f.required) required.push(f.name);
  }
  const schema: JsonSchema = {
    $schema: DRAFT,
    $id: `urn:studio:contract:${slug}`,
    title: e.name,
    description: e.description,
    type: 'object',
    additionalProperties: false,
    properties,
    required,
    'x-property-order': [...seen],
    examples: [example],
  };
  return {
    entity: e.name,
    slug,
    path: `contracts/${slug}.schema.json`,
    schema,
    example,
    pii_fields: e.fields.filter((f) => f.pii || f.classification !== 'none').map((f) => f.name),
    notes,
  };
}

function run(ctx: AgentContext): ContractsViewModel {
  const entities = ctx.spec.entities;
  const slugs = new SlugAllocator();
  return { items: entities.map((e) => contract(e, slugs.allocate(e.name, 'entity'), entities)) };
}

const agent: AgentDefinition<ContractsViewModel> = {
  id: 'studio:contract-writer',
  produces: 'contracts',
  description: 'A JSON Schema 2020-12 contract per entity, with a generated example instance.',
  run,
};

export default agent;
