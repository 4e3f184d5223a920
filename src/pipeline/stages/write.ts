import type { SourceSpec } from '@studio/sdk';
import { ENGINE_TEMPLATE_COMMIT } from '../../output/artifact-index.js';
import type { OutputFile } from '../../output/output-set.js';
import { canonicalJson } from '../../util/canonical-json.js';
import type { Plan } from '../plan.js';
import { defineStage } from '../stage.js';
import type { RenderedArtifact } from './render.js';

export interface WriteInput {
  plan: Plan;
  spec: SourceSpec;
  artifacts: RenderedArtifact[];
  /** Version of the engine (the spec's template_set). */
  engineVersion: string;
}

/** The indexed files of the output, as bytes in memory: every artifact plus source_spec.json.
 *  Nothing touches the disk here: the whole output set is committed at the end of the run. */
export const write = defineStage<WriteInput, OutputFile[]>({
  name: 'Write',
  run({ plan, spec, artifacts, engineVersion }) {
    // The spec goes into every zip; the index names it after the first pack asked for.
    const primary = plan.requested[0]!.manifest.id;
    return [
      ...artifacts.map(({ content, ...a }) => ({ ...a, bytes: Buffer.from(content, 'utf8') })),
      {
        path: 'source_spec.json',
        pack: primary,
        artifactId: 'source_spec',
        format: 'json' as const,
        purpose: 'The validated Source Spec every document was rendered from',
        template_set: engineVersion,
        template_commit: ENGINE_TEMPLATE_COMMIT,
        bytes: Buffer.from(canonicalJson(spec), 'utf8'),
      },
    ];
  },
});
