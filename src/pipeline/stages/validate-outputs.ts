import type { Finding, SourceSpec } from '@studio/sdk';
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { cacheSubdir } from '../../util/cache-dir.js';
import { compareCodePoints } from '../../util/canonical-json.js';
import { MemoCache } from '../../util/memo-cache.js';
import { validateArtifacts } from '../../validators/index.js';
import type { Plan } from '../plan.js';
import { defineStage } from '../stage.js';
import { checkTraceability } from '../traceability.js';
import type { RenderedArtifact } from './render.js';
import { type ResearchResult, checkCitations } from './research.js';

export interface ValidateOutputsInput {
  plan: Plan;
  spec: SourceSpec;
  artifacts: RenderedArtifact[];
  /** The Research stage's result, when the run was given evidence: its citations are checked too. */
  research?: ResearchResult;
}

/** Every artifact through its format's validator, then all packs' traceability rules in one pass
 *  (spec-wide checks such as milestone deliverables are then reported once). */
export async function findingsOf(
  input: ValidateOutputsInput,
  cacheRoot: string | null | undefined,
): Promise<Finding[]> {
  return (await findingsOfEach([input], cacheRoot))[0]!;
}

/** findingsOf for several renders at once (the gates' harness), one list per render: their artifacts
 *  go through the validators together, so each validator's libraries load once rather than once per
 *  render. Paths repeat across renders: each render's are validated under a folder of its own. */
export async function findingsOfEach(
  inputs: readonly ValidateOutputsInput[],
  cacheRoot: string | null | undefined,
): Promise<Finding[][]> {
  const folder = (i: number) => (inputs.length === 1 ? '' : `${i}/`);
  const validated = await validateArtifacts(
    inputs.flatMap(({ artifacts }, i) =>
      artifacts.map((a) => ({ path: `${folder(i)}${a.path}`, format: a.format, content: a.content })),
    ),
    { cacheDir: cacheSubdir(cacheRoot, 'validation') },
  );
  return inputs.map(({ plan, spec, artifacts, research }, i) => {
    const prefix = folder(i);
    // validateArtifacts sorts by path first: one render's findings keep their order without the folder.
    const findings = validated
      .filter((f) => f.path.startsWith(prefix))
      .map((f) => ({ ...f, path: f.path.slice(prefix.length) }));
    const rules = plan.packs.flatMap((p) => p.manifest.traceability ?? []);
    if (rules.length > 0)
      findings.push(...checkTraceability(spec, rules, artifacts, MemoCache.under(cacheRoot, 'traceability')));
    if (research) findings.push(...checkCitations(research, artifacts));
    return findings;
  });
}

/** The plugins whose artifacts a finding names, sorted (the error is stamped with them). */
function pluginsOf(plan: Plan, artifacts: RenderedArtifact[], findings: Finding[]): string | undefined {
  const packOf = new Map(artifacts.map((a) => [a.path, a.pack]));
  const pluginOf = new Map(plan.packs.map((p) => [p.manifest.id, p.plugin.name]));
  const plugins = new Set<string>();
  for (const f of findings) {
    const plugin = pluginOf.get(packOf.get(f.path) ?? '');
    if (plugin !== undefined) plugins.add(plugin);
  }
  return plugins.size > 0 ? [...plugins].sort(compareCodePoints).join(', ') : undefined;
}

/** Any finding fails the run before anything is written. */
export const validateOutputs = defineStage<ValidateOutputsInput, void>({
  name: 'ValidateOutputs',
  async run(input, { run }) {
    const findings = await findingsOf(input, run.cacheDir);
    for (const f of findings) run.audit.log('error', 'ValidateOutputs', 'finding', { data: { ...f } });
    if (findings.length === 0) return;
    const traceOnly = findings.every((f) => f.rule === 'traceability');
    throw new StudioError(
      traceOnly ? ErrorCodes.TRACEABILITY : ErrorCodes.OUTPUT_INVALID,
      `${findings.length} generated artifact problem(s); nothing was written`,
      {
        plugin: traceOnly ? undefined : pluginsOf(input.plan, input.artifacts, findings),
        details: findings.map((f) => ({
          file: f.path,
          line: f.line,
          column: f.column,
          message: `${f.rule}: ${f.message}`,
        })),
        hint: traceOnly
          ? 'Every id must be traceable through the pack; check the spec ids named above.'
          : 'A template produced invalid output. If the pack is third-party, report it to its authors.',
      },
    );
  },
});
