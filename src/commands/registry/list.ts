import { type JsonResult, StudioCommand } from '../../cli/base-command.js';
import { engineVersions } from '../../registry/engine.js';
import { incompatibility } from '../../registry/resolve-version.js';
import { loadIndexSources, packageSummary, visiblePackages } from '../../registry/sources.js';
import { stripControl } from '../../util/strip-control.js';

export default class RegistryList extends StudioCommand {
  static override summary = 'List the registry indexes in precedence order and the packs they list.';

  static override description =
    'The index shipped with studio comes first, then the indexes of your studio config ("registries" in .studiorc*, ' +
    'studio.config.* or package.json#studio) in the order listed. For each package name the first index that lists ' +
    'it wins; later indexes cannot add versions to it. Each index shows whether it may vouch for installs: signed ' +
    'by a key you trust, or trusted by you explicitly.';

  static override examples = ['<%= config.bin %> registry list', '<%= config.bin %> registry list --json'];

  async run(): Promise<JsonResult | void> {
    await this.parse(RegistryList);
    const sources = await loadIndexSources({ configDir: this.config.configDir });
    const host = engineVersions();
    const packages = visiblePackages(sources).map((visible) => ({
      ...packageSummary(visible),
      compatible: visible.pkg.versions.some((v) => incompatibility(v, host) === null),
      deprecated: visible.pkg.deprecated ?? null,
    }));
    if (this.jsonEnabled())
      return {
        indexes: sources.map((s) => ({
          rank: s.rank,
          path: s.path,
          origin: s.origin,
          packages: s.index.packages.length,
          trusted: s.trust.trusted,
          trust: s.trust.status,
        })),
        packages,
      };
    const lines = ['Registry indexes (first listing of a name wins):'];
    for (const s of sources)
      lines.push(
        `  ${s.rank}. ${s.path} (${s.origin}; ${s.index.packages.length} packages) ${s.trust.trusted ? 'TRUSTED' : 'NOT TRUSTED'}: ${s.trust.status}`,
      );
    lines.push('', packages.length ? 'Packages:' : 'No packages listed.');
    for (const p of packages) {
      const flagsText = [
        p.compatible ? '' : 'incompatible with this studio',
        p.deprecated ? 'deprecated' : '',
      ].filter(Boolean);
      lines.push(
        `  ${p.name}@${p.latest}  packs: ${p.provides.join(', ')}  [index ${p.index}]${flagsText.length ? `  (${flagsText.join('; ')})` : ''}`,
      );
      if (p.description) lines.push(`      ${p.description}`);
    }
    process.stdout.write(`${lines.map((l) => stripControl(l)).join('\n')}\n`);
  }
}
