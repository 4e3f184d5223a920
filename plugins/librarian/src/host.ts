// The host's services this plugin uses, reached through the root of the CLI that loaded it (oclif's
// config.root). The plugin depends on no host module at build time: only on @studio/sdk types and the
// small surface typed here, which the host exports from its package entry.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Dials, EvidenceSnapshot, SourceSpec } from '@studio/sdk';

/** A host error: what the host renders and maps to an exit code. */
export interface HostError extends Error {
  code: string;
  exitCode: 1 | 2;
}

export interface HostErrorOptions {
  file?: string;
  hint?: string;
  cause?: unknown;
  details?: { message: string; file?: string }[];
}

/** The part of the host's public entry (dist/index.js) the Librarian calls. */
export interface Host {
  ErrorCodes: Record<string, string>;
  StudioError: new (code: string, message: string, options?: HostErrorOptions) => HostError;
  toStudioError(error: unknown): HostError & { toJSON(): unknown };
  renderError(error: HostError): string;
  readDocument(file: string): Promise<{ data: unknown; locate: (pointer: string) => unknown }>;
  buildSpec(input: {
    idea: unknown;
    decisions?: unknown;
    dials?: Partial<Dials>;
    locale?: string;
    ideaFile?: string;
    decisionsFile?: string;
    locateIdea?: unknown;
    locateDecisions?: unknown;
  }): { spec: SourceSpec };
  loadStudioConfig(cwd?: string): Promise<{ file: string | null; data: Record<string, unknown> }>;
  canonicalJson(value: unknown): string;
  readSnapshot(dir: string): EvidenceSnapshot;
  SNAPSHOT_FILE: string;
}

const cache = new Map<string, Promise<Host>>();

/** The host whose package root is `root`. */
export function loadHost(root: string): Promise<Host> {
  let host = cache.get(root);
  if (!host) {
    host = import(pathToFileURL(join(root, 'dist/index.js')).href) as Promise<Host>;
    cache.set(root, host);
  }
  return host;
}
