// The host's services this plugin uses, reached through the root of the CLI that loaded it (oclif's
// config.root). The plugin depends on no host module at run time: the types below are the host's own
// declarations (its package entry, dist/index.d.ts, built before the plugins), so they cannot drift.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as HostEntry from 'spec-to-pack-studio';

/** The part of the host's public entry (dist/index.js) the Librarian calls. */
export type Host = Pick<
  typeof HostEntry,
  | 'ErrorCodes'
  | 'StudioError'
  | 'toStudioError'
  | 'renderError'
  | 'errorJson'
  | 'readDocument'
  | 'buildSpec'
  | 'loadStudioConfig'
  | 'canonicalJson'
  | 'readSnapshot'
  | 'SNAPSHOT_FILE'
  | 'sourceDateEpoch'
>;

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
