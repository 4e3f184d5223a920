import type { ArtifactFormat, SourceSpec } from '@studio/sdk';
import type { ArtifactIndex } from '../../output/artifact-index.js';
import type { OutputFile } from '../../output/output-set.js';
import { renderRunReport } from '../../report/run-report.js';
import { builtInValidators } from '../../validators/index.js';
import { defineStage, type StageRecord } from '../stage.js';

export interface ReportInput {
  packIds: string[];
  engineVersion: string;
  spec: SourceSpec;
  files: OutputFile[];
  index: ArtifactIndex;
  /** The stages so far (the report is written before the run ends). */
  stages: readonly StageRecord[];
}

/** Ids of the validators that checked an artifact of `format`. */
function validatorsFor(format: ArtifactFormat): string[] {
  return builtInValidators()
    .filter((v) => v.formats.includes(format))
    .map((v) => v.id);
}

/** run_report.html: a record of one successful run (not an artifact: neither indexed nor zipped). */
export const report = defineStage<ReportInput, string>({
  name: 'Report',
  run(input, { run }) {
    const formats = new Map(input.files.map((f) => [f.path, f.format]));
    run.audit.info('Report', 'run completed', {
      data: { artifacts: input.files.length, zips: input.index.packages.length },
    });
    return renderRunReport({
      runId: run.runId,
      pack: input.packIds,
      engineVersion: input.engineVersion,
      startedAt: run.audit.events[0]?.time_iso ?? run.clock.now().toISOString(),
      // Every stage before Report passed (a failure ends the run), so each is ok or skipped.
      stages: input.stages.map((s) => ({
        name: s.name,
        status: s.status === 'skipped' ? 'skipped' : 'ok',
        duration_ms: Math.round(s.duration_ms * 10) / 10,
      })),
      artifacts: input.index.artifacts.map((a) => ({
        path: a.path,
        pack: a.pack,
        bytes: a.bytes,
        sha256: a.sha256,
        validators: validatorsFor(formats.get(a.path) ?? 'json'),
      })),
      openQuestions: input.spec.open_questions.map((q) => ({ pointer: q.pointer, question: q.question })),
    });
  },
});
