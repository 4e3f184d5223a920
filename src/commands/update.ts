import { Flags } from '@oclif/core';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import type { GenerateResult } from '../pipeline/orchestrator.js';
import type { RegenerateMode } from '../regen/reconcile.js';
import Generate from './generate.js';

export default class Update extends Generate {
  static override summary = 'Regenerate, merging your hand edits into the new render.';

  static override description =
    'Like `generate` (same flags), but files edited by hand since the previous run are merged three-way: ' +
    'the previous render (from the pack zips in the folder) is the base, your edited file is one side and the ' +
    'new render the other. Edits that do not overlap a change of the render are kept; where both changed the ' +
    'same lines, the file gets conflict markers and the command exits 2 listing it. Resolve the markers, then ' +
    'run `update` again to record the resolution. The zips always hold the render; artifact_index.json records ' +
    'every merge, so `studio verify` accepts merged files and reports unresolved conflicts.';

  static override examples = [
    '<%= config.bin %> update --idea idea.yaml --decisions decisions.yaml --pack balanced -o out',
    '<%= config.bin %> update --idea idea.yaml --decisions decisions.yaml -o out --dry-run',
  ];

  static override flags = {
    ...Generate.flags,
    // update always merges; --force keeps only its other meaning.
    force: Flags.boolean({
      description: 'Accept a spec whose spec_version is newer than this engine supports.',
      default: false,
    }),
  };

  protected override regenerateMode(): RegenerateMode {
    return 'merge';
  }

  protected override checkWritten(result: GenerateResult): void {
    const { conflicts } = result.regen;
    if (conflicts.length === 0) return;
    throw new StudioError(
      ErrorCodes.MERGE_CONFLICT,
      `updated ${result.outDir}, but ${conflicts.length} file(s) have conflicting hand edits: conflict markers were written`,
      {
        details: conflicts.map((file) => ({
          file,
          message: 'conflict: your edit and the new render changed the same lines',
        })),
        hint: 'Edit each file to keep the right lines and remove the <<<<<<< ||||||| ======= >>>>>>> markers, then run `studio update` again.',
      },
    );
  }
}
