import type { SourceSpec } from '@studio/sdk';
import { checkSourceSpec } from '../../spec/check-spec.js';
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
  run({ candidate, force }) {
    if (candidate.kind === 'built') return candidate.spec;
    return checkSourceSpec(candidate.spec, candidate.origin, { force }).spec;
  },
});
