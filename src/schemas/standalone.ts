// Build step: write one standalone (precompiled) CommonJS validator per schema, so a run loads a
// small generated module instead of ajv and its compiler (~60 ms import + ~50 ms per schema).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createAjv, listSchemaNames, schemasDigest } from './create-ajv.js';
import { standaloneFileName } from './standalone-name.js';

const require = createRequire(import.meta.url);

/** Generate `<outDir>/<name>.cjs` for every schema in schemas/; returns the names written. */
export function writeStandaloneValidators(outDir: string): string[] {
  const standaloneCode = require('ajv/dist/standalone/index.js') as (
    ajv: unknown,
    validate: unknown,
  ) => string;
  const ajv = createAjv({ code: { source: true } });
  const digest = schemasDigest();
  mkdirSync(outDir, { recursive: true });
  const names = listSchemaNames();
  for (const name of names) {
    const validate = ajv.getSchema(name);
    if (!validate) throw new Error(`schemas/${name}.schema.json is not valid JSON`);
    const code = `${standaloneCode(ajv, validate)}\nmodule.exports.schemasDigest = ${JSON.stringify(digest)};\n`;
    writeFileSync(join(outDir, standaloneFileName(name)), code);
  }
  return names;
}
