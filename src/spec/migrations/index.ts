// Runs the ordered migrations that bring an older Source Spec up to ENGINE_SPEC_VERSION
// (`studio migrate`, and `--spec` inputs of generate/validate). Newer specs are left alone here:
// checkSpecVersion decides whether they may be used.
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { ENGINE_SPEC_VERSION, compareFormats, specFormat, specVersionOf } from '../spec-version.js';
import { migration as from090 } from './0.9.0-to-1.0.0.js';
import type { SpecMigration } from './types.js';

export type { SpecMigration } from './types.js';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS: readonly SpecMigration[] = [from090];

export interface MigrationResult {
  /** The migrated spec (a copy; the input is never changed), or the input when nothing applied. */
  spec: unknown;
  /** Ids of the migrations applied, in order. */
  applied: string[];
}

export function migrateSpec(
  data: unknown,
  migrations: readonly SpecMigration[] = MIGRATIONS,
): MigrationResult {
  const version = specVersionOf(data);
  const parsed = version === undefined ? undefined : specFormat(version);
  const engine = specFormat(ENGINE_SPEC_VERSION)!;
  // Without a readable version there is nothing to migrate from; schema validation reports it.
  if (parsed === undefined || compareFormats(parsed, engine) >= 0) return { spec: data, applied: [] };

  // A JSON round trip is a deep copy that keeps a "__proto__" key as plain data.
  let spec = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  let current = version!;
  const applied: string[] = [];
  for (;;) {
    const at = specFormat(current)!;
    if (compareFormats(at, engine) >= 0) break;
    const step = migrations.find((m) => m.from === `${at.major}.${at.minor}`);
    if (!step) {
      throw new StudioError(
        ErrorCodes.SPEC_VERSION_UNSUPPORTED,
        `the spec is format ${current}, which this engine cannot migrate to ${ENGINE_SPEC_VERSION}`,
        {
          pointer: '/meta/spec_version',
          hint: 'Rebuild the spec from its Idea Card and Decision Sheet with "studio generate".',
        },
      );
    }
    spec = step.up(spec);
    const meta = (spec.meta !== null && typeof spec.meta === 'object' ? spec.meta : {}) as Record<
      string,
      unknown
    >;
    spec.meta = { ...meta, spec_version: step.to };
    current = step.to;
    applied.push(step.id);
  }
  return { spec, applied };
}
