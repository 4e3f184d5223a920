import type { Finding, SourceSpec } from '@studio/sdk';
import type { Catalog } from '../plugins/types.js';
import { type Plan, planRun } from './plan.js';
import { budgetsFromEnv, createRunContext } from './run-context.js';
import { type StageContext, stageContext } from './stage.js';
import { type RenderedArtifact, render } from './stages/render.js';
import { runAgents } from './stages/run-agents.js';
import { findingsOfEach } from './stages/validate-outputs.js';

export type { RenderedArtifact };

export interface RenderPacksOptions {
  catalog: Catalog;
  packIds: string[];
  spec: SourceSpec;
  /** Cache root (see studioCacheRoot); null disables caching. */
  cacheDir?: string | null;
  /** False: render only, no findings (a render whose findings nobody reads). Default true. */
  validate?: boolean;
}

/** Plan, run agents, render and validate in memory, through the same stages as `generate`, returning
 *  the findings instead of failing on them: for the gates' template harness and packs' own tests. */
export async function renderPacks(
  opts: RenderPacksOptions,
): Promise<{ artifacts: RenderedArtifact[]; findings: Finding[] }> {
  const [result] = await renderEach({ ...opts, runs: [{ packIds: opts.packIds, spec: opts.spec }] });
  if ('error' in result!) throw result.error;
  return result!;
}

function contextFor(cacheDir: string | null | undefined, runs = 1): StageContext {
  const budgets = budgetsFromEnv();
  // Validating n renders together may take the time n validations separately could.
  const scaled = { ...budgets, stepTimeoutMs: budgets.stepTimeoutMs * runs, totalMs: budgets.totalMs * runs };
  return stageContext(createRunContext({ cacheDir, budgets: scaled }), process.env);
}

/** renderPacks for several runs (pack ids and spec) in one go, each run's result or the error that
 *  stopped it, in order. Each run renders under budgets of its own, as alone; their outputs are then
 *  validated together, so each validator's libraries load once (the gates' harness renders every pack
 *  with three specs). */
export async function renderEach(opts: {
  catalog: Catalog;
  runs: { packIds: string[]; spec: SourceSpec }[];
  cacheDir?: string | null;
  validate?: boolean;
}): Promise<({ artifacts: RenderedArtifact[]; findings: Finding[] } | { error: unknown })[]> {
  type Ok = { ctx: StageContext; plan: Plan; spec: SourceSpec; artifacts: RenderedArtifact[] };
  const rendered: (Ok | { error: unknown })[] = [];
  for (const { packIds, spec } of opts.runs) {
    try {
      const ctx = contextFor(opts.cacheDir);
      const plan = await planRun(opts.catalog, packIds);
      const models = await runAgents.run({ plan, spec }, ctx);
      rendered.push({ ctx, plan, spec, artifacts: await render.run({ plan, spec, models }, ctx) });
    } catch (error) {
      rendered.push({ error });
    }
  }
  const ok = rendered.filter((r): r is Ok => !('error' in r));
  const findings = new Map<Ok, Finding[] | { error: unknown }>();
  if (opts.validate !== false && ok.length > 0) {
    // Inside a step, as in `generate`: validators are bounded by the per-step time too.
    // One render is validated under its own run's budgets, as `generate` does.
    const validate = (list: Ok[]) =>
      (list.length === 1 ? list[0]!.ctx : contextFor(opts.cacheDir, list.length)).steps.run(
        'ValidateOutputs',
        'completed',
        () => findingsOfEach(list, opts.cacheDir),
      );
    try {
      (await validate(ok)).forEach((f, i) => findings.set(ok[i]!, f));
    } catch (error) {
      if (ok.length === 1) throw error;
      // A validator failed: again one render at a time, to tell which render it failed on.
      for (const r of ok)
        findings.set(
          r,
          await validate([r]).then(
            (f) => f[0]!,
            (e: unknown) => ({ error: e }),
          ),
        );
    }
  }
  return rendered.map((r) => {
    if ('error' in r) return r;
    const f = findings.get(r) ?? [];
    return Array.isArray(f) ? { artifacts: r.artifacts, findings: f } : f;
  });
}
