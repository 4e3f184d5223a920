import type { Finding, SourceSpec } from '@studio/sdk';
import type { Catalog } from '../plugins/types.js';
import { planRun } from './plan.js';
import { createRunContext } from './run-context.js';
import { stageContext } from './stage.js';
import { type RenderedArtifact, render } from './stages/render.js';
import { runAgents } from './stages/run-agents.js';
import { findingsOf } from './stages/validate-outputs.js';

export type { RenderedArtifact };

/** Plan, run agents, render and validate in memory, through the same stages as `generate`, returning
 *  the findings instead of failing on them: for the gates' template harness and packs' own tests. */
export async function renderPacks(opts: {
  catalog: Catalog;
  packIds: string[];
  spec: SourceSpec;
  /** Cache root (see studioCacheRoot); null disables caching. */
  cacheDir?: string | null;
}): Promise<{ artifacts: RenderedArtifact[]; findings: Finding[] }> {
  const ctx = stageContext(createRunContext({ cacheDir: opts.cacheDir }), process.env);
  const plan = await planRun(opts.catalog, opts.packIds);
  const models = await runAgents.run({ plan, spec: opts.spec }, ctx);
  const artifacts = await render.run({ plan, spec: opts.spec, models }, ctx);
  // Inside a step, as in `generate`: validators are bounded by the per-step time too.
  const findings = await ctx.steps.run('ValidateOutputs', 'completed', () =>
    findingsOf({ plan, spec: opts.spec, artifacts }, opts.cacheDir),
  );
  return { artifacts, findings };
}
