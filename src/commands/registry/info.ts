import { Args } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../../cli/base-command.js';
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { engineVersions } from '../../registry/engine.js';
import { incompatibility, newestFirst } from '../../registry/resolve-version.js';
import { findPackage, loadIndexSources } from '../../registry/sources.js';
import { stripControl } from '../../util/strip-control.js';

export default class RegistryInfo extends StudioCommand {
  static override summary =
    'Show every listed version of a package: integrity, engine and spec ranges, packs, deprecation.';

  static override args = { name: Args.string({ description: 'Exact npm package name.', required: true }) };

  static override examples = ['<%= config.bin %> registry info @vendor/fintech-pack'];

  async run(): Promise<JsonResult | void> {
    const { args } = await this.parse(RegistryInfo);
    const sources = await loadIndexSources({ configDir: this.config.configDir });
    const found = findPackage(sources, args.name);
    if (!found) {
      throw new StudioError(
        ErrorCodes.REGISTRY_NOT_LISTED,
        `${args.name} is not listed in any registry index`,
        {
          hint: 'Names must match exactly (scope included); try "studio registry search <text>".',
        },
      );
    }
    const host = engineVersions();
    const shadowed = sources.filter(
      (s) => s !== found.source && s.index.packages.some((p) => p.name === args.name),
    );
    const versions = newestFirst(found.pkg.versions).map((v) => ({
      ...v,
      compatible: incompatibility(v, host) === null,
      why_not: incompatibility(v, host),
    }));
    if (this.jsonEnabled())
      return {
        name: found.pkg.name,
        description: found.pkg.description,
        deprecated: found.pkg.deprecated ?? null,
        index: {
          rank: found.source.rank,
          path: found.source.path,
          trusted: found.source.trust.trusted,
          trust: found.source.trust.status,
        },
        also_listed_in: shadowed.map((s) => ({ rank: s.rank, path: s.path })),
        versions,
      };
    const lines = [
      `${found.pkg.name}: ${found.pkg.description}`,
      `  listed in index ${found.source.rank}: ${found.source.path} (${found.source.trust.trusted ? 'trusted' : 'NOT TRUSTED'}: ${found.source.trust.status})`,
    ];
    for (const s of shadowed)
      lines.push(`  also listed in index ${s.rank} (ignored: a higher index wins): ${s.path}`);
    if (found.pkg.deprecated) lines.push(`  DEPRECATED: ${found.pkg.deprecated}`);
    for (const v of versions) {
      lines.push(
        `  ${v.version}${v.deprecated ? ` (deprecated: ${v.deprecated})` : ''}${v.compatible ? '' : ` (cannot be used: ${v.why_not})`}`,
      );
      lines.push(
        `      packs: ${v.provides.join(', ')}  template_set: ${v.template_set}  locales: ${v.locales.join(', ')}`,
      );
      lines.push(`      engine: ${v.engine}  spec_versions: ${v.spec_versions}`);
      lines.push(`      integrity: ${v.integrity}`);
    }
    process.stdout.write(`${lines.map((l) => stripControl(l)).join('\n')}\n`);
  }
}
