// The install being checked, handed from the plugins:preinstall hook to plugins:postinstall (which
// oclif calls with no arguments). Both hooks run in the one `plugins install` process.
import type { FileDigests } from './tree-digest.js';
import type { InstallTxn } from './transaction.js';

/** What preinstall resolved, inspected and gated. */
export interface PendingInstall {
  name: string;
  /** The listed version the install was pinned to. */
  version: string;
  /** Integrity the index lists for that version. */
  integrity: string;
  /** The index that vouched, and how (shown to the user and kept in the gate record). */
  index: string;
  /** Gates the staged copy passed. */
  gates: string[];
  /** Digests of the staged copy: the installed copy must be identical. */
  files: FileDigests;
  txn: InstallTxn;
}

let pending: PendingInstall | null = null;

export function setPendingInstall(value: PendingInstall | null): void {
  pending = value;
}

/** Take (and clear) the pending install. */
export function takePendingInstall(): PendingInstall | null {
  const value = pending;
  pending = null;
  return value;
}
