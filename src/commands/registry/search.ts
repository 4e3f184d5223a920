import { Args } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../../cli/base-command.js';
import { loadIndexSources, packageSummary, visiblePackages } from '../../registry/sources.js';
import { stripControl } from '../../util/strip-control.js';

export default class RegistrySearch extends StudioCommand {
  static override summary = 'Search the registry indexes by name, description or pack id.';

  static override args = {
    text: Args.string({ description: 'Text to look for (case-insensitive).', required: true }),
  };

  static override examples = ['<%= config.bin %> registry search fintech'];

  async run(): Promise<JsonResult | void> {
    const { args } = await this.parse(RegistrySearch);
    const needle = args.text.toLowerCase();
    const hits = visiblePackages(await loadIndexSources({ configDir: this.config.configDir }))
      .filter(({ pkg }) =>
        [pkg.name, pkg.description, ...pkg.versions.flatMap((v) => v.provides)].some((t) =>
          t.toLowerCase().includes(needle),
        ),
      )
      .map((visible) => ({ ...packageSummary(visible), trusted: visible.source.trust.trusted }));
    if (this.jsonEnabled()) return { query: args.text, results: hits };
    if (hits.length === 0) {
      process.stdout.write(stripControl(`No listed package matches "${args.text}".`) + '\n');
      return;
    }
    const lines = hits.flatMap((h) => [
      `${h.name}@${h.latest}  packs: ${h.provides.join(', ')}${h.trusted ? '' : `  (index ${h.index} is not trusted)`}`,
      `    ${h.description}`,
    ]);
    process.stdout.write(`${lines.map((l) => stripControl(l)).join('\n')}\n`);
  }
}
