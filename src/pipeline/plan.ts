import type { AgentDefinition, ArtifactSpec } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { loadAgent } from '../plugins/load-agent.js';
import { loadPack } from '../plugins/load-pack.js';
import type { ResolvedMessages } from '../i18n/resolve.js';
import type { AgentRef, Catalog, LoadedPack, LocaleRef } from '../plugins/types.js';
import { runsSandboxed } from '../sandbox/agents.js';
import { compareCodePoints } from '../util/canonical-json.js';

/** Built-in agents already loaded in this process, by catalog entry. Their modules are Node's to keep (an
 *  import of the same file gives the same module), so a later run of a long-lived host (the gates'
 *  harness, packs' own tests, a property test's thousand runs) reuses the checked agent instead of
 *  importing it again. Sandboxed agents are loaded for every run. */
const nativeAgents = new WeakMap<AgentRef, Promise<AgentDefinition>>();

function agentFor(ref: AgentRef): Promise<AgentDefinition> {
  if (runsSandboxed(ref.plugin)) return loadAgent(ref);
  let agent = nativeAgents.get(ref);
  if (agent === undefined) {
    agent = loadAgent(ref);
    nativeAgents.set(ref, agent);
    // A failed load is not remembered: the next run tries again and reports its own error.
    agent.catch(() => nativeAgents.delete(ref));
  }
  return agent;
}

/** One artifact to render, with the pack that owns its template. */
export interface PlannedArtifact {
  spec: ArtifactSpec;
  pack: LoadedPack;
}

/** What a run will do: which packs (requested and extended), which agents in which order, which artifacts. */
export interface Plan {
  /** Packs the user asked for, in the order asked (each gets a zip). */
  requested: LoadedPack[];
  /** Every pack involved, extended packs before the packs that extend them. */
  packs: LoadedPack[];
  /** Agents in run order (dependencies first, then by id). */
  agents: { agent: AgentDefinition; plugin: string }[];
  /** Artifacts of every pack involved, in pack order then manifest order. */
  artifacts: PlannedArtifact[];
  /** For each requested pack id: ids of the packs whose artifacts its zip holds. */
  members: Map<string, string[]>;
  /** Locale packs installed (read when the run's locale needs them). */
  locales: LocaleRef[];
  /** The catalogs each pack's messages come from, once the Plan stage resolved the run's locale. */
  messages?: ResolvedMessages;
}

function packNotFound(id: string, catalog: Catalog): StudioError {
  const known = [...catalog.packs.keys()].sort(compareCodePoints);
  return new StudioError(ErrorCodes.PACK_NOT_FOUND, `no installed plugin provides the pack "${id}"`, {
    hint: known.length
      ? `Known packs: ${known.join(', ')}. Find more with "studio registry search" and install with "studio plugins install".`
      : 'No packs are installed; reinstall studio or "studio plugins install" a pack.',
  });
}

