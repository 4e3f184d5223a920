import type { SourceSpec } from '@studio/sdk';
import { checkSourceSpec } from '../../spec/check-spec.js';
import { MemoCache } from '../../util/memo-cache.js';
import { defineStage } from '../stage.js';
import type { SpecCandidate } from './build-spec.js';

export interface ValidateSpecInput {
  candidate: SpecCandidate;
  /** Accept a spec newer than the engine supports. */
  force?: boolean;
}

/** The spec every later stage reads. buildSpec ends with the same checkSourceSpec, so a built spec is
 *  not checked twice. */
export const validateSpec = defineStage<ValidateSpecInput, SourceSpec>({
  name: 'ValidateSpec',
  run({ candidate, force }, { run }) {
    if (candidate.kind === 'built') return candidate.spec;
    const schemaCache = MemoCache.under(run.cacheDir, 'schemas');
    return checkSourceSpec(candidate.spec, candidate.origin, { force, schemaCache }).spec;
  },
});
