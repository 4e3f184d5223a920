// plugins:postuninstall — leave no trace: drop passed-gates records (and their digests) of packages no
// longer installed, and clear studio's caches (their entries are keyed by content, not by pack, so the
// removed pack's entries cannot be picked out; the caches only ever make runs faster).
import { rmSync } from 'node:fs';
import type { Hook, Interfaces } from '@oclif/core';
import { pruneGateRecords } from '../install/gate-records.js';
import { cacheSubdir } from '../util/cache-dir.js';

const hook = async function (this: Hook.Context, options: { config: Interfaces.Config }): Promise<void> {
  const removed = pruneGateRecords(options.config.dataDir);
  if (removed.length === 0) return;
  for (const name of ['templates', 'validation'] as const) {
    const dir = cacheSubdir(undefined, name);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
};

export default hook;
