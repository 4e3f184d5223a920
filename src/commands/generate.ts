import { Flags } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../cli/base-command.js';
import { showStageProgress } from '../cli/progress.js';
import { trustedCatalogFromConfig } from '../install/trust.js';
import { type GenerateResult, generate } from '../pipeline/orchestrator.js';
import { createRunContext } from '../pipeline/run-context.js';
import { generateDefaults, loadStudioConfig } from '../inputs/config.js';
import { parseDials } from '../spec/build-spec.js';
import { snakeKeys } from '../util/snake-keys.js';
import { stripControl } from '../util/strip-control.js';
import type { RegenerateMode } from '../regen/reconcile.js';
import { printDryRun } from '../regen/print-dry-run.js';

export default class Generate extends StudioCommand {
  static override summary = 'Generate a pack of planning documents from an Idea Card and a Decision Sheet.';

  static override description =
    "Builds the Source Spec, runs the pack's agents, renders every template strictly, validates every output, " +
    'then writes the folder atomically with artifact_index.json, one zip per pack, run_report.html and audit.jsonl.';

  static override examples = [
    '<%= config.bin %> generate --idea examples/clinic-queue/idea.yaml --decisions examples/clinic-queue/decisions.yaml --pack balanced -o out',
    '<%= config.bin %> generate --idea idea.yaml --decisions decisions.yaml --pack deep --dials audience=Engineering,flow=Scrum -o out',
    '<%= config.bin %> generate --spec out/source_spec.json --pack deep -o out-deep --dry-run',
  ];

  static override flags = {
    idea: Flags.string({ description: 'Idea Card (YAML or JSON).', exclusive: ['spec'] }),
    decisions: Flags.string({
      description: 'Decision Sheet (YAML or JSON); defaults apply when omitted.',
      exclusive: ['spec'],
    }),
    spec: Flags.string({ description: 'A Source Spec (JSON/YAML) instead of --idea/--decisions.' }),
    pack: Flags.string({
      char: 'p',
      description: 'Pack id to generate (repeatable). Default: the config\'s "pack", else balanced.',
      multiple: true,
    }),
    out: Flags.string({
      char: 'o',
      description: 'Output folder (replaced as a whole). Default: the config\'s "out", else out.',
    }),
    dials: Flags.string({ description: 'Override dials: audience=…,flow=…,test=…' }),
    locale: Flags.string({
      description: 'BCP 47 locale of the documents (default from the Decision Sheet, else en-US).',
    }),
    offline: Flags.boolean({
      description:
        'Never open a network connection (always: --evidence reads a snapshot; only "studio research --research" fetches).',
      default: true,
      allowNo: false,
    }),
    evidence: Flags.string({
      description:
        'Evidence folder written by "studio research": adds an Evidence section citing its chunks (read only; no network).',
    }),
    'dry-run': Flags.boolean({
      description: 'Render and validate, print a unified diff of what would change on disk, write nothing.',
      default: false,
    }),
    force: Flags.boolean({
      description:
        'Overwrite files edited by hand since the previous run (see `studio update`), and accept a spec ' +
        'whose spec_version is newer than this engine supports.',
      default: false,
    }),
    'no-cache': Flags.boolean({
      description:
        'Do not read or write the caches (validation passes, compiled templates and catalogs, parsed inputs, report HTML).',
      default: false,
    }),
  };

  /** How hand edits in the output folder are treated: generate refuses them unless --force. */
  protected regenerateMode(force: boolean): RegenerateMode {
    return force ? 'force' : 'refuse';
  }

  async run(): Promise<JsonResult | void> {
    const { flags } = await this.parse(this.constructor as typeof Generate);
    const catalog = trustedCatalogFromConfig(this.config);
    for (const w of catalog.warnings)
      process.stderr.write(
        stripControl(`Warning: plugin ${w.plugin}: ${w.message}\n`, { keepNewlines: true }),
      );
    // .studiorc / studio.config.* / package.json#studio give defaults; flags win, dial by dial.
    const defaults = generateDefaults(await loadStudioConfig(), parseDials);
    const dials = { ...defaults.dials, ...(flags.dials ? parseDials(flags.dials) : {}) };
    const ctx = createRunContext({ offline: flags.offline, cacheDir: flags['no-cache'] ? null : undefined });
    const progress = showStageProgress(ctx.audit, {
      enabled: Boolean(process.stderr.isTTY) && !this.jsonEnabled(),
      title: 'Generating',
    });
    const result = await generate({
      ideaFile: flags.idea,
      decisionsFile: flags.decisions,
      specFile: flags.spec,
      packIds: flags.pack ?? defaults.pack ?? ['balanced'],
      outDir: flags.out ?? defaults.out ?? 'out',
      dials: Object.keys(dials).length > 0 ? dials : undefined,
      locale: flags.locale ?? defaults.locale,
      force: flags.force,
      dryRun: flags['dry-run'],
      regenerate: this.regenerateMode(flags.force),
      catalog,
      engineVersion: this.config.version,
      ctx,
      evidenceDir: flags.evidence,
    }).catch((error: unknown) => {
      progress.stop('failed');
      throw error;
    });
    progress.stop('done');
    for (const w of result.warnings)
      process.stderr.write(stripControl(`Warning: ${w}\n`, { keepNewlines: true }));
    if (!result.dryRun) this.checkWritten(result);
    if (this.jsonEnabled())
      return {
        ok: true,
        dry_run: result.dryRun,
        out: result.outDir,
        index: result.index,
        // snake_case keys, like every other JSON studio prints.
        diff: result.diff ? snakeKeys(result.diff) : null,
        regen: snakeKeys(result.regen),
        open_questions: result.spec.open_questions,
        warnings: result.warnings,
      };
    const n = result.index.artifacts.length;
    if (result.dryRun) {
      printDryRun(result, this.regenerateMode(flags.force), (line) => this.log(line));
      return;
    }
    this.log(
      `Wrote ${n} artifacts and ${result.index.packages.length} zip(s) to ${result.outDir} (all validators passed).`,
    );
    const questions = result.spec.open_questions.length;
    if (questions > 0)
      this.log(`${questions} open question(s): placeholders are listed in brief.md and audit.jsonl.`);
    if (result.regen.merged.length > 0)
      this.log(`Kept hand edits (merged cleanly) in: ${result.regen.merged.join(', ')}`);
  }

  /** Hook for `studio update`: a written run can still need the user (conflict markers). */
  protected checkWritten(_result: GenerateResult): void {}
}
