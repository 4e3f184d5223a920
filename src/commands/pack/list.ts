import { type JsonResult, StudioCommand } from '../../cli/base-command.js';
import { packRows } from '../../install/pack-rows.js';
import { stripControl } from '../../util/strip-control.js';

export default class PackList extends StudioCommand {
  static override summary =
    'List the packs of every loaded plugin, with their source and whether they can be used.';

  static override examples = ['<%= config.bin %> pack list', '<%= config.bin %> pack list --json'];

  async run(): Promise<JsonResult | void> {
    await this.parse(PackList);
    const { rows, warnings } = packRows(this.config);
    if (this.jsonEnabled()) return { packs: rows, warnings };
    const lines = rows.map(
      (r) =>
        `${r.usable ? '✓' : '✗'} ${r.id.padEnd(14)} ${`${r.package}@${r.version}`.padEnd(40)} ${r.source.padEnd(5)} ${r.status}`,
    );
    for (const w of warnings) lines.push(`Warning: ${w.plugin}: ${w.message}`);
    if (rows.length === 0) lines.push('No packs are installed.');
    process.stdout.write(`${lines.map((l) => stripControl(l)).join('\n')}\n`);
  }
}
