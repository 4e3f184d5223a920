import type { StudioPackageSection } from '@studio/sdk';
import { compareCodePoints } from '../util/canonical-json.js';
import type { AgentRef, Catalog, PackRef, PluginRef } from './types.js';

/** Minimal view of an oclif plugin (structurally compatible with @oclif/core's Plugin). */
export interface OclifPluginLike {
  name: string;
  version: string;
  root: string;
  type: string;
  pjson: object;
}

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

/** Read the `studio` section of each plugin; a malformed section is a warning, not a crash. */
export function pluginsFromOclif(plugins: Iterable<OclifPluginLike>): {
  plugins: PluginRef[];
  warnings: Catalog['warnings'];
} {
  const out: PluginRef[] = [];
  const warnings: Catalog['warnings'] = [];
  for (const p of plugins) {
    const section = (p.pjson as { studio?: unknown }).studio;
    if (section === undefined) continue;
    const studio: StudioPackageSection = {};
    const s = section as Record<string, unknown>;
    if (section === null || typeof section !== 'object' || Array.isArray(section)) {
      warnings.push({ plugin: p.name, message: 'package.json "studio" must be an object; plugin ignored' });
      continue;
    }
    if (s.packs !== undefined && !isRecordOfStrings(s.packs)) {
      warnings.push({
        plugin: p.name,
        message: '"studio.packs" must map pack ids to manifest paths; plugin ignored',
      });
      continue;
    }
    if (s.agents !== undefined && !isRecordOfStrings(s.agents)) {
      warnings.push({
        plugin: p.name,
        message: '"studio.agents" must map agent ids to module paths; plugin ignored',
      });
      continue;
    }
    if (s.packs) studio.packs = s.packs as Record<string, string>;
    if (s.agents) studio.agents = s.agents as Record<string, string>;
    out.push({ name: p.name, version: p.version, root: p.root, type: p.type, studio });
  }
  out.sort((a, b) => compareCodePoints(a.name, b.name));
  return { plugins: out, warnings };
}

/** Index packs and agents by id. Two plugins claiming one id: neither is used, both are named. */
export function buildCatalog(plugins: PluginRef[], initialWarnings: Catalog['warnings'] = []): Catalog {
  const packClaims = new Map<string, PackRef[]>();
  const agentClaims = new Map<string, AgentRef[]>();
  const sorted = [...plugins].sort((a, b) => compareCodePoints(a.name, b.name));
  for (const plugin of sorted) {
    for (const [id, manifest] of Object.entries(plugin.studio.packs ?? {})) {
      packClaims.set(id, [...(packClaims.get(id) ?? []), { id, plugin, manifest }]);
    }
    for (const [id, module] of Object.entries(plugin.studio.agents ?? {})) {
      agentClaims.set(id, [...(agentClaims.get(id) ?? []), { id, plugin, module }]);
    }
  }
  const warnings = [...initialWarnings];
  const packs = new Map<string, PackRef>();
  const agents = new Map<string, AgentRef>();
  for (const id of [...packClaims.keys()].sort(compareCodePoints)) {
    const claims = packClaims.get(id)!;
    if (claims.length > 1) {
      const names = claims.map((c) => c.plugin.name).join(' and ');
      for (const c of claims) {
        warnings.push({
          plugin: c.plugin.name,
          message: `pack id "${id}" is claimed by ${names}; neither is used`,
        });
      }
      continue;
    }
    packs.set(id, claims[0]!);
  }
  for (const id of [...agentClaims.keys()].sort(compareCodePoints)) {
    const claims = agentClaims.get(id)!;
    if (claims.length > 1) {
      const names = claims.map((c) => c.plugin.name).join(' and ');
      for (const c of claims) {
        warnings.push({
          plugin: c.plugin.name,
          message: `agent id "${id}" is claimed by ${names}; neither is used`,
        });
      }
      continue;
    }
    agents.set(id, claims[0]!);
  }
  return { packs, agents, warnings };
}
