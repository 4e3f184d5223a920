// The one JSON Schema (2020-12) validator of studio. Schemas live in the repo's `schemas/` folder and
// are looked up by name ("idea_card" → schemas/idea_card.schema.json). Compiling with ajv costs far
// more than a whole `generate` run may take, so the build writes precompiled validators
// (dist/schemas/compiled/, see standalone.ts); they are used when they match the schemas on disk,
// and anything else is compiled on first use, once per process.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serialize } from 'node:v8';
import type { Ajv2020, ErrorObject } from 'ajv/dist/2020.js';
import { ErrorCodes } from '../errors/codes.js';
import { type ErrorDetail, StudioError } from '../errors/studio-error.js';
import { SCHEMA_SUFFIX, createAjv, schemasDigest } from './create-ajv.js';
import { humanizeErrors } from './humanize.js';
import { standaloneFileName } from './standalone-name.js';
import { sha256Hex } from '../util/hash.js';
import { type MemoCache, memoKey } from '../util/memo-cache.js';
import { packageVersion } from '../validators/package-version.js';

export { SCHEMAS_DIR } from './create-ajv.js';

/** Names of the schemas studio ships; any other `<name>.schema.json` in schemas/ works too. */
export type SchemaName =
  | 'idea_card'
  | 'decision_sheet'
  | 'source_spec'
  | 'artifact_index'
  | 'pack_manifest'
  | 'registry_index'
  | 'evidence_snapshot';

/** A compiled validator: ajv's calling convention (errors on the function after a failed call). */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

// '../schemas/' rather than './': the same folder whether this module runs as dist/schemas/validate.js or
// inside a bundled command (dist/commands/*.js).
const PRECOMPILED_DIR = fileURLToPath(new URL('../schemas/compiled/', import.meta.url));
const require = createRequire(import.meta.url);

let ajv: Ajv2020 | undefined;
let digest: string | undefined;
const compiled = new Map<string, CompiledValidator>();

/** The precompiled validator of `name` in `dir`, if present and generated from these exact schemas. */
export function loadPrecompiled(
  dir: string,
  name: string,
  expectedDigest: string,
): CompiledValidator | undefined {
  const file = `${dir}${dir.endsWith('/') ? '' : '/'}${standaloneFileName(name)}`;
  if (!existsSync(file)) return undefined;
  const mod = require(file) as CompiledValidator & { schemasDigest?: string };
  return mod.schemasDigest === expectedDigest ? mod : undefined;
}

function compile(name: string): CompiledValidator {
  ajv ??= createAjv();
  let validator: CompiledValidator | undefined;
  try {
    validator = ajv.getSchema(name);
  } catch (error) {
    throw new StudioError(
      ErrorCodes.INTERNAL,
      `schemas/${name}${SCHEMA_SUFFIX} does not compile: ${String(error)}`,
      {
        cause: error,
        hint: 'Fix the schema file; the schema tests (test/schemas) show the problem.',
      },
    );
  }
  if (!validator) {
    throw new StudioError(
      ErrorCodes.INTERNAL,
      `no schema named "${name}" in schemas/ (or it is not valid JSON)`,
      {
        hint: `Add schemas/${name}${SCHEMA_SUFFIX} or fix its JSON.`,
      },
    );
  }
  return validator;
}

/** The validator for a schema name: precompiled when up to date, else compiled (once per process). */
export function getValidator(name: SchemaName | string): CompiledValidator {
  const cached = compiled.get(name);
  if (cached) return cached;
  if (!/^[a-z][a-z0-9_]*$/.test(name)) {
    throw new StudioError(ErrorCodes.INTERNAL, `"${name}" is not a schema name`, {
      hint: 'Schema names are lowercase with underscores, e.g. "idea_card".',
    });
  }
  let validator: CompiledValidator | undefined;
  if (existsSync(PRECOMPILED_DIR)) {
    digest ??= schemasDigest();
    validator = loadPrecompiled(PRECOMPILED_DIR, name, digest);
  }
  validator ??= compile(name);
  compiled.set(name, validator);
  return validator;
}

/** The key of a pass of `data` against schema `name`: the schemas on disk, ajv's versions and the
 *  exact structure of the data (V8's serialization keeps undefined, key order and sparse arrays,
 *  which JSON would blur). Undefined for data V8 cannot serialize (never cached). */
export function schemaPassKey(name: string, data: unknown): string | undefined {
  let bytes: Buffer;
  try {
    bytes = serialize(data);
  } catch {
    return undefined;
  }
  digest ??= schemasDigest();
  const versions = [packageVersion('ajv'), packageVersion('ajv-formats')];
  return memoKey(['schema-pass', name, digest, ...versions, sha256Hex(bytes)]);
}

/** The body of a pass entry (only passes are stored: a failure is always reported by the validator).
 *  Skipping a remembered pass is sound because validation only judges: create-ajv.ts turns on nothing
 *  that changes the data (useDefaults, coerceTypes, removeAdditional). */
const PASS = 'pass';

export interface ValidateSchemaOptions {
  /** Where passes are remembered (`schemas/` under the cache root): a remembered pass loads no validator.
   *  The precompiled validators of the spec and its inputs were ~10 ms of a warm `generate`'s CPU. */
  cache?: MemoCache | null;
}

/** Validate `data` against the named schema. Empty array = valid. Each detail has a JSON pointer
 *  into `data`, a human message and a hint. */
export function validateSchema(
  name: SchemaName | string,
  data: unknown,
  opts: ValidateSchemaOptions = {},
): ErrorDetail[] {
  const key = opts.cache ? schemaPassKey(name, data) : undefined;
  if (key !== undefined && opts.cache!.get(key) === PASS) return [];
  const validator = getValidator(name);
  if (validator(data)) {
    if (key !== undefined) opts.cache!.set(key, PASS);
    return [];
  }
  return humanizeErrors(validator.errors ?? []).map((d) => ({
    ...d,
    hint: d.hint ?? `See the description of this field in schemas/${name}${SCHEMA_SUFFIX}.`,
  }));
}
