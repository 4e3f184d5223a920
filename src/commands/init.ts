import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Flags } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../cli/base-command.js';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { stripControl } from '../util/strip-control.js';

/** The default starter: the one the pack scaffold ships (src/commands and dist/commands are two levels down). */
const DEFAULT_STARTER = fileURLToPath(new URL('../../templates/pack-scaffold/starter/', import.meta.url));
const FILES = ['idea.yaml', 'decisions.yaml'] as const;
/** A starter file is a short YAML document; anything larger is refused rather than copied. */
const MAX_STARTER_BYTES = 256 * 1024;

export default class Init extends StudioCommand {
  static override summary = 'Write a starter Idea Card and Decision Sheet.';

  static override description =
    'With --use, the starter comes from the pack when it ships starter/idea.yaml and starter/decisions.yaml; ' +
    "otherwise studio's default starter is written. Existing files are never overwritten unless --force.";

  static override flags = {
    use: Flags.string({ description: 'Pack id whose starter to use.' }),
    out: Flags.string({ char: 'o', description: 'Folder to write into.', default: '.' }),
    force: Flags.boolean({ description: 'Overwrite existing idea.yaml / decisions.yaml.', default: false }),
  };

  static override examples = ['<%= config.bin %> init', '<%= config.bin %> init --use fintech -o my-product'];

  async run(): Promise<JsonResult | void> {
    const { flags } = await this.parse(Init);
    let starterDir = DEFAULT_STARTER;
    let from = 'the default starter';
    if (flags.use) {
      // Only --use reads the installed packs (and their trust records): the default starter does not
      // load that code.
      const { trustedCatalogFromConfig } = await import('../install/trust.js');
      const catalog = trustedCatalogFromConfig(this.config);
      const ref = catalog.packs.get(flags.use);
      if (!ref) {
        const known = [...catalog.packs.keys()].sort(compareCodePoints).join(', ');
        throw new StudioError(
          ErrorCodes.PACK_NOT_FOUND,
          `no usable installed plugin provides the pack "${flags.use}"`,
          {
            hint: `Known packs: ${known || 'none'}. "studio pack list" shows why a pack is not usable.`,
          },
        );
      }
      const packStarter = join(ref.plugin.root, 'starter');
      if (FILES.every((f) => existsSync(join(packStarter, f)))) {
        starterDir = packStarter;
        from = `the starter of pack "${flags.use}" (${ref.plugin.name})`;
      } else {
        from = `the default starter (pack "${flags.use}" ships none)`;
      }
    }
    const out = resolve(flags.out);
    const existing = FILES.filter((f) => existsSync(join(out, f)));
    if (existing.length > 0 && !flags.force) {
      throw new StudioError(
        ErrorCodes.FLAG_INVALID,
        `${existing.join(' and ')} already exist in ${flags.out}`,
        {
          hint: 'Pick another folder with -o, or pass --force to overwrite.',
        },
      );
    }
    mkdirSync(out, { recursive: true });
    for (const f of FILES) {
      const src = join(starterDir, f);
      if (statSync(src).size > MAX_STARTER_BYTES) {
        throw new StudioError(
          ErrorCodes.INPUT_TOO_LARGE,
          `${f} of ${from} is larger than ${MAX_STARTER_BYTES} bytes`,
          {},
        );
      }
      writeFileSync(join(out, f), readFileSync(src));
    }
    if (this.jsonEnabled())
      return { ok: true, from, files: FILES.map((f) => join(flags.out, f).split('\\').join('/')) };
    const lines = [
      `Wrote ${FILES.map((f) => join(flags.out, f)).join(' and ')} from ${from}.`,
      `Next: studio generate --idea ${join(flags.out, 'idea.yaml')} --decisions ${join(flags.out, 'decisions.yaml')}${flags.use ? ` --pack ${flags.use}` : ''} -o out`,
    ];
    process.stdout.write(`${lines.map((l) => stripControl(l)).join('\n')}\n`);
  }
}
