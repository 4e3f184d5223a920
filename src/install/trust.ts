// The load-time trust filter: which discovered plugins' packs and agents may be used.
import { realpathSync } from 'node:fs';
import type { Interfaces } from '@oclif/core';
import { type OclifPluginLike, buildCatalog, pluginsFromOclif } from '../plugins/discovery.js';
import type { Catalog, PluginRef } from '../plugins/types.js';
import { type GateRecord, installedIntegrity, readGateRecords } from './gate-records.js';
import { WORKING_COPY_SKIPPED, checkTree } from './tree-digest.js';

/** Whether a plugin may be used, and why (shown by `studio pack list`). */
export interface TrustStatus {
  trusted: boolean;
  /** "built-in", "verified", "linked working copy …", or why it is refused. */
  reason: string;
  /** The first file that differs from the record, when that is the reason. */
  changed?: string;
}

function changedReason(
  diff: { file: string; change: string },
  again: string,
): Pick<TrustStatus, 'reason' | 'changed'> {
  return {
    reason: `not verified: ${diff.file} was ${diff.change} since it passed (${again})`,
    changed: diff.file,
  };
}

/** The real path of a folder (the link record holds one; oclif may hold a path through a symlink, e.g.
 *  /tmp on macOS); the path itself when it cannot be resolved. */
function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

/** Trust of one plugin given the records, its installed integrity and its files on disk. */
export function trustStatus(
  plugin: PluginRef,
  dataDir: string,
  records?: Record<string, GateRecord>,
): TrustStatus {
  if (plugin.type === 'core' || plugin.type === 'dev') return { trusted: true, reason: 'built-in' };
  const record = (records ?? readGateRecords(dataDir))[plugin.name];
  if (plugin.type === 'link') {
    if (!record || record.type !== 'link' || record.root !== realRoot(plugin.root) || !record.files) {
      return {
        trusted: false,
        reason: 'not checked: link it with "studio plugins link <folder>" (which checks it first)',
      };
    }
    const diff = checkTree(plugin.root, record.files, WORKING_COPY_SKIPPED);
    if (diff) return { trusted: false, ...changedReason(diff, 'run "studio plugins link" again') };
    return {
      trusted: true,
      reason: 'linked working copy: checked when linked, not gated (pack-author mode)',
    };
  }
  if (plugin.type !== 'user') return { trusted: false, reason: `unknown plugin type "${plugin.type}"` };
  if (!record || record.type === 'link') {
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
  if (!record.files) {
    return { trusted: false, reason: 'not verified: its record has no file digest (reinstall it)' };
  }
  const diff = checkTree(plugin.root, record.files);
  if (diff) return { trusted: false, ...changedReason(diff, 'reinstall it') };
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
