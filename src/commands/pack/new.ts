import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../../cli/base-command.js';
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { scaffoldPack } from '../../gates/scaffold-pack.js';
import { stripControl } from '../../util/strip-control.js';

export default class PackNew extends StudioCommand {
  static override summary =
    'Scaffold a third-party pack (or, with --locale, a locale pack) that passes "studio pack verify" and installs as is.';

  static override args = {
    name: Args.string({
      description: 'npm package name, e.g. @acme/pack-payments (with --locale: default locale-<locale>).',
    }),
  };

  static override flags = {
    id: Flags.string({ description: 'Pack id users type after --pack (default: from the name).' }),
    title: Flags.string({ description: 'Human title of the pack.' }),
    out: Flags.string({ char: 'o', description: 'Folder to create (default: the last part of the name).' }),
    locale: Flags.string({
      description:
        'Scaffold a locale pack for this BCP 47 locale, with the English catalogs of --for to translate.',
    }),
    for: Flags.string({
      description: 'With --locale: id of an installed pack to translate (repeatable).',
      multiple: true,
      dependsOn: ['locale'],
    }),
  };

  static override examples = [
    '<%= config.bin %> pack new @acme/pack-payments',
    '<%= config.bin %> pack new travel-pack --id travel -o ./travel',
    '<%= config.bin %> pack new --locale fr-CA --for balanced',
  ];

  async run(): Promise<JsonResult | void> {
    const { args, flags } = await this.parse(PackNew);
    if (flags.locale !== undefined)
      return this.newLocalePack(args.name, flags.locale, flags.for ?? [], flags.out);
    if (args.name === undefined) {
      throw new StudioError(ErrorCodes.FLAG_INVALID, 'give the npm package name of the new pack', {
        hint: 'E.g. studio pack new @acme/pack-payments (or --locale fr-CA --for balanced for a locale pack).',
      });
    }
    const shownOut = flags.out ?? args.name.split('/').pop()!;
    const out = resolve(shownOut);
    const { id, files } = scaffoldPack({ name: args.name, id: flags.id, title: flags.title, out });
    if (this.jsonEnabled()) return { ok: true, name: args.name, id, folder: shownOut, files };
    const lines = [
      `Created ${args.name} (pack id "${id}") in ${shownOut}:`,
      ...files.map((f) => `  ${f}`),
      '',
      'Next:',
      `  studio pack verify ${shownOut}`,
      '  then publish it with npm and ask for a listing in the registry index (docs/pack-authoring.md).',
    ];
    process.stdout.write(`${lines.map((l) => stripControl(l)).join('\n')}\n`);
  }

  private async newLocalePack(
    name: string | undefined,
    locale: string,
    packs: string[],
    out: string | undefined,
  ): Promise<JsonResult | void> {
    // Only a locale pack reads the installed packs and their catalogs (the trust records, the message
    // parser, the manifest schema): loaded here, a plain scaffold starts ~40 modules lighter.
    const [{ scaffoldLocalePack }, { trustedCatalogFromConfig }] = await Promise.all([
      import('../../gates/scaffold-locale-pack.js'),
      import('../../install/trust.js'),
    ]);
    const made = scaffoldLocalePack({ name, locale, packs, out }, trustedCatalogFromConfig(this.config));
    if (this.jsonEnabled()) return { ok: true, ...made };
    const lines = [
      `Created ${made.name} (locale pack "${made.id}") in ${made.folder}:`,
      ...made.files.map((f) => `  ${f}`),
      '',
      'Next:',
      `  translate the catalogs/*.json messages (keep ids and {arguments}), then studio pack verify ${made.folder}`,
      '  (docs/pack-authoring.md, "Writing a locale pack").',
    ];
    process.stdout.write(`${lines.map((l) => stripControl(l)).join('\n')}\n`);
  }
}
