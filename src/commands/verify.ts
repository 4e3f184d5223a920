import { Args } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../cli/base-command.js';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { verifyProblems } from '../output/verify-problems.js';
import { verifyOutput } from '../output/verify.js';

export default class Verify extends StudioCommand {
  static override summary = 'Check an output folder against its artifact_index.json.';

  static override description =
    'Recomputes the SHA-256 of every indexed file and zip, reads every zip entry, and lists files that are ' +
    'missing, modified or not indexed. audit.jsonl and run_report.html are records of the run and are ignored. ' +
    'Exits 0 when the folder is intact, 2 when it is not.';

  static override examples = ['<%= config.bin %> verify out', '<%= config.bin %> verify out --json'];

  static override args = {
    dir: Args.string({ description: 'Output folder written by `studio generate`.', required: true }),
  };

  async run(): Promise<JsonResult | void> {
    const { args } = await this.parse(Verify);
    const result = await verifyOutput(args.dir);
    if (result.ok) {
      const zips = result.zips.length;
      this.log(`${args.dir} is intact: every indexed file and ${zips} zip(s) match artifact_index.json.`);
      if (result.merged.length > 0)
        this.log(
          `${result.merged.length} file(s) keep hand edits merged by \`studio update\` (the zips hold the render): ${result.merged.join(', ')}`,
        );
      const { ok: _ok, ...fields } = result;
      return fields;
    }
    const problems = verifyProblems(result);
    throw new StudioError(
      ErrorCodes.VERIFY_MISMATCH,
      `${args.dir} does not match its artifact index: ${problems.length} problem(s).`,
      {
        details: problems,
        hint: 'Regenerate the folder with `studio generate`, or restore the files listed above.',
      },
    );
  }
}
