import { Flags } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../cli/base-command.js';
import { parseDials } from '../spec/dials.js';
import { validateFiles } from '../spec/validate-files.js';

export default class Validate extends StudioCommand {
  static override summary = 'Check a Source Spec, or an Idea Card and Decision Sheet, against their schemas.';

  static override description =
    'With --spec, checks a Source Spec (JSON or YAML): its spec_version, its schema and its ids. With --idea ' +
    'and/or --decisions, checks each file and the Source Spec they build. Every problem is listed as ' +
    'file:line:column at /json/pointer with a hint. Exits 0 when valid, 2 when not.';

  static override examples = [
    '<%= config.bin %> validate --spec out/source_spec.json',
    '<%= config.bin %> validate --idea examples/clinic-queue/idea.yaml --decisions examples/clinic-queue/decisions.yaml',
    '<%= config.bin %> validate --idea idea.yaml --json',
  ];

  static override flags = {
    spec: Flags.string({ description: 'A Source Spec (JSON or YAML).', exclusive: ['idea', 'decisions'] }),
    idea: Flags.string({ description: 'An Idea Card (YAML or JSON).' }),
    decisions: Flags.string({ description: 'A Decision Sheet (YAML or JSON).' }),
    dials: Flags.string({ description: 'Dials as generate would apply them: audience=…,flow=…,test=…' }),
    locale: Flags.string({ description: 'Locale as generate would apply it (BCP 47).' }),
    force: Flags.boolean({
      description: 'Accept a spec whose spec_version is newer than this engine.',
      default: false,
    }),
  };

  async run(): Promise<JsonResult> {
    const { flags } = await this.parse(Validate);
    const result = await validateFiles({
      spec: flags.spec,
      idea: flags.idea,
      decisions: flags.decisions,
      force: flags.force,
      dials: flags.dials === undefined ? undefined : parseDials(flags.dials),
      locale: flags.locale,
    });
    this.log(result.summary);
    const { summary: _summary, ok: _ok, ...fields } = result;
    return fields;
  }
}
