// The shape of artifact_index.json (schemas/artifact_index.schema.json is the authority; keep both equal).
import type { ArtifactIndexEntry, ArtifactMerge, SourceSpec } from '@studio/sdk';
import { REPORT_ASSET_PATHS } from '../report/assets.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { sha256Hex } from '../util/hash.js';
import type { Clock } from '../pipeline/clock.js';
import { sourceDateEpoch } from './epoch.js';

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

/** The only timestamp in an output: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
export function generatedAt(env: NodeJS.ProcessEnv, clock: Clock): string {
  const seconds = sourceDateEpoch(env);
  if (seconds !== undefined) return new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
  return clock
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

export function buildIndex(input: {
  files: {
    path: string;
    pack: string;
    purpose: string;
    template_set: string;
    template_commit: string;
    bytes: Uint8Array;
    merge?: ArtifactMerge;
  }[];
  zips: { path: string; pack: string; bytes: Uint8Array; entries: string[] }[];
  engineVersion: string;
  spec: SourceSpec;
  generatedAt: string;
}): ArtifactIndex {
  const artifacts = input.files
    .map((f) => ({
      path: f.path,
      purpose: f.purpose,
      pack: f.pack,
      sha256: sha256Hex(f.bytes),
      bytes: f.bytes.byteLength,
      template_set: f.template_set,
      template_commit: f.template_commit,
      ...(f.merge === undefined ? {} : { merge: f.merge }),
    }))
    .sort((a, b) => compareCodePoints(a.path, b.path));
  const packages = input.zips
    .map((z) => ({
      path: z.path,
      pack: z.pack,
      sha256: sha256Hex(z.bytes),
      bytes: z.bytes.byteLength,
      entries: z.entries,
    }))
    .sort((a, b) => compareCodePoints(a.path, b.path));
  return {
    generated_at: input.generatedAt,
    engine_version: input.engineVersion,
    spec_version: input.spec.meta.spec_version,
    artifacts,
    packages,
  };
}
