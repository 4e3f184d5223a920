import type { AgentContext, AgentDefinition, ReadonlySpec, SourceSpec } from '@studio/sdk';
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { runAgent } from '../../sandbox/agents.js';
import { deepFreeze } from '../../util/deep-freeze.js';
import type { Plan } from '../plan.js';
import type { StepRunner } from '../step-runner.js';
import { defineStage } from '../stage.js';

export interface RunAgentsInput {
  plan: Plan;
  spec: SourceSpec;
}

/** View-models keyed by each agent's `produces`, frozen. */
export type ViewModels = Record<string, unknown>;

/** A frozen copy of the spec. Nothing can change it, so every agent of a run is given the same one
 *  (a copy per agent cost ~2 ms of a warm deep run, twelve agents). */
export function frozenSpec(spec: SourceSpec | ReadonlySpec): ReadonlySpec {
  return deepFreeze(structuredClone(spec)) as ReadonlySpec;
}

/** The context an agent runs with, as the host builds it: a frozen copy of the spec (`shared`, when
 *  given, is one from frozenSpec), the run's locale and the frozen view-models of the agents it
 *  `needs`. Agents' own tests build theirs here too. */
export function agentContext(
  spec: SourceSpec | ReadonlySpec,
  inputs: Record<string, unknown> = {},
  shared?: ReadonlySpec,
): AgentContext {
  return {
    spec: shared ?? frozenSpec(spec),
    locale: spec.meta.locale,
    inputs: Object.freeze({ ...inputs }),
  };
}

/** Run one agent as a budgeted step of `stage`: the one place the host calls into agent code. Whatever
 *  it throws comes out as a StudioError stamped with the agent's plugin. */
export async function callAgent(
  steps: StepRunner,
  stage: string,
  agent: AgentDefinition,
  plugin: string,
  ctx: AgentContext,
): Promise<unknown> {
  return steps.run(stage, agent.id, async () => {
    try {
      // Native for built-ins, in the sandbox for every other plugin (src/sandbox/agents.ts).
      return await runAgent(agent, ctx, { cpuMs: steps.stepLimitMs(), plugin });
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
}

/** Every agent in plan order, each one budgeted step; an agent's failure is stamped with its plugin. */
export const runAgents = defineStage<RunAgentsInput, ViewModels>({
  name: 'RunAgents',
  container: true,
  async run({ plan, spec }, { steps }) {
    const models: ViewModels = {};
    const shared = frozenSpec(spec);
    for (const { agent, plugin } of plan.agents) {
      const inputs: Record<string, unknown> = {};
      for (const need of agent.needs ?? []) inputs[need] = models[need];
      const vm = await callAgent(steps, 'RunAgents', agent, plugin, agentContext(spec, inputs, shared));
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
