// JSON Schema contracts: valid JSON, a 2020-12 schema that passes the meta-schema, and one ajv can
// compile (so `$ref`s resolve). ajv is loaded on first use only.
import { createRequire } from 'node:module';
import type { Finding } from '@studio/sdk';
import type * as AjvModule from 'ajv/dist/2020.js';
import type { Ajv2020, ErrorObject } from 'ajv/dist/2020.js';
import { lineIndex } from '../inputs/line-index.js';
import { parseJsonFile } from './json.js';
import { packageVersion } from './package-version.js';
import type { HostValidator } from './types.js';

const require = createRequire(import.meta.url);

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

function newAjv(): Ajv2020 {
  const { Ajv2020: AjvClass } = require('ajv/dist/2020.js') as typeof AjvModule;
  const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
  // strict: false: generated contracts may carry annotations such as `x-pii`, which are legal JSON Schema.
  const ajv = new AjvClass({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

export function createJsonSchemaValidator(): HostValidator {
  // One instance for all files of all calls (a new one compiles the meta-schemas again: ~2 ms; the
  // built-in validators live as long as the process, which validates again on every generate in a
  // long-lived host). Each schema is removed after its check, so nothing of one file is left for the
  // next; see below for the files that get an instance of their own.
  let ajv: Ajv2020 | undefined;
  return {
    id: 'json-schema',
    version: `ajv-${packageVersion('ajv')}+formats-${packageVersion('ajv-formats')}`,
    formats: ['json-schema'],
    configDigest: `draft=${DRAFT_2020_12};strict=false`,
    async validate(files) {
      const findings: Finding[] = [];
      for (const f of files) {
        const parsed = parseJsonFile(f.path, f.content, findings);
        if (!parsed.ok) continue;
        const locate = lineIndex(f.content);
        const at = (pointer: string): { line?: number; column?: number } => {
          const offset = parsed.positions.get(pointer);
          return offset === undefined ? {} : locate(offset);
        };
        const schema = parsed.value;
        if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
          findings.push({
            path: f.path,
            line: 1,
            rule: 'json-schema',
            message: 'a JSON Schema must be an object',
          });
          continue;
        }
        const declared = (schema as { $schema?: unknown }).$schema;
        if (declared !== undefined && declared !== DRAFT_2020_12) {
          findings.push({
            path: f.path,
            ...at('/$schema'),
            rule: 'json-schema-draft',
            message: `"$schema" must be "${DRAFT_2020_12}", not ${JSON.stringify(declared)}`,
          });
          continue;
        }
        // Schemas with the same $id never collide: each is removed after its check. A schema with
        // nested $ids (more to remove) or an $id already known gets an instance of its own, dropped
        // after it, so that its nested schemas never resolve a later file's $ref.
        const id = (schema as { $id?: unknown }).$id;
        const nestedIds = (f.content.match(/"\$id"/g) ?? []).length > 1;
        if (ajv === undefined || nestedIds || (typeof id === 'string' && ajv.getSchema(id) !== undefined))
          ajv = newAjv();
        if (!ajv.validateSchema(schema)) {
          for (const e of (ajv.errors ?? []) as ErrorObject[]) {
            findings.push({
              path: f.path,
              ...at(e.instancePath),
              rule: 'json-schema-meta',
              message: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`,
            });
          }
          continue;
        }
        try {
          ajv.compile(schema);
        } catch (error) {
          findings.push({
            path: f.path,
            line: 1,
            rule: 'json-schema-compile',
            message: error instanceof Error ? error.message : String(error),
          });
        } finally {
          try {
            ajv.removeSchema(schema);
            if (typeof id === 'string') ajv.removeSchema(id);
            if (nestedIds) ajv = undefined;
          } catch {
            ajv = undefined;
          }
        }
      }
      return findings;
    },
  };
}
