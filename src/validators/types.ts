import type { OutputValidator } from '@studio/sdk';

/** A host validator: the public contract plus what the validation cache needs to know. */
export interface HostValidator extends OutputValidator {
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
