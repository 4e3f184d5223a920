import type { ArtifactFormat, SourceSpec } from '@studio/sdk';
import { builtInValidators } from '../validators/index.js';
import { renderRunReport } from '../report/run-report.js';
import type { ArtifactIndex } from './artifact-index.js';
import type { RunContext } from './run-context.js';

/** Ids of the validators that checked an artifact of `format`. */
function validatorsFor(format: ArtifactFormat): string[] {
  return builtInValidators()
    .filter((v) => v.formats.includes(format))
    .map((v) => v.id);
}

/** The run report of a successful run: a record of one run (not an artifact: neither indexed nor zipped). */
export function buildReport(input: {
  ctx: RunContext;
  options: { packIds: string[]; engineVersion: string };
  spec: SourceSpec;
  index: ArtifactIndex;
  /** Format of every indexed file, by path. */
  formats: Map<string, ArtifactFormat>;
  stages: { name: string; status: 'ok' | 'failed' | 'skipped'; duration_ms: number }[];
}): string {
  const startedAt = input.ctx.audit.events[0]?.time_iso ?? input.ctx.clock.now().toISOString();
  return renderRunReport({
    runId: input.ctx.runId,
    pack: input.options.packIds,
    engineVersion: input.options.engineVersion,
    startedAt,
    stages: input.stages.map((s) => ({ ...s, duration_ms: Math.round(s.duration_ms * 10) / 10 })),
    artifacts: input.index.artifacts.map((a) => ({
      path: a.path,
      pack: a.pack,
      bytes: a.bytes,
      sha256: a.sha256,
      validators: validatorsFor(input.formats.get(a.path) ?? 'json'),
    })),
    // Any finding fails the run before Write, so a written report has none.
    findings: [],
    openQuestions: input.spec.open_questions.map((q) => ({ pointer: q.pointer, question: q.question })),
    ok: true,
  });
}
