// Which agents run sandboxed, and the one function through which the pipeline runs any agent.
//
// Agents of user-installed, linked and gated packages always run in the sandbox; the built-in agents
// (oclif "core" plugins shipped with studio) run natively for speed unless STUDIO_SANDBOX=all. Either
// way the view-model crosses as JSON, so built-ins keep to the same contract as a vendor's agent.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentContext, AgentDefinition } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import type { AgentRef, Catalog, PluginRef } from '../plugins/types.js';
import type { AgentDescription, SandboxLimits, SandboxReply } from './protocol.js';
import { budgetsFromEnv } from '../pipeline/run-context.js';
import { positiveFromEnv } from '../util/env-number.js';
import { sourceDateEpoch } from '../output/epoch.js';
import { runInSandbox, warmSandbox } from './sandbox-host.js';

export type { SandboxLimits } from './protocol.js';

/** Defaults (docs/pack-authoring.md): overridable with STUDIO_AGENT_MEMORY_MB and STUDIO_AGENT_OUTPUT_MB. */
export const DEFAULT_AGENT_MEMORY_MB = 128;
// Derived from the input limits (test/pipeline/output-rules.test.ts): the largest view-model an accepted
// spec makes, the test plan of 10,000 criteria on long-named features, is about 17 MB of JSON.
export const DEFAULT_AGENT_OUTPUT_MB = 32;

/** Memory and output limits from the environment; the time limit comes from the step budget. */
export function sandboxLimits(cpuMs: number, env: NodeJS.ProcessEnv = process.env): SandboxLimits {
  return {
    cpuMs,
    memoryBytes: Math.floor(
      positiveFromEnv(env.STUDIO_AGENT_MEMORY_MB, DEFAULT_AGENT_MEMORY_MB) * 1024 * 1024,
    ),
    outputChars: Math.floor(
      positiveFromEnv(env.STUDIO_AGENT_OUTPUT_MB, DEFAULT_AGENT_OUTPUT_MB) * 1024 * 1024,
    ),
  };
}

/** Whether agents of `plugin` run in the sandbox. */
export function runsSandboxed(plugin: PluginRef, env: NodeJS.ProcessEnv = process.env): boolean {
  return plugin.type !== 'core' || env.STUDIO_SANDBOX === 'all';
}

/** `Date.now()` inside the sandbox: the pinned build time when there is one, else the epoch. */
function sandboxEpochMs(env: NodeJS.ProcessEnv = process.env): number {
  return (sourceDateEpoch(env) ?? 0) * 1000;
}

const sandboxedRefs = new WeakMap<AgentDefinition, AgentRef>();

function failure(
  ref: AgentRef,
  reply: Extract<SandboxReply, { ok: false }>,
  limits: SandboxLimits,
): StudioError {
  const who = `agent "${ref.id}" of ${ref.plugin.name}`;
  const common = { plugin: ref.plugin.name, file: `${ref.plugin.name}/${ref.module}` };
  switch (reply.kind) {
    case 'timeout':
      return new StudioError(
        ErrorCodes.STEP_TIMEOUT,
        `${who} was stopped after ${limits.cpuMs} ms: ${reply.message}`,
        {
          ...common,
          hint: 'An agent must finish promptly and may not wait on anything; raise STUDIO_STEP_TIMEOUT_MS only for legitimately slow work.',
        },
      );
    case 'resource':
      return new StudioError(ErrorCodes.AGENT_RESOURCE, `${who} exceeded its resources: ${reply.message}`, {
        ...common,
        hint: `Agents may use ${Math.round(limits.memoryBytes / 1048576)} MiB (STUDIO_AGENT_MEMORY_MB) and a bounded stack.`,
      });
    case 'output':
      return new StudioError(
        ErrorCodes.AGENT_OUTPUT,
        `${who} returned an unusable view-model: ${reply.message}`,
        {
          ...common,
          hint: 'run(ctx) must return plain JSON data (objects, arrays, strings, finite numbers, booleans, null) within STUDIO_AGENT_OUTPUT_MB.',
        },
      );
    case 'load':
      return new StudioError(ErrorCodes.AGENT_FAILED, `${who} could not be loaded: ${reply.message}`, {
        ...common,
        hint: 'An agent is a self-contained ES module that imports only files of its own package (see docs/pack-authoring.md).',
      });
    default:
      return new StudioError(ErrorCodes.AGENT_FAILED, `${who} failed: ${reply.message}`, {
        ...common,
        hint: 'Agents run without process, fs, network, timers, clock or randomness; see docs/pack-authoring.md.',
      });
  }
}

/** Declared fields read earlier in this process, by module file and its size and mtime: the gates plan
 *  the same pack six times, and its modules do not change in between. */
