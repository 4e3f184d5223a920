// Gate 3: each pack manifest (strict JSON: duplicate keys refused; schema: unknown fields refused;
// ids and paths consistent) and each agent the package provides (the agent contract).
// Gate 4: engine and spec-version ranges, checked by the host against its own versions.
import type { PackManifest } from '@studio/sdk';
import { isStudioError } from '../errors/studio-error.js';
import { loadAgent } from '../plugins/load-agent.js';
import { loadPack } from '../plugins/load-pack.js';
import type { PluginRef } from '../plugins/types.js';
import { isValidRange, satisfies } from '../util/semver.js';
import type { EngineVersions } from '../registry/resolve-version.js';
import { compareCodePoints } from '../util/canonical-json.js';
import type { GateFinding } from './types.js';

function fromError(error: unknown, fallbackFile: string): GateFinding[] {
  if (!isStudioError(error)) throw error;
  const head: GateFinding = {
    code: error.code,
    message: error.message,
    file: error.file ?? fallbackFile,
    pointer: error.pointer,
    line: error.line,
    hint: error.hint,
  };
  return [
    head,
    ...error.details.map((d) => ({
      code: error.code,
      message: d.message,
      file: d.file ?? head.file,
      pointer: d.pointer,
      line: d.line,
      hint: d.hint,
    })),
  ];
}

/** Load every manifest of `plugin`; findings for each problem, manifests that loaded. */
export async function manifestGate(
  plugin: PluginRef,
  others: PluginRef[],
): Promise<{ findings: GateFinding[]; manifests: PackManifest[] }> {
  const findings: GateFinding[] = [];
  const manifests: PackManifest[] = [];
  for (const [id, manifest] of Object.entries(plugin.studio.packs ?? {}).sort(([a], [b]) =>
    compareCodePoints(a, b),
  )) {
    try {
      manifests.push(loadPack({ id, plugin, manifest }).manifest);
    } catch (error) {
      findings.push(...fromError(error, manifest));
    }
  }
  const ownAgents = new Set(Object.keys(plugin.studio.agents ?? {}));
  for (const [id, module] of Object.entries(plugin.studio.agents ?? {}).sort(([a], [b]) =>
    compareCodePoints(a, b),
  )) {
    try {
      await loadAgent({ id, plugin, module });
    } catch (error) {
      findings.push(...fromError(error, module));
    }
  }
  const available = new Set([...ownAgents, ...others.flatMap((p) => Object.keys(p.studio.agents ?? {}))]);
  const packIds = new Set([
    ...manifests.map((m) => m.id),
    ...others.flatMap((p) => Object.keys(p.studio.packs ?? {})),
  ]);
  for (const m of manifests) {
    for (const agent of m.agents) {
      if (!available.has(agent)) {
        findings.push({
          code: 'E_AGENT_NOT_FOUND',
          message: `pack "${m.id}" needs agent "${agent}", which neither this package nor any loaded plugin provides`,
          file: plugin.studio.packs![m.id],
          pointer: '/agents',
        });
      }
    }
    for (const parent of m.extends ?? []) {
      if (!packIds.has(parent)) {
        findings.push({
          message: `pack "${m.id}" extends "${parent}", which no loaded plugin provides`,
          file: plugin.studio.packs![m.id],
          pointer: '/extends',
        });
      }
    }
  }
  return { findings, manifests };
}

export function engineGate(
  manifests: PackManifest[],
  files: Record<string, string>,
  host: EngineVersions,
): GateFinding[] {
  const findings: GateFinding[] = [];
  for (const m of manifests) {
    const file = files[m.id];
    const ranges = [
      {
        field: 'engine' as const,
        version: host.engine,
        refusal: `pack "${m.id}" needs studio ${m.engine}; this is studio ${host.engine}`,
        hint: 'Widen the engine range after testing with this version, or use a matching studio.',
      },
      {
        field: 'spec_versions' as const,
        version: host.spec,
        refusal: `pack "${m.id}" accepts Source Spec ${m.spec_versions}; this engine writes ${host.spec}`,
      },
    ];
    for (const { field, version, refusal, hint } of ranges) {
      const range = m[field];
      if (!isValidRange(range)) {
        findings.push({
          message: `pack "${m.id}": ${field} "${range}" is not a semver range`,
          file,
          pointer: `/${field}`,
        });
      } else if (!satisfies(version, range)) {
        findings.push({
          message: refusal,
          file,
          pointer: `/${field}`,
          ...(hint === undefined ? {} : { hint }),
        });
      }
    }
  }
  return findings;
}
