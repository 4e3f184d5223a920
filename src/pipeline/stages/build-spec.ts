import type { Dials, SourceSpec } from '@studio/sdk';
import { buildSpec } from '../../spec/build-spec.js';
import { prepareReadySpec, type SpecOrigin } from '../../spec/check-spec.js';
import { MemoCache } from '../../util/memo-cache.js';
import { defineStage } from '../stage.js';
import type { CollectedInputs } from './collect-inputs.js';

export interface BuildSpecInput {
  inputs: CollectedInputs;
  /** Dial overrides from --dials (and config). */
  dials?: Partial<Dials>;
  /** Locale override. */
  locale?: string;
}

/** A spec to check: built from idea + decisions (already checked by buildSpec), or a ready spec from a
 *  file, not yet checked, with the origin its problems are located in. */
export type SpecCandidate =
  { kind: 'built'; spec: SourceSpec } | { kind: 'ready'; spec: unknown; origin: SpecOrigin };

export const buildSpecStage = defineStage<BuildSpecInput, SpecCandidate>({
  name: 'BuildSpec',
  run({ inputs, dials, locale }, { run }) {
    if (inputs.kind === 'spec') {
      // --dials and --locale apply to a ready spec too; ValidateSpec checks the result.
      const ready = prepareReadySpec(inputs.spec.data, { dials, locale });
      for (const migration of ready.migrations)
        run.audit.info('BuildSpec', 'migration applied', { data: { migration } });
      return { kind: 'ready', spec: ready.spec, origin: inputs.spec };
    }
    const built = buildSpec({
      idea: inputs.idea.data,
      decisions: inputs.decisions?.data,
      dials,
      locale,
      ideaFile: inputs.idea.file,
      decisionsFile: inputs.decisions?.file,
      locateIdea: inputs.idea.locate,
      locateDecisions: inputs.decisions?.locate,
      schemaCache: MemoCache.under(run.cacheDir, 'schemas'),
    });
    for (const o of built.overrides) {
      run.audit.log('warn', 'BuildSpec', 'override: placeholder filled', {
        data: { pointer: o.pointer, question: o.question },
      });
    }
    return { kind: 'built', spec: built.spec };
  },
});
