import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StudioPackageSection } from '@studio/sdk';
import { compareCodePoints } from '../util/canonical-json.js';
import type { AgentRef, Catalog, LocaleRef, PackRef, PluginRef } from './types.js';

/** Minimal view of an oclif plugin (structurally compatible with @oclif/core's Plugin). */
export interface OclifPluginLike {
  name: string;
  version: string;
  root: string;
  type: string;
  pjson: object;
}

/** A plain object whose values are all strings (the shape of `studio.packs` and `studio.agents`). */
export function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

// The maps a `studio` section may hold, and what each maps to what.
const STUDIO_MAPS = [
  ['packs', 'pack ids to manifest paths'],
  ['agents', 'agent ids to module paths'],
  ['locales', 'locale pack ids to manifest paths'],
] as const;

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
    const bad = STUDIO_MAPS.find(([key]) => s[key] !== undefined && !isRecordOfStrings(s[key]));
    if (bad) {
      warnings.push({ plugin: p.name, message: `"studio.${bad[0]}" must map ${bad[1]}; plugin ignored` });
      continue;
    }
    if (typeof s.research_agent === 'string') studio.research_agent = s.research_agent;
    if (typeof s.agent_bundle === 'string') studio.agent_bundle = s.agent_bundle;
    if (s.locales) studio.locales = s.locales as Record<string, string>;
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
  const localeClaims = new Map<string, LocaleRef[]>();
  const sorted = [...plugins].sort((a, b) => compareCodePoints(a.name, b.name));
  for (const plugin of sorted) {
    for (const [id, manifest] of Object.entries(plugin.studio.packs ?? {})) {
      packClaims.set(id, [...(packClaims.get(id) ?? []), { id, plugin, manifest }]);
    }
    for (const [id, module] of Object.entries(plugin.studio.agents ?? {})) {
      agentClaims.set(id, [...(agentClaims.get(id) ?? []), { id, plugin, module }]);
    }
    for (const [id, manifest] of Object.entries(plugin.studio.locales ?? {})) {
      localeClaims.set(id, [...(localeClaims.get(id) ?? []), { id, plugin, manifest }]);
    }
  }
  const warnings = [...initialWarnings];
  const packs = resolveClaims('pack', packClaims, warnings);
  const agents = resolveClaims('agent', agentClaims, warnings);
  const locales = resolveClaims('locale pack', localeClaims, warnings);
  return { packs, agents, locales, warnings };
}

/** The catalog of the plugin packages in `roots` (folders holding a package.json), as if oclif had
 *  loaded them as core plugins: for a pack's own tests with `renderPacks`, and for tools. */
export function catalogFromFolders(roots: string[]): Catalog {
  const { plugins, warnings } = pluginsFromOclif(
    roots.map((root) => {
      const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
      };
      return { name: pjson.name, version: pjson.version, root, type: 'core', pjson };
    }),
  );
  return buildCatalog(plugins, warnings);
}

/** One claimant per id is used; an id claimed twice is used by neither, with a warning for each. */
function resolveClaims<R extends { plugin: PluginRef }>(
  kind: 'pack' | 'agent' | 'locale pack',
  claims: Map<string, R[]>,
  warnings: Catalog['warnings'],
): Map<string, R> {
  const out = new Map<string, R>();
  for (const id of [...claims.keys()].sort(compareCodePoints)) {
    const list = claims.get(id)!;
    if (list.length === 1) {
      out.set(id, list[0]!);
      continue;
    }
    // A built-in id is never displaced by an installed or linked package: the built-in wins.
    const builtIn = list.filter((c) => c.plugin.type === 'core' || c.plugin.type === 'dev');
    if (builtIn.length === 1) {
      out.set(id, builtIn[0]!);
      for (const c of list.filter((c) => c !== builtIn[0])) {
        warnings.push({
          plugin: c.plugin.name,
          message: `${kind} id "${id}" is built in (${builtIn[0]!.plugin.name}); the one of ${c.plugin.name} is not used`,
        });
      }
      continue;
    }
    const names = list.map((c) => c.plugin.name).join(' and ');
    for (const c of list) {
      warnings.push({
        plugin: c.plugin.name,
        message: `${kind} id "${id}" is claimed by ${names}; neither is used`,
      });
    }
  }
  return out;
}
