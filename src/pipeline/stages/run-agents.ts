import type { AgentContext, ReadonlySpec, SourceSpec } from '@studio/sdk';
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { deepFreeze } from '../../util/deep-freeze.js';
import type { Plan } from '../plan.js';
import { defineStage } from '../stage.js';

export interface RunAgentsInput {
  plan: Plan;
  spec: SourceSpec;
}

/** View-models keyed by each agent's `produces`, frozen. */
export type ViewModels = Record<string, unknown>;

/** The context an agent runs with, as the host builds it: a frozen copy of the spec, the run's locale
 *  and the frozen view-models of the agents it `needs`. Agents' own tests build theirs here too. */
export function agentContext(
  spec: SourceSpec | ReadonlySpec,
  inputs: Record<string, unknown> = {},
): AgentContext {
  return {
    spec: deepFreeze(structuredClone(spec)) as ReadonlySpec,
    locale: spec.meta.locale,
    inputs: Object.freeze({ ...inputs }),
  };
}

/** Every agent in plan order, each one budgeted step; an agent's failure is stamped with its plugin. */
export const runAgents = defineStage<RunAgentsInput, ViewModels>({
  name: 'RunAgents',
  container: true,
  async run({ plan, spec }, { steps }) {
    const models: ViewModels = {};
    for (const { agent, plugin } of plan.agents) {
      const inputs: Record<string, unknown> = {};
      for (const need of agent.needs ?? []) inputs[need] = models[need];
      const vm = await steps.run('RunAgents', agent.id, async () => {
        try {
          return await agent.run(agentContext(spec, inputs));
        } catch (error) {
          if (error instanceof StudioError) {
            error.plugin ??= plugin;
            throw error;
          }
          throw new StudioError(
            ErrorCodes.AGENT_FAILED,
            `agent "${agent.id}" failed: ${(error as Error).message}`,
            {
              plugin,
              cause: error,
              hint: 'This is a bug in the plugin that provides the agent; report it to its authors.',
            },
          );
        }
      });
      if (vm === undefined || vm === null || typeof vm !== 'object') {
        throw new StudioError(ErrorCodes.AGENT_FAILED, `agent "${agent.id}" returned no view-model object`, {
          plugin,
          hint: 'run(ctx) must return an object.',
        });
      }
      models[agent.produces] = deepFreeze(vm);
    }
    return models;
  },
});
