// The install being checked, handed from the plugins:preinstall hook to plugins:postinstall (which
// oclif calls with no arguments). Both hooks run in the one `plugins install` process.

/** What preinstall resolved from the registry index. */
export interface PendingInstall {
  name: string;
  /** The listed version the install was pinned to. */
  version: string;
  /** Integrity the index lists for that version. */
  integrity: string;
  /** Pack ids the index says it provides. */
  provides: string[];
  /** Index file that listed it. */
  index: string;
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
