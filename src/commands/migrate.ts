import { Flags } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../cli/base-command.js';
import { migrateFile } from '../spec/migrate-file.js';

export default class Migrate extends StudioCommand {
  static override summary = 'Upgrade a Source Spec to the format this engine writes.';

  static override description =
    "Runs the spec migrations from the file's meta.spec_version up to the engine's, checks the result " +
    'against the schema, and writes it as canonical JSON to -o (or prints it on stdout). A spec newer ' +
    'than the engine cannot be migrated.';

  static override examples = [
    '<%= config.bin %> migrate --spec old/source_spec.json -o source_spec.json',
    '<%= config.bin %> migrate --spec old/source_spec.json > source_spec.json',
  ];

  static override flags = {
    spec: Flags.string({ description: 'The Source Spec to migrate (JSON or YAML).', required: true }),
    out: Flags.string({ char: 'o', description: 'Write the migrated spec here (may be the input file).' }),
  };

  async run(): Promise<JsonResult | void> {
    const { flags } = await this.parse(Migrate);
    const result = await migrateFile({ spec: flags.spec, output: flags.out });
    const steps = result.applied.length > 0 ? result.applied.join(', ') : 'none needed';
    if (this.jsonEnabled())
      return {
        ok: true,
        from: result.from,
        to: result.to,
        applied: result.applied,
        output: result.output,
        ...(result.output === null ? { spec: result.spec } : {}),
      };
    if (result.output === null) {
      // The spec goes to stdout so it can be redirected; the summary must not pollute it.
      process.stdout.write(result.text);
      process.stderr.write(`Migrated ${flags.spec} from ${result.from} to ${result.to} (${steps}).\n`);
      return;
    }
    this.log(
      `Migrated ${flags.spec} from ${result.from} to ${result.to} (${steps}); wrote ${result.output}.`,
    );
  }
}
