import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../../cli/base-command.js';
import { scaffoldPack } from '../../gates/scaffold-pack.js';
import { stripControl } from '../../util/strip-control.js';

export default class PackNew extends StudioCommand {
  static override summary =
    'Scaffold a third-party pack that passes "studio pack verify" and installs as is.';

  static override args = {
    name: Args.string({ description: 'npm package name, e.g. @acme/pack-payments.', required: true }),
  };

  static override flags = {
    id: Flags.string({ description: 'Pack id users type after --pack (default: from the name).' }),
    title: Flags.string({ description: 'Human title of the pack.' }),
    out: Flags.string({ char: 'o', description: 'Folder to create (default: the last part of the name).' }),
  };

  static override examples = [
    '<%= config.bin %> pack new @acme/pack-payments',
    '<%= config.bin %> pack new travel-pack --id travel -o ./travel',
  ];

  async run(): Promise<JsonResult | void> {
    const { args, flags } = await this.parse(PackNew);
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
}
