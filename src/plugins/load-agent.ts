import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AgentDefinition } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import type { AgentRef } from './types.js';

/** Import an agent module lazily and check it keeps the agent contract. */
export async function loadAgent(ref: AgentRef): Promise<AgentDefinition> {
  const url = pathToFileURL(join(ref.plugin.root, ref.module)).href;
  let mod: { default?: unknown };
  try {
    mod = (await import(url)) as { default?: unknown };
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
  const problems: string[] = [];
  if (!agent || typeof agent !== 'object') problems.push('the module has no default export object');
  else {
    if (agent.id !== ref.id) problems.push(`its id is "${String(agent.id)}", package.json says "${ref.id}"`);
    if (typeof agent.produces !== 'string' || !/^[a-z][a-z0-9_]*$/.test(agent.produces))
      problems.push('"produces" must be a lowercase identifier');
    if (typeof agent.run !== 'function') problems.push('"run" must be a function');
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
  return agent as AgentDefinition;
}
