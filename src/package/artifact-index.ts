// The shape of artifact_index.json (schemas/artifact_index.schema.json is the authority; keep both equal).
import type { ArtifactIndexEntry } from '@studio/sdk';
import { REPORT_ASSET_PATHS } from '../report/assets.js';

/** File name of the index inside an output folder. */
export const ARTIFACT_INDEX_FILE = 'artifact_index.json';
/** Records of one run that live beside the artifacts but are neither indexed nor zipped (DESIGN §6);
 *  the report's assets (written when it draws diagrams) are part of the report. */
export const RUN_RECORD_FILES: readonly string[] = ['audit.jsonl', 'run_report.html', ...REPORT_ASSET_PATHS];
/** `template_commit` of files the engine writes itself without a template (source_spec.json);
 *  their `template_set` is the engine version. */
export const ENGINE_TEMPLATE_COMMIT = 'engine';

/** One zip of an output folder. */
export interface ArtifactIndexPackage {
  /** `<pack>.zip`, relative to the output folder. */
  path: string;
  /** The requested pack the zip packages. */
  pack: string;
  /** SHA-256 of the zip file. */
  sha256: string;
  /** Size of the zip file. */
  bytes: number;
  /** Entry paths in stored (code-point) order; each is an indexed artifact path. */
  entries: string[];
}

/** artifact_index.json. */
export interface ArtifactIndex {
  /** ISO 8601 UTC; pinned by SOURCE_DATE_EPOCH. */
  generated_at: string;
  /** Engine version that wrote the folder. */
  engine_version: string;
  /** Source Spec version the artifacts came from. */
  spec_version: string;
  /** Indexed files, sorted by path. */
  artifacts: ArtifactIndexEntry[];
  /** Zips, sorted by path. */
  packages: ArtifactIndexPackage[];
}
