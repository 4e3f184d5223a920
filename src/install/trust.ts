// The load-time trust filter: which discovered plugins' packs and agents may be used.
import type { Interfaces } from '@oclif/core';
import { type OclifPluginLike, buildCatalog, pluginsFromOclif } from '../plugins/discovery.js';
import type { Catalog, PluginRef } from '../plugins/types.js';
import { type GateRecord, installedIntegrity, readGateRecords } from './gate-records.js';

/** Whether a plugin may be used, and why (shown by `studio pack list`). */
export interface TrustStatus {
  trusted: boolean;
  /** "built-in", "verified", "linked working copy (not verified)", or why it is refused. */
  reason: string;
}

/** Trust of one plugin given the records and its installed integrity. */
export function trustStatus(
  plugin: PluginRef,
  dataDir: string,
  records?: Record<string, GateRecord>,
): TrustStatus {
  if (plugin.type === 'core' || plugin.type === 'dev') return { trusted: true, reason: 'built-in' };
  if (plugin.type === 'link') {
    return { trusted: true, reason: 'linked working copy: not verified by the gates (pack-author mode)' };
  }
  if (plugin.type !== 'user') return { trusted: false, reason: `unknown plugin type "${plugin.type}"` };
  const record = (records ?? readGateRecords(dataDir))[plugin.name];
  if (!record) {
    return {
      trusted: false,
      reason: 'not verified: it was not installed through "studio plugins install" (no passed-gates record)',
    };
  }
  if (record.version !== plugin.version) {
    return {
      trusted: false,
      reason: `not verified: version ${plugin.version} is installed but ${record.version} passed the gates (reinstall it)`,
    };
  }
  const integrity = installedIntegrity(dataDir, plugin.name);
  if (integrity !== record.integrity) {
    return {
      trusted: false,
      reason: 'not verified: the installed tarball integrity differs from the one that passed the gates',
    };
  }
  return { trusted: true, reason: 'verified' };
}

/** Drop untrusted plugins BEFORE building the catalog, so an unverified package claiming a built-in
 *  pack id cannot knock the built-in out through the "two claims, neither used" rule. */
export function trustedPlugins(
  plugins: PluginRef[],
  dataDir: string,
): { plugins: PluginRef[]; warnings: Catalog['warnings'] } {
  const records = readGateRecords(dataDir);
  const kept: PluginRef[] = [];
  const warnings: Catalog['warnings'] = [];
  for (const plugin of plugins) {
    const status = trustStatus(plugin, dataDir, records);
    if (!status.trusted) {
      warnings.push({
        plugin: plugin.name,
        message: `${plugin.name}@${plugin.version} is not used: ${status.reason}`,
      });
      continue;
    }
    if (plugin.type === 'link')
      warnings.push({ plugin: plugin.name, message: `${plugin.name} is a ${status.reason}` });
    kept.push(plugin);
  }
  return { plugins: kept, warnings };
}

/** The catalog `generate` (and every command that renders) must use: discovered plugins, minus the
 *  untrusted ones, with a warning for each refusal and each linked working copy. */
export function trustedCatalogFromConfig(config: Interfaces.Config): Catalog {
  const found = pluginsFromOclif(config.getPluginsList() as unknown as OclifPluginLike[]);
  const trusted = trustedPlugins(found.plugins, config.dataDir);
  return buildCatalog(trusted.plugins, [...found.warnings, ...trusted.warnings]);
}

/** The catalog without the packs and agents of untrusted plugins; each refusal and each linked
 *  working copy becomes a warning. Call it on every catalog before planning a run. */
export function trustedCatalog(catalog: Catalog, dataDir: string): Catalog {
  const records = readGateRecords(dataDir);
  const plugins = new Map<string, PluginRef>();
  for (const ref of [...catalog.packs.values(), ...catalog.agents.values()])
    plugins.set(ref.plugin.name, ref.plugin);
  const refused = new Set<string>();
  const warnings = [...catalog.warnings];
  for (const plugin of [...plugins.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )) {
    const status = trustStatus(plugin, dataDir, records);
    if (!status.trusted) {
      refused.add(plugin.name);
      warnings.push({
        plugin: plugin.name,
        message: `${plugin.name}@${plugin.version} is not used: ${status.reason}`,
      });
    } else if (plugin.type === 'link') {
      warnings.push({ plugin: plugin.name, message: `${plugin.name} is a ${status.reason}` });
    }
  }
  const keep = <T extends { plugin: PluginRef }>(m: Map<string, T>) =>
    new Map([...m].filter(([, ref]) => !refused.has(ref.plugin.name)));
  return { packs: keep(catalog.packs), agents: keep(catalog.agents), warnings };
}
