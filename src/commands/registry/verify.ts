import { readFileSync, statSync } from 'node:fs';
import { Args } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../../cli/base-command.js';
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { MAX_INDEX_BYTES, checkIndexText } from '../../registry/index-file.js';
import { DEFAULT_INDEX_PATH } from '../../registry/sources.js';
import { stripControl } from '../../util/strip-control.js';

export default class RegistryVerify extends StudioCommand {
  static override summary =
    'Check a registry index: schema, duplicate name@version, npm name rules, integrity format.';

  static override args = {
    file: Args.string({
      description: 'Index file (default: the index shipped with studio).',
      required: false,
    }),
  };

  static override examples = [
    '<%= config.bin %> registry verify',
    '<%= config.bin %> registry verify my-index.json --json',
  ];

  async run(): Promise<JsonResult | void> {
    const { args } = await this.parse(RegistryVerify);
    const file = args.file ?? DEFAULT_INDEX_PATH;
    const shown = args.file ?? 'registry/index.json';
    let text: string;
    try {
      if (statSync(file).size > MAX_INDEX_BYTES) throw new Error(`larger than ${MAX_INDEX_BYTES} bytes`);
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new StudioError(
        ErrorCodes.INPUT_NOT_FOUND,
        `${shown} cannot be read: ${(error as Error).message}`,
        {
          file: shown,
          hint: 'Give the path of a registry index JSON file.',
        },
      );
    }
    const { index, problems } = checkIndexText(text, shown, { strict: true });
    if (problems.length > 0 || !index) {
      throw new StudioError(ErrorCodes.REGISTRY_INVALID, `${shown} has ${problems.length} problem(s)`, {
        file: shown,
        details: problems,
        hint: 'See schemas/registry_index.schema.json and docs/pack-authoring.md ("Getting listed").',
      });
    }
    const versions = index.packages.reduce((n, p) => n + p.versions.length, 0);
    if (this.jsonEnabled()) return { ok: true, file: shown, packages: index.packages.length, versions };
    process.stdout.write(
      stripControl(`${shown}: ok (${index.packages.length} packages, ${versions} versions)`) + '\n',
    );
  }
}
