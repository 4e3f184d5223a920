import type { ArtifactFormat, SourceSpec } from '@studio/sdk';
import { builtInValidators } from '../validators/index.js';
import { type RunReportData, renderRunReport, reportDrawsDiagrams } from '../report/run-report.js';
import { renderDocument } from '../report/documents.js';
import { reportAssets } from '../report/assets.js';
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
  /** The files as written (the report shows each document). */
  files: { path: string; bytes: Uint8Array }[];
}): { html: string; assets: { path: string; bytes: Buffer }[] } {
  const text = new Map(input.files.map((f) => [f.path, Buffer.from(f.bytes).toString('utf8')]));
  const documents = input.index.artifacts.map((a) =>
    renderDocument({
      path: a.path,
      format: input.formats.get(a.path) ?? 'json',
      text: text.get(a.path) ?? '',
    }),
  );
  const startedAt = input.ctx.audit.events[0]?.time_iso ?? input.ctx.clock.now().toISOString();
  const data: RunReportData = {
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
    documents,
  };
  return { html: renderRunReport(data), assets: reportDrawsDiagrams(data) ? reportAssets() : [] };
}
