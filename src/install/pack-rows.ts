import type { Interfaces } from '@oclif/core';
import { type OclifPluginLike, pluginsFromOclif } from '../plugins/discovery.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { trustStatus } from './trust.js';

/** One row of `studio pack list`. */
export interface PackRow {
  id: string;
  package: string;
  version: string;
  /** oclif plugin type: core, user, link. */
  source: string;
  /** Whether `generate --pack <id>` may use it. */
  usable: boolean;
  /** Why (built-in, verified, linked working copy…) or why not. */
  status: string;
  /** The first file that changed since the pack passed, when that is why it is not usable. */
  changed?: string;
}

/** Every pack every loaded plugin declares, with whether it is usable and why. */
export function packRows(config: Interfaces.Config): {
  rows: PackRow[];
  warnings: { plugin: string; message: string }[];
} {
  const found = pluginsFromOclif(config.getPluginsList() as unknown as OclifPluginLike[]);
  const rows: PackRow[] = [];
  for (const plugin of found.plugins) {
    const trust = trustStatus(plugin, config.dataDir);
    for (const id of Object.keys(plugin.studio.packs ?? {})) {
      rows.push({
        id,
        package: plugin.name,
        version: plugin.version,
        source: plugin.type,
        usable: trust.trusted,
        status: trust.reason,
        ...(trust.changed ? { changed: trust.changed } : {}),
      });
    }
  }
  // Two usable packages claiming one id: neither is used (same rule as the catalog), both are named.
  const byId = new Map<string, PackRow[]>();
  for (const r of rows.filter((r) => r.usable)) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  for (const [id, claims] of byId) {
    if (claims.length < 2) continue;
    const builtIn = claims.filter((c) => c.source === 'core' || c.source === 'dev');
    if (builtIn.length === 1) {
      for (const c of claims.filter((c) => c !== builtIn[0])) {
        c.usable = false;
        c.status = `pack id "${id}" is built in (${builtIn[0]!.package}); this one is not used`;
      }
      continue;
    }
    const names = claims.map((c) => c.package).join(' and ');
    for (const c of claims) {
      c.usable = false;
      c.status = `pack id "${id}" is claimed by ${names}; neither is used`;
    }
  }
  rows.sort((a, b) => compareCodePoints(a.id, b.id) || compareCodePoints(a.package, b.package));
  return { rows, warnings: found.warnings };
}