const described = new Map<string, Promise<AgentDescription>>();

/** Load an agent module inside the sandbox and read its declared fields; `run` stays inside. */
export function loadSandboxedAgent(ref: AgentRef): Promise<AgentDescription> {
  let key: string | null = null;
  try {
    const file = join(ref.plugin.root, ref.module);
    const stat = statSync(file);
    key = `${file}\0${stat.size}\0${stat.mtimeMs}`;
  } catch {
    // A missing module is reported by the sandbox's loader, with the reason.
  }
  const cached = key === null ? undefined : described.get(key);
  if (cached) return cached;
  const pending = describeInSandbox(ref);
  if (key !== null) {
    described.set(key, pending);
    pending.catch(() => described.delete(key));
  }
  return pending;
}

async function describeInSandbox(ref: AgentRef): Promise<AgentDescription> {
  // Loading runs the module's top level: it gets the per-step time like a run does.
  const limits = sandboxLimits(budgetsFromEnv().stepTimeoutMs);
  const reply = await runInSandbox({
    kind: 'describe',
    packageRoot: ref.plugin.root,
    module: ref.module,
    limits,
    epochMs: sandboxEpochMs(),
  });
  if (!reply.ok) throw failure(ref, reply, limits);
  return JSON.parse(reply.json) as AgentDescription;
}

/** An AgentDefinition whose `run` executes in the sandbox (ids and fields were read from it). */
export function sandboxedAgent(ref: AgentRef, described: AgentDescription): AgentDefinition {
  const agent: AgentDefinition = {
    id: String(described.id),
    produces: String(described.produces),
    description: typeof described.description === 'string' ? described.description : '',
    ...(Array.isArray(described.needs) ? { needs: described.needs.map(String) } : {}),
    run: (ctx) => runSandboxed(ref, ctx, sandboxLimits(budgetsFromEnv().stepTimeoutMs)),
  };
  sandboxedRefs.set(agent, ref);
  return agent;
}

async function runSandboxed(ref: AgentRef, ctx: AgentContext, limits: SandboxLimits): Promise<unknown> {
  const reply = await runInSandbox({
    kind: 'run',
    packageRoot: ref.plugin.root,
    module: ref.module,
    limits,
    epochMs: sandboxEpochMs(),
    // The whole context crosses as JSON (spec, locale, inputs, and evidence for the Research agent).
    input: JSON.stringify(ctx),
  });
  if (!reply.ok) throw failure(ref, reply, limits);
  return JSON.parse(reply.json) as unknown;
}

/** Run any agent: sandboxed ones inside the sandbox with `cpuMs`; native ones in place, their
 *  view-model then reduced to JSON data exactly as the sandbox would hand it over. */
export async function runAgent(
  agent: AgentDefinition,
  ctx: AgentContext,
  options: { cpuMs: number; plugin: string },
): Promise<unknown> {
  const ref = sandboxedRefs.get(agent);
  if (ref) return runSandboxed(ref, ctx, sandboxLimits(options.cpuMs));
  const vm: unknown = await agent.run(ctx);
  const limits = sandboxLimits(options.cpuMs);
  let text: string | undefined;
  try {
    text = JSON.stringify(vm);
  } catch (error) {
    throw new StudioError(
      ErrorCodes.AGENT_OUTPUT,
      `agent "${agent.id}" returned a view-model that is not JSON data: ${(error as Error).message}`,
      { plugin: options.plugin, hint: 'run(ctx) must return plain JSON data.' },
    );
  }
  if (text !== undefined && text.length > limits.outputChars) {
    throw new StudioError(
      ErrorCodes.AGENT_OUTPUT,
      `agent "${agent.id}" returned ${text.length} characters of JSON, more than the limit of ${limits.outputChars}`,
      {
        plugin: options.plugin,
        hint: 'Raise STUDIO_AGENT_OUTPUT_MB only if the view-model is really that large.',
      },
    );
  }
  return text === undefined ? vm : (JSON.parse(text) as unknown);
}

/** Whether `agent` was loaded into the sandbox (its `run` never executes in this realm). */
export function isSandboxedAgent(agent: AgentDefinition): boolean {
  return sandboxedRefs.has(agent);
}

/** When a run will need the sandbox (a requested pack that is not built in, or STUDIO_SANDBOX=all),
 *  start it while the inputs are read, so that its start-up overlaps other work. */
export function prewarmSandbox(catalog: Catalog, packIds: readonly string[]): void {
  const needed =
    process.env.STUDIO_SANDBOX === 'all' ||
    packIds.some((id) => {
      const ref = catalog.packs.get(id);
      return ref !== undefined && runsSandboxed(ref.plugin);
    });
  if (needed) warmSandbox();
}
