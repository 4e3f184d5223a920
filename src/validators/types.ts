import type { ArtifactFormat, Finding } from '@studio/sdk';

/** A validator of one output format (the host's own: plugins do not contribute validators). */
export interface HostValidator {
  /** Id, e.g. "markdownlint". */
  id: string;
  /** Version string: part of the validation-cache key. */
  version: string;
  /** Formats it checks. */
  formats: ArtifactFormat[];
  /** Check a batch of files; return every finding (empty when all pass). */
  validate(files: { path: string; content: string }[]): Promise<Finding[]>;
  /** Digest of the configuration the validator applies (part of the cache key); "" when none. */
  configDigest: string;
}

/** One file handed to a validator. */
export interface ValidationFile {
  /** Artifact path, relative POSIX. */
  path: string;
  /** The file's text. */
  content: string;
}

/** One validator's files. */
export interface WorkerBatch {
  validator: string;
  files: ValidationFile[];
}

/** One validator's outcome: findings, or the error it threw (a StudioError's JSON, or a message). */
export type WorkerResult =
  | { validator: string; findings: Finding[] }
  | { validator: string; error: { studio?: Record<string, unknown>; message: string } };
