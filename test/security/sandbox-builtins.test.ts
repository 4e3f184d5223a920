// The built-in agents keep the same contract as a vendor's: sandboxed (STUDIO_SANDBOX=all) they give
// byte-identical view-models and documents to their native runs, on both examples.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { harnessSpecs } from '../../src/gates/harness-specs.js';
import { planRun } from '../../src/pipeline/plan.js';
import { createRunContext } from '../../src/pipeline/run-context.js';
import { stageContext } from '../../src/pipeline/stage.js';
import { render } from '../../src/pipeline/stages/render.js';
import { runAgents } from '../../src/pipeline/stages/run-agents.js';
import { buildCatalog } from '../../src/plugins/discovery.js';
import { isSandboxedAgent } from '../../src/sandbox/agents.js';
import { ensureFirstPartyBuilt, firstPartyPlugins } from '../gates/first-party.js';

const saved = process.env.STUDIO_SANDBOX;
beforeAll(() => ensureFirstPartyBuilt());
afterEach(() => {
  if (saved === undefined) delete process.env.STUDIO_SANDBOX;
  else process.env.STUDIO_SANDBOX = saved;
});

async function generate(mode: 'native' | 'all', specIndex: number) {
  if (mode === 'all') process.env.STUDIO_SANDBOX = 'all';
  else delete process.env.STUDIO_SANDBOX;
  const { spec } = harnessSpecs()[specIndex]!;
  const catalog = buildCatalog(firstPartyPlugins());
  const plan = await planRun(catalog, ['deep']);
  const ctx = stageContext(createRunContext({ cacheDir: null }), process.env);
  const models = await runAgents.run({ plan, spec }, ctx);
  const artifacts = await render.run({ plan, spec, models }, ctx);
  return { plan, models, artifacts };
}

describe('built-in agents sandboxed and native', () => {
  for (const [index, label] of [
    [1, 'examples/clinic-queue'],
    [2, 'examples/ledgerly'],
  ] as const) {
    it(`give the same bytes on ${label}`, async () => {
      const native = await generate('native', index);
      const sandboxed = await generate('all', index);
      expect(native.plan.agents.some((a) => isSandboxedAgent(a.agent))).toBe(false);
      expect(sandboxed.plan.agents.every((a) => isSandboxedAgent(a.agent))).toBe(true);
      expect(sandboxed.plan.agents.length).toBeGreaterThan(8);
      for (const { agent } of native.plan.agents) {
        expect(`${agent.id}: ${JSON.stringify(sandboxed.models[agent.produces])}`).toBe(
          `${agent.id}: ${JSON.stringify(native.models[agent.produces])}`,
        );
      }
      expect(sandboxed.artifacts.map((a) => [a.path, a.content])).toEqual(
        native.artifacts.map((a) => [a.path, a.content]),
      );
    }, 120_000);
  }
});
