// One place that knows how studio configures ajv, shared by the run-time fallback compiler and the
// build step that writes standalone validators (so both produce identical validation).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as AjvModule from 'ajv/dist/2020.js';
import type { Ajv2020, Options } from 'ajv/dist/2020.js';
import { compareCodePoints } from '../util/canonical-json.js';

/** Works from src/ (vitest) and from dist/ (built CLI): both sit two levels below the repo root. */
export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

export const SCHEMA_SUFFIX = '.schema.json';

// ajv is CommonJS and costs ~60 ms to load: require it only when a schema must be compiled at run
// time, never on the precompiled path.
const require = createRequire(import.meta.url);

/** Schema names found in schemas/, sorted by code point. */
export function listSchemaNames(): string[] {
  return readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith(SCHEMA_SUFFIX))
    .map((f) => f.slice(0, -SCHEMA_SUFFIX.length))
    .sort(compareCodePoints);
}

/** sha256 over every schema file (name and bytes): a precompiled validator is used only when the
 *  schemas it was generated from are exactly the ones on disk. */
export function schemasDigest(): string {
  const hash = createHash('sha256');
  for (const name of listSchemaNames()) {
    hash.update(`${name}\n`);
    hash.update(readFileSync(`${SCHEMAS_DIR}${name}${SCHEMA_SUFFIX}`));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** A configured ajv (2020-12) with every schema of schemas/ registered under its name. */
export function createAjv(extra: Options = {}): Ajv2020 {
  const { Ajv2020: AjvClass } = require('ajv/dist/2020.js') as typeof AjvModule;
  const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
  const ajv = new AjvClass({
    allErrors: true,
    // parentSchema and data on each error: used for "did you mean" and `x-hint`.
    verbose: true,
    // The meta-schema check compiles the meta-schema itself; the schema tests do it once instead.
    validateSchema: false,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    ...extra,
  });
  addFormats(ajv);
  // Annotation our schemas use for a fix-it hint on errors of the schema object that carries it.
  ajv.addKeyword({ keyword: 'x-hint', schemaType: 'string' });
  // Register every schema (uncompiled) so one may $ref another by its $id.
  for (const name of listSchemaNames()) {
    try {
      ajv.addSchema(
        JSON.parse(readFileSync(`${SCHEMAS_DIR}${name}${SCHEMA_SUFFIX}`, 'utf8')) as object,
        name,
      );
    } catch {
      // A broken schema file fails only when it is asked for by name, not for everyone.
    }
  }
  return ajv;
}
