// studio:contract-writer — one JSON Schema 2020-12 data contract per entity, with a deterministic example
// instance that validates against it (the contract tests use it, and it ships inside the schema as
// `examples`). Schema ids are URNs so no machine path or host name ever appears in a contract.
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
  if (f.pii) parts.push('Personal data: never log it; mask it in exports.');
  // Descriptions say only what the type cannot: references and personal data.
  const description = parts.length > 0 ? { description: parts.join(' ') } : {};
  return { ...typeSchema(f, notes), ...description };
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

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/gu, '');
}

/** The entity a `<entity>_id` field points at, or null. */
function referenced(f: DeepReadonly<EntityField>, entities: readonly DeepReadonly<Entity>[]): string | null {
  const m = /^(.+?)[_-]?id$/iu.exec(f.name);
  if (m === null || f.name.toLowerCase() === 'id') return null;
  return entities.find((e) => squash(e.name) === squash(m[1] ?? ''))?.name ?? null;
}

/** The example value of one field; `<entity>_id` uuids reuse the referenced entity's example id. */
function exampleValue(entity: string, f: DeepReadonly<EntityField>, target: string | null): unknown {
  switch (f.type) {
    case 'uuid':
      return target !== null ? stableUuid(`${target}/id`) : stableUuid(`${entity}/${f.name}`);
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
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
    put(example, f.name, exampleValue(e.name, f, target));
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
    examples: [example],
  };
  return {
    entity: e.name,
    slug,
    path: `contracts/${slug}.schema.json`,
    schema,
    example,
    pii_fields: e.fields.filter((f) => f.pii).map((f) => f.name),
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
