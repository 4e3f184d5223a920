import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Args } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../../cli/base-command.js';
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { readPackageJson } from '../../gates/package-gate.js';
import { formatPassedGates, gateFailure, runGates } from '../../gates/run-gates.js';
import { coreCommands, otherTrustedPlugins } from '../../install/install-context.js';
import { stripControl } from '../../util/strip-control.js';

export default class PackVerify extends StudioCommand {
  static override summary = 'Run the validation gates on a pack folder or an installed pack package.';

  static override description =
    'The same gates every pack passes before use, built-in or third-party: package.json sanity (no install ' +
    'scripts, no hooks), portable paths, the manifest schema, engine and spec-version ranges, the template ' +
    'harness (smallest valid spec and both bundled examples, every output validated) and determinism. ' +
    'Exit 0 when all pass, 2 when any fails.';

  static override args = {
    target: Args.string({
      description: 'A pack folder, or the npm name of an installed pack.',
      required: true,
    }),
  };

  static override examples = [
    '<%= config.bin %> pack verify ./my-pack',
    '<%= config.bin %> pack verify @vendor/fintech-pack --json',
  ];

  async run(): Promise<JsonResult> {
    const { args } = await this.parse(PackVerify);
    let root: string;
    let name: string;
    const dir = resolve(args.target);
    if (existsSync(dir) && statSync(dir).isDirectory()) {
      root = dir;
      let pjsonName = '';
      try {
        pjsonName = String(readPackageJson(root).name ?? '');
      } catch {
        // the package gate reports an unreadable package.json
      }
      name = pjsonName;
    } else {
      const plugin = this.config.plugins.get(args.target);
      if (!plugin) {
        throw new StudioError(
          ErrorCodes.INPUT_NOT_FOUND,
          `"${args.target}" is neither a folder nor an installed plugin`,
          {
            hint: 'Give the folder of a pack (with its package.json) or the exact name shown by "studio pack list".',
          },
        );
      }
      root = plugin.root;
      name = plugin.name;
    }
    const report = await runGates(
      { root, name: '', version: '' },
      { plugins: otherTrustedPlugins(this.config, name), coreCommands: coreCommands(this.config) },
    );
    if (!report.ok) {
      // With --json the report comes with the error, as one document; the text shows it as details.
      this.failureFields = { report };
      throw gateFailure(
        report,
        'Each finding above starts with its code; fix them in order and run "studio pack verify" again.',
      );
    }
    this.log(
      formatPassedGates(report)
        .map((l) => stripControl(l))
        .join('\n'),
    );
    return { report };
  }
}
