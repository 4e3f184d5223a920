// The one validation of a Source Spec, used by `studio validate --spec`, by generate's ValidateSpec for
// both input paths (--spec, and --idea/--decisions after BuildSpec), and so reporting every problem the
// same way: code, message, and file:line:column for each pointer the origin can locate.
import type { Dials, SourceSpec } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { type ErrorDetail, StudioError } from '../errors/studio-error.js';
import { type Location, locateNearest } from '../inputs/json-pointer.js';
import { validateSchema } from '../schemas/validate.js';
import type { MemoCache } from '../util/memo-cache.js';
import { migrateSpec } from './migrations/index.js';
import { checkSpecRules } from './rules.js';
import { checkSpecVersion } from './spec-version.js';

/** Where a spec came from: its file and a pointer → line:column map (both absent for a built spec). */
export interface SpecOrigin {
  file?: string;
  locate?: (pointer: string) => Location | undefined;
}

/** A checked spec. */
export interface CheckedSpec {
  spec: SourceSpec;
  /** meta.spec_version as written. */
  version: string;
  /** True when the spec is newer than the engine and `force` let it through. */
  forced: boolean;
}

/** A detail with the origin's file and the line:column of its pointer (or of the nearest ancestor). */
export function locateIn(origin: SpecOrigin, detail: ErrorDetail): ErrorDetail {
  const at = detail.pointer === undefined ? undefined : locateNearest(origin.locate, detail.pointer);
  return { ...(origin.file === undefined ? {} : { file: origin.file }), ...(at ?? {}), ...detail };
}

/** A ready spec (read from a file) brought to the engine's format: migrations applied in memory, then
 *  --dials and --locale as generate applies them (checked afterwards with everything else). */
export function prepareReadySpec(
  data: unknown,
  overrides: { dials?: Partial<Dials>; locale?: string } = {},
): { spec: unknown; migrations: string[] } {
  const { spec, applied } = migrateSpec(data);
  const s = spec as Partial<SourceSpec> | null;
  if (s !== null && typeof s === 'object') {
    if (overrides.dials && s.dials) s.dials = { ...s.dials, ...overrides.dials };
    if (overrides.locale && s.meta) s.meta.locale = overrides.locale;
  }
  return { spec, migrations: applied };
}

/** Check `spec`: format version (newer refused unless `force`), then the schema, then the semantic
 *  rules (duplicate ids, deliverables naming no feature) once the shape is right. Throws SPEC_INVALID
 *  (or SPEC_VERSION_UNSUPPORTED) listing every problem, each located in `origin`. */
export function checkSourceSpec(
  spec: unknown,
  origin: SpecOrigin,
  opts: { force?: boolean; schemaCache?: MemoCache | null } = {},
): CheckedSpec {
  let checked: { version: string; forced: boolean };
  try {
    checked = checkSpecVersion(spec, { force: opts.force });
  } catch (error) {
    if (!(error instanceof StudioError) || origin.file === undefined) throw error;
    const at = locateNearest(origin.locate, error.pointer ?? '');
    throw new StudioError(error.code, `${origin.file}: ${error.message}`, {
      file: origin.file,
      pointer: error.pointer,
      ...at,
      hint: error.hint,
    });
  }
  const schema = validateSchema('source_spec', spec, { cache: opts.schemaCache });
  const problems = schema.length > 0 ? schema : checkSpecRules(spec as SourceSpec);
  if (problems.length > 0) {
    const what = origin.file ?? 'the Source Spec';
    throw new StudioError(
      ErrorCodes.SPEC_INVALID,
      `${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      {
        file: origin.file,
        details: problems.map((p) => locateIn(origin, p)),
        hint: 'Fix each problem listed; "studio validate" re-checks without generating.',
      },
    );
  }
  return { spec: spec as SourceSpec, ...checked };
}
