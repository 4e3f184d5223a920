// Output rules the host enforces for every pack, whatever the gates said: a pack cannot write the
// engine's own files or a zip, cannot declare one format and write another, and cannot produce more
// files or bytes than the caps. Defaults are documented in docs/pack-authoring.md and can be raised
// with STUDIO_MAX_ARTIFACTS, STUDIO_MAX_ARTIFACT_BYTES and STUDIO_MAX_OUTPUT_BYTES.
import type { ArtifactFormat } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { positiveFromEnv } from '../util/env-number.js';
import { ARTIFACT_INDEX_FILE, RUN_RECORD_FILES } from '../output/artifact-index.js';
import { SPEC_PATH } from './traceability.js';

export interface OutputLimits {
  /** Most files one run may render (each item of an `each` artifact counts). */
  maxArtifacts: number;
  /** Largest single artifact, in bytes (UTF-8). */
  maxArtifactBytes: number;
  /** Most bytes all artifacts of a run may add up to. */
  maxTotalBytes: number;
}

// Sized so that anything the input limits accept renders (test/pipeline/output-rules.test.ts builds the
// largest inputs): up to 2,000 features (one sequence diagram each), 500 entities and 500 decisions (a
// contract and an ADR each) stay under the count, and the largest document, the test plan of 10,000
// criteria on long-named features (~16 MB), under the per-artifact cap. A runaway `each` (20,000 items)
// is still refused.
export const DEFAULT_OUTPUT_LIMITS: Readonly<OutputLimits> = {
  maxArtifacts: 10_000,
  maxArtifactBytes: 32 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
};

/** Limits with environment overrides. */
export function outputLimits(env: NodeJS.ProcessEnv = process.env): OutputLimits {
  const num = (v: string | undefined, fallback: number) => positiveFromEnv(v, fallback, true);
  return {
    maxArtifacts: num(env.STUDIO_MAX_ARTIFACTS, DEFAULT_OUTPUT_LIMITS.maxArtifacts),
    maxArtifactBytes: num(env.STUDIO_MAX_ARTIFACT_BYTES, DEFAULT_OUTPUT_LIMITS.maxArtifactBytes),
    maxTotalBytes: num(env.STUDIO_MAX_OUTPUT_BYTES, DEFAULT_OUTPUT_LIMITS.maxTotalBytes),
  };
}

/** File extensions each declared format may be written as. */
export const FORMAT_EXTENSIONS: Readonly<Record<ArtifactFormat, readonly string[]>> = {
  markdown: ['.md', '.markdown'],
  mermaid: ['.mmd', '.mermaid'],
  json: ['.json'],
  'json-schema': ['.json'],
  yaml: ['.yaml', '.yml'],
  'github-workflow': ['.yml', '.yaml'],
};

/** Files the engine itself writes at the top of an output folder. */
export const ENGINE_FILES: readonly string[] = [ARTIFACT_INDEX_FILE, SPEC_PATH, ...RUN_RECORD_FILES];

function refuse(message: string, plugin: string | undefined, hint: string): StudioError {
  return new StudioError(ErrorCodes.OUTPUT_LIMIT, message, { ...(plugin ? { plugin } : {}), hint });
}

/** Reserved names and format/extension agreement for one output path (compared case-insensitively:
 *  the same folder must work on macOS and Windows). */
export function checkOutputPath(path: string, format: ArtifactFormat, where: string, plugin?: string): void {
  const lower = path.toLowerCase();
  if (ENGINE_FILES.includes(lower) || lower.endsWith('.zip')) {
    throw refuse(
      `${where} would write "${path}", a name the engine reserves`,
      plugin,
      `${ENGINE_FILES.join(', ')} and every *.zip are written by studio itself; rename the artifact.`,
    );
  }
  const allowed = FORMAT_EXTENSIONS[format];
  if (allowed === undefined) {
    throw refuse(
      `${where} declares the unknown format "${String(format)}"`,
      plugin,
      'Use a format the host validates.',
    );
  }
  if (!allowed.some((ext) => lower.endsWith(ext))) {
    throw refuse(
      `${where} is declared as ${format} but "${path}" does not end in ${allowed.join(' or ')}`,
      plugin,
      'The declared format picks the validator; it must match what the file is.',
    );
  }
}

/** Caps on the number of files and bytes of one run, checked as artifacts are planned and rendered. */
export class OutputBudget {
  private files = 0;
  private bytes = 0;

  constructor(private readonly limits: OutputLimits = outputLimits()) {}

  /** Count `n` more files before any of them is rendered. */
  addFiles(n: number, where: string, plugin?: string): void {
    this.files += n;
    if (this.files > this.limits.maxArtifacts) {
      throw refuse(
        `${where} brings the run to ${this.files} files, more than the cap of ${this.limits.maxArtifacts}`,
        plugin,
        'Each item of an "each" artifact is one file. Raise STUDIO_MAX_ARTIFACTS if the spec really needs that many.',
      );
    }
  }

  /** Count one rendered artifact's bytes. */
  addContent(content: string, path: string, plugin?: string): void {
    const size = Buffer.byteLength(content, 'utf8');
    if (size > this.limits.maxArtifactBytes) {
      throw refuse(
        `"${path}" is ${size} bytes, more than the cap of ${this.limits.maxArtifactBytes} per artifact`,
        plugin,
        'Raise STUDIO_MAX_ARTIFACT_BYTES if the document is legitimately that large.',
      );
    }
    this.bytes += size;
    if (this.bytes > this.limits.maxTotalBytes) {
      throw refuse(
        `the rendered artifacts add up to more than the cap of ${this.limits.maxTotalBytes} bytes (at "${path}")`,
        plugin,
        'Raise STUDIO_MAX_OUTPUT_BYTES if the pack is legitimately that large.',
      );
    }
  }
}
