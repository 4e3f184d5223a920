import type { SourceSpec } from '@studio/sdk';
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { type ArtifactIndex, buildIndex, generatedAt } from '../../output/artifact-index.js';
import type { OutputFile, OutputZip } from '../../output/output-set.js';
import { validateSchema } from '../../schemas/validate.js';
import { defineStage } from '../stage.js';

export interface IndexInput {
  spec: SourceSpec;
  files: OutputFile[];
  zips: OutputZip[];
  engineVersion: string;
}

/** artifact_index.json, built once and checked against its schema (a failure is a bug in studio). */
export const index = defineStage<IndexInput, ArtifactIndex>({
  name: 'Index',
  run({ spec, files, zips, engineVersion }, { env, run }) {
    const built = buildIndex({ files, zips, engineVersion, spec, generatedAt: generatedAt(env, run.clock) });
    const problems = validateSchema('artifact_index', built);
    if (problems.length > 0) {
      throw new StudioError(ErrorCodes.INTERNAL, 'the artifact index does not match its schema', {
        details: problems,
      });
    }
    return built;
  },
});
