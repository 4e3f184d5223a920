// `studio generate` as a straight sequence of typed stages (DESIGN §2; one file each in stages/).
// The stages build the whole output in memory; then one commit writes it (src/output/commit.ts), or,
// with --dry-run, a diff against the folder replaces the commit over the very same output set.
import type { Dials, SourceSpec } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import type { StudioError } from '../errors/studio-error.js';
import type { ArtifactIndex } from '../output/artifact-index.js';
import { OutputTarget } from '../output/commit.js';
import { type DryRunDiff, diffOutput } from '../output/diff.js';
import type { OutputSet } from '../output/output-set.js';
import type { Catalog } from '../plugins/types.js';
import { type RunContext, createRunContext } from './run-context.js';
import { pruneCaches } from '../util/cache-prune.js';
import { StageSequence, type StageRecord, stageContext } from './stage.js';
import { buildSpecStage } from './stages/build-spec.js';
import { collectInputs } from './stages/collect-inputs.js';
import { index } from './stages/index.js';
import { packageZips } from './stages/package.js';
import { planStage } from './stages/plan.js';
import { render } from './stages/render.js';
import { report } from './stages/report.js';
import { type ResearchResult, research, withEvidence } from './stages/research.js';
import { runAgents } from './stages/run-agents.js';
import { validateOutputs } from './stages/validate-outputs.js';
import { validateSpec } from './stages/validate-spec.js';
import { write } from './stages/write.js';
import { type RegenerateMode, assertUnchanged, reconcile } from '../regen/reconcile.js';
import { prewarmSandbox } from '../sandbox/agents.js';

export { STATES, type State } from './stage.js';

export interface GenerateOptions {
  /** Idea Card file (YAML/JSON), as the user typed it. */
  ideaFile?: string;
  /** Decision Sheet file; optional (defaults apply). */
  decisionsFile?: string;
  /** A ready Source Spec instead of idea + decisions. */
  specFile?: string;
  /** Packs to generate; each gets a zip. */
  packIds: string[];
  /** Output folder. */
  outDir: string;
  /** Dial overrides from --dials. */
  dials?: Partial<Dials>;
  /** Locale override. */
  locale?: string;
  /** Accept a spec newer than the engine supports. */
  force?: boolean;
  /** Plan, render and validate, but write nothing. */
  dryRun?: boolean;
  /** What to do with files edited by hand since the previous run (default: refuse). */
  regenerate?: RegenerateMode;
  /** Packs and agents available. */
  catalog: Catalog;
  /** Version of the engine (root package.json). */
  engineVersion: string;
  /** Environment (SOURCE_DATE_EPOCH). */
  env?: NodeJS.ProcessEnv;
  /** Run context (budgets, clock, cache); created when absent. */
  ctx?: RunContext;
  /** Folder holding an evidence snapshot from `studio research`; enables the Research stage. */
  evidenceDir?: string;
}

export interface GenerateResult {
  runId: string;
  outDir: string;
  dryRun: boolean;
  spec: SourceSpec;
  index: ArtifactIndex;
  /** With --dry-run: how the output would differ from what is in outDir now. */
  diff?: DryRunDiff;
  /** Hand-edited files found in outDir, and what `studio update` merged or left in conflict. */
  regen: { edited: string[]; merged: string[]; conflicts: string[] };
  stages: StageRecord[];
  /** Things the user should know that did not stop the run (e.g. a locale a pack does not have). */
  warnings: string[];
}

/** Run one generation from files to a committed output folder. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const run = options.ctx ?? createRunContext();
  const warnings: string[] = [];
  const ctx = stageContext(run, options.env ?? process.env, warnings);
  const stages = new StageSequence(ctx);
  const { engineVersion, packIds } = options;
  prewarmSandbox(options.catalog, packIds);

  run.audit.info('CollectInputs', 'run started', {
    data: { packs: packIds, dry_run: Boolean(options.dryRun), offline: run.offline },
  });
  // One run at a time per output folder, locked from the start (a second run fails at once with
  // E_OUTPUT_LOCKED); what a crashed run left is finished or removed first. A dry run writes nothing.
  const target = options.dryRun ? undefined : new OutputTarget(options.outDir, run.runId);
  try {
    for (const done of target?.open() ?? []) run.audit.warn('CollectInputs', 'recovery', { data: { done } });
    const inputs = await stages.run(collectInputs, options);
    const candidate = await stages.run(buildSpecStage, {
      inputs,
      dials: options.dials,
      locale: options.locale,
    });
    const spec = await stages.run(validateSpec, { candidate, force: options.force });
    // Research reads a snapshot written earlier by `studio research` (the only step that may fetch, and
    // only with --research); generation itself never opens a connection.
    const { evidenceDir, catalog } = options;
    let evidence: ResearchResult | undefined;
    if (evidenceDir === undefined) stages.skip('Research');
    else evidence = await stages.run(research, { catalog, evidenceDir, spec });
    const plan = await stages.run(planStage, { catalog, packIds, spec });
    const models = withEvidence(await stages.run(runAgents, { plan, spec }), evidence);
    const artifacts = await stages.run(render, { plan, spec, models });
    await stages.run(validateOutputs, { plan, spec, artifacts, research: evidence });
    const files = await stages.run(write, { plan, spec, artifacts, engineVersion });
    const zips = await stages.run(packageZips, { plan, files });
    // Hand edits since the previous run: refused, discarded (--force) or merged (studio update). The
    // zips always hold the render (`files`); the folder, the index and the report hold `regen.files`.
    const mode = options.regenerate ?? 'refuse';
    const regen = await reconcile(options.outDir, files, mode, options.dryRun);
    if (regen.edited.length > 0)
      run.audit.warn('Write', 'hand edits found', { data: { edited: regen.edited, mode } });
    for (const path of [...regen.merged, ...regen.conflicts])
      run.audit.info('Write', 'hand edits merged', {
        data: { path, conflict: regen.conflicts.includes(path) },
      });
    const built = await stages.run(index, { spec, files: regen.files, zips, engineVersion });
    const page = await stages.run(report, {
      packIds,
      engineVersion,
      spec,
      files: regen.files,
      index: built,
      stages: [...stages.records],
      warnings,
    });

    stages.current = 'Done';
    run.audit.info('Done', 'done', { duration_ms: ctx.steps.elapsed() });
    const output: OutputSet = {
      files: regen.files,
      zips,
      index: built,
      report: page.html,
      reportAssets: page.assets,
      audit: run.audit.toJsonl(),
    };
    let diff: DryRunDiff | undefined;
    // No target is a dry run.
    if (target === undefined) diff = await diffOutput(options.outDir, output);
    else {
      if (mode !== 'force') await assertUnchanged(options.outDir, regen);
      target.commit(output);
    }
    // What this run added to the caches may have taken them past their size limit (at most once a day).
    pruneCaches(run.cacheDir, { env: options.env });
    return {
      runId: run.runId,
      outDir: options.outDir,
      dryRun: Boolean(options.dryRun),
      spec,
      index: built,
      diff,
      regen: { edited: regen.edited, merged: regen.merged, conflicts: regen.conflicts },
      stages: stages.records,
      warnings,
    };
  } catch (error) {
    run.audit.log('error', 'Failed', `failed in ${stages.current}`, {
      data: { code: (error as StudioError).code ?? ErrorCodes.INTERNAL, message: (error as Error).message },
    });
    throw error;
  } finally {
    target?.close();
  }
}