/** Resolve packs (with `extends`, cycles refused), agents (with `needs`) and the artifact list. */
export async function planRun(catalog: Catalog, packIds: string[]): Promise<Plan> {
  const loaded = new Map<string, LoadedPack>();
  const order: LoadedPack[] = [];
  const members = new Map<string, string[]>();

  const visit = (id: string, trail: string[]): string[] => {
    if (trail.includes(id)) {
      throw new StudioError(
        ErrorCodes.MANIFEST_INVALID,
        `packs extend each other in a cycle: ${[...trail, id].join(' → ')}`,
        {
          hint: 'Remove one of the "extends" entries.',
        },
      );
    }
    const ref = catalog.packs.get(id);
    if (!ref) throw packNotFound(id, catalog);
    let pack = loaded.get(id);
    if (!pack) {
      pack = loadPack(ref);
      loaded.set(id, pack);
    }
    const ids: string[] = [];
    for (const parent of pack.manifest.extends ?? []) {
      for (const m of visit(parent, [...trail, id])) if (!ids.includes(m)) ids.push(m);
    }
    if (!order.includes(pack)) order.push(pack);
    ids.push(id);
    return ids;
  };

  const requested: LoadedPack[] = [];
  for (const id of packIds) {
    if (members.has(id)) continue;
    members.set(id, visit(id, []));
    requested.push(loaded.get(id)!);
  }

  const agentIds = new Set<string>();
  for (const pack of order) for (const a of pack.manifest.agents) agentIds.add(a);
  for (const pack of order) {
    for (const art of pack.manifest.artifacts) {
      for (const a of art.agents) {
        if (!agentIds.has(a)) {
          throw new StudioError(
            ErrorCodes.MANIFEST_INVALID,
            `artifact "${art.id}" uses agent "${a}", which the pack does not list`,
            {
              plugin: pack.plugin.name,
              hint: `Add "${a}" to the pack's "agents".`,
            },
          );
        }
      }
    }
  }

  const agents: { agent: AgentDefinition; plugin: string }[] = [];
  for (const id of [...agentIds].sort(compareCodePoints)) {
    const ref = catalog.agents.get(id);
    if (!ref) {
      throw new StudioError(ErrorCodes.AGENT_NOT_FOUND, `no installed plugin provides the agent "${id}"`, {
        hint: 'Install the plugin that provides it (see "studio pack list"), or rebuild (npm run build).',
      });
    }
    agents.push({ agent: await agentFor(ref), plugin: ref.plugin.name });
  }

  const artifacts: PlannedArtifact[] = [];
  for (const pack of order) for (const spec of pack.manifest.artifacts) artifacts.push({ spec, pack });
  return {
    requested,
    packs: order,
    agents: sortAgents(agents),
    artifacts,
    members,
    locales: [...(catalog.locales?.values() ?? [])],
  };
}

/** Topological order by `needs`, ties broken by id; duplicate `produces` and unknown needs refused. */
function sortAgents(
  list: { agent: AgentDefinition; plugin: string }[],
): { agent: AgentDefinition; plugin: string }[] {
  const byKey = new Map<string, { agent: AgentDefinition; plugin: string }>();
  for (const entry of list) {
    const other = byKey.get(entry.agent.produces);
    if (other) {
      throw new StudioError(
        ErrorCodes.PLUGIN_CONFLICT,
        `agents "${other.agent.id}" (${other.plugin}) and "${entry.agent.id}" (${entry.plugin}) both produce "${entry.agent.produces}"`,
        { hint: 'Each agent must produce its own view-model key.' },
      );
    }
    byKey.set(entry.agent.produces, entry);
  }
  const done: { agent: AgentDefinition; plugin: string }[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (entry: { agent: AgentDefinition; plugin: string }) => {
    const s = state.get(entry.agent.id);
    if (s === 'done') return;
    if (s === 'visiting') {
      throw new StudioError(
        ErrorCodes.PLUGIN_CONFLICT,
        `agent "${entry.agent.id}" is part of a "needs" cycle`,
        {
          plugin: entry.plugin,
          hint: 'Break the cycle between the agents\' "needs".',
        },
      );
    }
    state.set(entry.agent.id, 'visiting');
    for (const need of [...(entry.agent.needs ?? [])].sort(compareCodePoints)) {
      const dep = byKey.get(need);
      if (!dep) {
        throw new StudioError(
          ErrorCodes.AGENT_NOT_FOUND,
          `agent "${entry.agent.id}" needs "${need}", which no agent of this run produces`,
          {
            plugin: entry.plugin,
            hint: 'Add the agent that produces it to the pack\'s "agents".',
          },
        );
      }
      visit(dep);
    }
    state.set(entry.agent.id, 'done');
    done.push(entry);
  };
  for (const entry of [...list].sort((a, b) => compareCodePoints(a.agent.id, b.agent.id))) visit(entry);
  return done;
}
