// The service behind `studio migrate`: bring a Source Spec file up to ENGINE_SPEC_VERSION and
// return it as canonical JSON (written to a file when asked).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SourceSpec } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { locateNearest } from '../inputs/json-pointer.js';
import { readDocument } from '../inputs/read-document.js';
import { validateSchema } from '../schemas/validate.js';
import { canonicalJson } from '../util/canonical-json.js';
import { migrateSpec } from './migrations/index.js';
import { checkSpecRules } from './rules.js';
import { ENGINE_SPEC_VERSION, checkSpecVersion, specVersionOf } from './spec-version.js';

export interface MigrateFileResult {
  /** The version the file had. */
  from: string;
  /** The version it has now (ENGINE_SPEC_VERSION, or a newer patch it already had). */
  to: string;
  /** Migration ids applied, in order (empty when the spec was already current). */
  applied: string[];
  /** The migrated spec. */
  spec: SourceSpec;
  /** Its canonical JSON. */
  text: string;
  /** Where it was written, as given, or null when not written. */
  output: string | null;
}

export async function migrateFile(opts: { spec: string; output?: string }): Promise<MigrateFileResult> {
  const doc = await readDocument(opts.spec);
  const from = specVersionOf(doc.data);
  // Newer specs cannot be migrated down; a missing version cannot be migrated at all.
  try {
    checkSpecVersion(doc.data);
  } catch (error) {
    if (!(error instanceof StudioError)) throw error;
    throw new StudioError(error.code, `${opts.spec}: ${error.message}`, {
      file: opts.spec,
      pointer: error.pointer,
      ...locateNearest(doc.locate, error.pointer ?? ''),
      hint: error.hint,
    });
  }
  const { spec, applied } = migrateSpec(doc.data);
  const schema = validateSchema('source_spec', spec);
  const problems = schema.length > 0 ? schema : checkSpecRules(spec as SourceSpec);
  if (problems.length > 0) {
    throw new StudioError(
      ErrorCodes.SPEC_INVALID,
      `${opts.spec}: the spec is not valid after migration (${problems.length} problem(s))`,
      {
        details: problems.map((d) => ({
          file: opts.spec,
          ...locateNearest(doc.locate, d.pointer ?? ''),
          ...d,
        })),
        hint: 'Fix the fields listed (pointers are into the migrated spec), then migrate again.',
      },
    );
  }
  const text = canonicalJson(spec);
  if (opts.output !== undefined) {
    try {
      await mkdir(dirname(opts.output), { recursive: true });
      // Write beside and rename, so a failed write never leaves half a spec (also when -o is the input).
      const temp = `${opts.output}.tmp-migrate`;
      await writeFile(temp, text);
      await rename(temp, opts.output);
    } catch (error) {
      throw new StudioError(ErrorCodes.WRITE_FAILED, `cannot write ${opts.output}`, {
        file: opts.output,
        cause: error,
        hint: 'Check that the folder exists and is writable.',
      });
    }
  }
  return {
    from: from ?? '',
    to: specVersionOf(spec) ?? ENGINE_SPEC_VERSION,
    applied,
    spec: spec as SourceSpec,
    text,
    output: opts.output ?? null,
  };
}
