// The first-party plugins as PluginRefs, read from their folders (as oclif would load them as core
// plugins), for tests that gate packs against the real built-in agents and packs.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PluginRef } from '../../src/plugins/types.js';

export const REPO = join(import.meta.dirname, '..', '..');
const DIRS = ['plugins/agents-core', 'plugins/agents-deep', 'packs/balanced', 'packs/deep'];

export function pluginFromDir(root: string, type = 'core'): PluginRef {
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    studio?: PluginRef['studio'];
  };
  return { name: pjson.name, version: pjson.version, root, type, studio: pjson.studio ?? {} };
}

/** Build outputs the gates need (agent modules, packs' oclif manifests); built once when missing. */
export function ensureFirstPartyBuilt(): void {
  const missing = DIRS.some((d) => {
    const pjson = JSON.parse(readFileSync(join(REPO, d, 'package.json'), 'utf8')) as {
      studio?: PluginRef['studio'];
    };
    const agentFiles = Object.values(pjson.studio?.agents ?? {});
    return (
      !existsSync(join(REPO, d, 'oclif.manifest.json')) ||
      agentFiles.some((f) => !existsSync(join(REPO, d, f)))
    );
  });
  if (missing) execFileSync('node', [join(REPO, 'scripts/build.mjs')], { cwd: REPO, stdio: 'inherit' });
}

export function firstPartyPlugins(): PluginRef[] {
  return DIRS.map((d) => pluginFromDir(join(REPO, d)));
}
