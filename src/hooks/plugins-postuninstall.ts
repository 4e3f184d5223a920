// plugins:postuninstall — leave no trace: drop passed-gates records (and their digests) of packages no
// longer installed, and the compiled-template cache (compiled templates are code derived from the pack;
// their keys are content hashes, so the removed pack's entries cannot be picked out, and the cache only
// ever makes runs faster). Validation verdicts, keyed by output bytes, hold nothing of the pack's code.
import { rmSync } from 'node:fs';
import type { Hook, Interfaces } from '@oclif/core';
import { pruneGateRecords } from '../install/gate-records.js';
import { cacheSubdir } from '../util/cache-dir.js';

const hook = async function (this: Hook.Context, options: { config: Interfaces.Config }): Promise<void> {
  const removed = pruneGateRecords(options.config.dataDir);
  if (removed.length === 0) return;
  const templates = cacheSubdir(undefined, 'templates');
  if (templates) rmSync(templates, { recursive: true, force: true });
};

export default hook;
