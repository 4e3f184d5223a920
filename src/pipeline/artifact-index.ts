import type { ArtifactMerge, SourceSpec } from '@studio/sdk';
import type { ArtifactIndex } from '../package/artifact-index.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { sha256Hex } from '../util/hash.js';
import type { Clock } from './run-context.js';

export type { ArtifactIndex };

/** The only timestamp in an output: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
export function generatedAt(env: NodeJS.ProcessEnv, clock: Clock): string {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw !== undefined && /^\d+$/.test(raw.trim())) {
    return new Date(Number(raw.trim()) * 1000).toISOString().replace(/\.000Z$/, 'Z');
  }
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
