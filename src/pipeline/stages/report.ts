import type { ArtifactFormat, SourceSpec } from '@studio/sdk';
import type { ArtifactIndex } from '../../output/artifact-index.js';
import type { OutputFile } from '../../output/output-set.js';
import { type RunReportData, renderRunReport, reportDrawsDiagrams } from '../../report/run-report.js';
import { renderDocument } from '../../report/documents.js';
import { type ReportAsset, reportAssets } from '../../report/assets.js';
import { builtInValidators } from '../../validators/index.js';
import { defineStage, type StageRecord } from '../stage.js';
import { compareCodePoints } from '../../util/canonical-json.js';
import { MemoCache } from '../../util/memo-cache.js';

export interface ReportInput {
  packIds: string[];
  engineVersion: string;
  spec: SourceSpec;
  /** The files as they will be written (a merged file's merge, not its render): the report shows each. */
  files: OutputFile[];
  index: ArtifactIndex;
  /** The stages so far (the report is written before the run ends). */
  stages: readonly StageRecord[];
  /** Warnings of the run so far (shown in a section of their own when there are any). */
  warnings?: readonly string[];
}

/** Ids of the validators that checked an artifact of `format`. */
function validatorsFor(format: ArtifactFormat): string[] {
  return builtInValidators()
    .filter((v) => v.formats.includes(format))
    .map((v) => v.id);
}

/** The report page and the assets it loads from beside itself. */
export interface ReportOutput {
  html: string;
  assets: ReportAsset[];
}

/** run_report.html: a record of one successful run (not an artifact: neither indexed nor zipped),
 *  showing every generated document. */
export const report = defineStage<ReportInput, ReportOutput>({
  name: 'Report',
  run(input, { run }) {
    const formats = new Map(input.files.map((f) => [f.path, f.format]));
    const htmlCache = MemoCache.under(run.cacheDir, 'report');
    run.audit.info('Report', 'run completed', {
      data: { artifacts: input.files.length, zips: input.index.packages.length },
    });
    const data: RunReportData = {
      runId: run.runId,
      pack: input.packIds,
      engineVersion: input.engineVersion,
      startedAt: run.audit.events[0]?.time_iso ?? run.clock.now().toISOString(),
      // Every stage before Report passed (a failure ends the run), so each is ok or skipped.
      ...(input.warnings?.length ? { warnings: [...input.warnings] } : {}),
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
      documents: input.files
        .map((f) => ({
          ...renderDocument(
            { path: f.path, format: f.format, text: Buffer.from(f.bytes).toString('utf8') },
            htmlCache,
          ),
          ...(f.merge === undefined ? {} : { merge: f.merge.result }),
        }))
        .sort((a, b) => compareCodePoints(a.path, b.path)),
    };
    return { html: renderRunReport(data), assets: reportDrawsDiagrams(data) ? reportAssets() : [] };
  },
});
