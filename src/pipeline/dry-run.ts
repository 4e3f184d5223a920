import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACT_INDEX_FILE } from '../package/artifact-index.js';
import { compareCodePoints } from '../util/canonical-json.js';
import type { ArtifactIndex } from './artifact-index.js';
import type { FilePatch, ZipChange } from '../regen/output-diff.js';

/** How a dry run's artifacts compare with the previous output in the same folder. */
export interface DryRunDiff {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  /** False when there was no readable previous index. */
  hadPrevious: boolean;
  /** Unified diff of every file that would change on disk (set by the orchestrator). */
  patches?: FilePatch[];
  /** Zips that would change. */
  zips?: ZipChange[];
}

export function diffAgainstPrevious(outDir: string, next: ArtifactIndex): DryRunDiff {
  const file = join(outDir, ARTIFACT_INDEX_FILE);
  let previous: Map<string, string> | null = null;
  if (existsSync(file)) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as ArtifactIndex;
      previous = new Map(parsed.artifacts.map((a) => [a.path, a.sha256]));
    } catch {
      previous = null;
    }
  }
  const diff: DryRunDiff = {
    added: [],
    changed: [],
    removed: [],
    unchanged: [],
    hadPrevious: previous !== null,
  };
  const prev = previous ?? new Map<string, string>();
  for (const a of next.artifacts) {
    const old = prev.get(a.path);
    if (old === undefined) diff.added.push(a.path);
    else if (old === a.sha256) diff.unchanged.push(a.path);
    else diff.changed.push(a.path);
  }
  const nextPaths = new Set(next.artifacts.map((a) => a.path));
  for (const p of prev.keys()) if (!nextPaths.has(p)) diff.removed.push(p);
  diff.removed.sort(compareCodePoints);
  return diff;
}
