// What one run writes, assembled in memory by the pipeline's stages (Write, Package, Index, Report) and
// handed as a whole to the one commit (commit.ts) — or, with --dry-run, to the diff (diff.ts).
import type { ArtifactFormat, ArtifactMerge } from '@studio/sdk';
import { canonicalJson } from '../util/canonical-json.js';
import type { ReportAsset } from '../report/assets.js';
import { ARTIFACT_INDEX_FILE, type ArtifactIndex } from './artifact-index.js';

/** One indexed file of an output: a rendered artifact or the engine's own source_spec.json. */
export interface OutputFile {
  /** Relative POSIX path inside the output folder. */
  path: string;
  /** Id of the pack the file belongs to. */
  pack: string;
  /** Artifact id within that pack (`source_spec` for the spec). */
  artifactId: string;
  format: ArtifactFormat;
  /** One line: what the file is for (copied into the index). */
  purpose: string;
  template_set: string;
  template_commit: string;
  /** The file's exact bytes. */
  bytes: Uint8Array;
  /** Set by `studio update` when `bytes` are the render merged with hand edits (the zips hold the render). */
  merge?: ArtifactMerge;
}

/** One zip of an output: a requested pack's files plus the spec. */
export interface OutputZip {
  /** `<pack>.zip`. */
  path: string;
  /** The requested pack it packages. */
  pack: string;
  bytes: Uint8Array;
  /** Entry paths in stored (code-point) order. */
  entries: string[];
}

/** Everything a run writes. Nothing reaches the disk until the whole set exists. */
export interface OutputSet {
  /** Indexed files (artifacts and source_spec.json). */
  files: OutputFile[];
  /** One zip per requested pack. */
  zips: OutputZip[];
  /** artifact_index.json, already checked against its schema. */
  index: ArtifactIndex;
  /** run_report.html. */
  report: string;
  /** Files the report loads from beside itself (src/report/assets.ts); empty when it draws nothing. */
  reportAssets: ReportAsset[];
  /** audit.jsonl, complete up to and including the Done event. */
  audit: string;
}

/** One file of the set: its bytes, or a fixed file it is a copy of. */
export type OutputEntry = { path: string; bytes: string | Uint8Array } | { path: string; copyOf: string };

/** Every file of the set, in the order the commit writes them. */
export function outputEntries(set: OutputSet): OutputEntry[] {
  return [
    ...set.files.map((f) => ({ path: f.path, bytes: f.bytes })),
    ...set.zips.map((z) => ({ path: z.path, bytes: z.bytes })),
    { path: ARTIFACT_INDEX_FILE, bytes: canonicalJson(set.index) },
    { path: 'run_report.html', bytes: set.report },
    ...set.reportAssets,
    { path: 'audit.jsonl', bytes: set.audit },
  ];
}
