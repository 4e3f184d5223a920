// What the install hooks need from the running oclif config.
import type { Interfaces } from '@oclif/core';
import { type OclifPluginLike, pluginsFromOclif } from '../plugins/discovery.js';
import type { PluginRef } from '../plugins/types.js';
import { trustedPlugins } from './trust.js';

/** Names of the host and its bundled plugins: installing a package of the same name would replace a
 *  built-in (oclif lets a user plugin override a core plugin of the same name). */
export function coreNames(config: Interfaces.Config): Set<string> {
  const names = new Set<string>([config.name]);
  for (const p of config.getPluginsList()) if (p.type === 'core') names.add(p.name);
  return names;
}

/** Core command ids and aliases → the plugin that provides them. */
export function coreCommands(config: Interfaces.Config): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of config.getPluginsList()) {
    if (p.type !== 'core') continue;
    for (const c of p.commands) {
      out.set(c.id, p.name);
      for (const a of c.aliases ?? []) out.set(a, p.name);
    }
  }
  return out;
}

/** The trusted plugins other than `exclude` (what a pack under test may extend and use). */
export function otherTrustedPlugins(config: Interfaces.Config, exclude: string): PluginRef[] {
  const found = pluginsFromOclif(config.getPluginsList() as unknown as OclifPluginLike[]);
  return trustedPlugins(found.plugins, config.dataDir).plugins.filter((p) => p.name !== exclude);
}
