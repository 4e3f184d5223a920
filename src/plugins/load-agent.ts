import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AgentDefinition } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { loadSandboxedAgent, runsSandboxed, sandboxedAgent } from '../sandbox/agents.js';
import { bundledAgentLoader } from './agent-bundle.js';
import type { AgentRef } from './types.js';

/** Load an agent and check it keeps the agent contract. Agents of packages that are not built in (and
 *  every agent under STUDIO_SANDBOX=all) are loaded inside the sandbox: their code never runs here.
 *  A built-in agent comes from its plugin's verified CommonJS bundle when there is one (code cache). */
export async function loadAgent(ref: AgentRef): Promise<AgentDefinition> {
  if (runsSandboxed(ref.plugin)) {
    const described = await loadSandboxedAgent(ref);
    checkContract(ref, described.object ? (described as Parameters<typeof checkContract>[1]) : undefined);
    return sandboxedAgent(ref, described);
  }
  const bundled = bundledAgentLoader(ref.plugin, ref.module);
  let mod: { default?: unknown };
  try {
    mod = bundled
      ? bundled()
      : ((await import(pathToFileURL(join(ref.plugin.root, ref.module)).href)) as { default?: unknown });
  } catch (error) {
    throw new StudioError(
      ErrorCodes.AGENT_FAILED,
      `agent "${ref.id}" could not be loaded: ${(error as Error).message}`,
      {
        plugin: ref.plugin.name,
        file: `${ref.plugin.name}/${ref.module}`,
        hint: 'Build the plugin (npm run build) or reinstall it.',
        cause: error,
      },
    );
  }
  const agent = mod.default as Partial<AgentDefinition> | undefined;
  checkContract(ref, agent && typeof agent === 'object' ? { ...agent, run: typeof agent.run } : agent);
  return agent as AgentDefinition;
}

/** `agent` with `run` replaced by its typeof (the field list is all a sandboxed agent shows). */
function checkContract(
  ref: AgentRef,
  agent: (Partial<Omit<AgentDefinition, 'run'>> & { run?: string }) | undefined,
): void {
  const problems: string[] = [];
  if (!agent || typeof agent !== 'object') problems.push('the module has no default export object');
  else {
    if (agent.id !== ref.id) problems.push(`its id is "${String(agent.id)}", package.json says "${ref.id}"`);
    if (typeof agent.produces !== 'string' || !/^[a-z][a-z0-9_]*$/.test(agent.produces))
      problems.push('"produces" must be a lowercase identifier');
    if (agent.run !== 'function') problems.push('"run" must be a function');
    if (
      agent.needs !== undefined &&
      !(Array.isArray(agent.needs) && agent.needs.every((n) => typeof n === 'string'))
    )
      problems.push('"needs" must be a list of produces keys');
  }
  if (problems.length > 0) {
    throw new StudioError(
      ErrorCodes.AGENT_FAILED,
      `agent "${ref.id}" breaks the agent contract: ${problems.join('; ')}`,
      {
        plugin: ref.plugin.name,
        file: `${ref.plugin.name}/${ref.module}`,
        hint: 'An agent module default-exports {id, produces, description, run(ctx)}.',
      },
    );
  }
}
