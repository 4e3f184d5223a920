// The CommonJS form of a built-in plugin's agents: used only while it is the build's conversion of the
// ES modules on disk, only for agents that run in the host, and it gives what the ES modules give.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AgentContext, AgentDefinition } from '@studio/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessSpecs } from '../../src/gates/harness-specs.js';
import { planRun } from '../../src/pipeline/plan.js';
import { createRunContext } from '../../src/pipeline/run-context.js';
import { stageContext } from '../../src/pipeline/stage.js';
import { runAgents } from '../../src/pipeline/stages/run-agents.js';
import { bundledAgentLoader } from '../../src/plugins/agent-bundle.js';
import { buildCatalog } from '../../src/plugins/discovery.js';
import { loadAgent } from '../../src/plugins/load-agent.js';
import type { PluginRef } from '../../src/plugins/types.js';
import { ensureFirstPartyBuilt, firstPartyPlugins } from '../gates/first-party.js';
import { agentPackage, cleanUpAfterEach, replaceBundle, sdkDir } from './agent-bundle-fixture.js';

const dirs = cleanUpAfterEach();

async function fixture(type = 'core', files: Record<string, string> = {}): Promise<PluginRef> {
  const { dir, plugin } = await agentPackage(type, files);
  dirs.push(dir);
  return plugin;
}

const ctx = { spec: { title: 'Clinic Queue' } } as unknown as AgentContext;

/** The agent as an ES module import gives it (the module cache: the same object every time). */
async function imported(plugin: PluginRef): Promise<AgentDefinition> {
  const url = pathToFileURL(join(plugin.root, 'dist/echo.js')).href;
  return ((await import(url)) as { default: AgentDefinition }).default;
}

async function load(plugin: PluginRef): Promise<AgentDefinition> {
  return loadAgent({ id: 'test:echo', plugin, module: 'dist/echo.js' });
}

describe('bundledAgentLoader', () => {
  it('loads a core agent from its verified bundle, which runs as the ES module does', async () => {
    delete process.env.STUDIO_SANDBOX;
    const plugin = await fixture();
    expect(bundledAgentLoader(plugin, 'dist/echo.js')).toBeTypeOf('function');
    const agent = await load(plugin);
    const esm = await imported(plugin);
    // Another instance than the ES module's: it came from the bundle.
    expect(agent).not.toBe(esm);
    expect(agent.id).toBe('test:echo');
    expect(await agent.run(ctx)).toEqual({ text: 'hello Clinic Queue', slug: 'clinic-queue' });
    expect(await agent.run(ctx)).toEqual(await esm.run(ctx));
    // One answer per plugin and process: a second load is the same module.
    expect(await load(plugin)).toBe(agent);
  });

  it('imports the ES module when a module the bundle was built from changed since', async () => {
    delete process.env.STUDIO_SANDBOX;
    const plugin = await fixture();
    writeFileSync(join(plugin.root, 'dist/lib.js'), 'export const greeting = (title) => `hi ${title}`;\n');
    expect(bundledAgentLoader(plugin, 'dist/echo.js')).toBeNull();
    const agent = await load(plugin);
    expect(agent).toBe(await imported(plugin));
    expect((await agent.run(ctx)) as { text: string }).toMatchObject({ text: 'hi Clinic Queue' });
  });

  it('imports the ES module when the bundle was edited, the SDK differs, or the digests are missing or malformed', async () => {
    delete process.env.STUDIO_SANDBOX;
    const edited = await fixture();
    const file = join(edited.root, 'dist/agents.cjs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('hello', 'HELLO'));
    expect(bundledAgentLoader(edited, 'dist/echo.js')).toBeNull();
    expect(await load(edited)).toBe(await imported(edited));

    const sdk = await fixture();
    const sdkFile = join(sdkDir(join(sdk.root, '..', '..', '..')), 'index.js');
    writeFileSync(sdkFile, `${readFileSync(sdkFile, 'utf8')}\n// changed\n`);
    expect(bundledAgentLoader(sdk, 'dist/echo.js')).toBeNull();

    const missing = await fixture();
    unlinkSync(join(missing.root, 'dist/agents.cjs.json'));
    expect(bundledAgentLoader(missing, 'dist/echo.js')).toBeNull();

    for (const digests of [
      'not json',
      '{"bundle": 1, "sources": {}}',
      '{"bundle": "x", "sources": {}}',
      '{"bundle": "x", "sources": {"../x.js": "y"}}',
      '{"bundle": "x", "sources": {"/etc/passwd": "y"}}',
      '{"bundle": "x", "sources": {"dist/echo.js": "y"}, "packages": []}',
      '{"bundle": "x", "sources": {"dist/echo.js": "y"}, "packages": {"../x": "y"}}',
    ]) {
      const plugin = await fixture();
      writeFileSync(join(plugin.root, 'dist/agents.cjs.json'), digests);
      expect(bundledAgentLoader(plugin, 'dist/echo.js'), digests).toBeNull();
    }
  });

  it('gives nothing for a module the bundle does not hold or a bundle path that is not plain', async () => {
    delete process.env.STUDIO_SANDBOX;
    const plugin = await fixture();
    expect(bundledAgentLoader(plugin, 'dist/lib.js')).toBeNull();
    expect(bundledAgentLoader(plugin, 'dist/other.js')).toBeNull();
    expect(bundledAgentLoader(plugin, 'constructor')).toBeNull();
    for (const agent_bundle of ['../agents.cjs', '/tmp/agents.cjs', 'dist/agents.js']) {
      expect(
        bundledAgentLoader({ ...plugin, studio: { ...plugin.studio, agent_bundle } }, 'dist/echo.js'),
      ).toBeNull();
    }
    const { agent_bundle: _, ...studio } = plugin.studio;
    expect(bundledAgentLoader({ ...plugin, studio }, 'dist/echo.js')).toBeNull();
  });

  it('is never used for an agent that runs sandboxed', async () => {
    for (const type of ['user', 'link', 'dev']) {
      delete process.env.STUDIO_SANDBOX;
      const plugin = await fixture(type);
      expect(bundledAgentLoader(plugin, 'dist/echo.js'), type).toBeNull();
    }
    process.env.STUDIO_SANDBOX = 'all';
    expect(bundledAgentLoader(await fixture('core'), 'dist/echo.js')).toBeNull();
  });

  it('lets a thrown top level through as the agent failing to load', async () => {
    delete process.env.STUDIO_SANDBOX;
    const plugin = await fixture();
    replaceBundle(
      plugin,
      'module.exports = { "dist/echo.js": () => { throw new Error("top level broke"); } };\n',
    );
    await expect(load(plugin)).rejects.toThrow(/could not be loaded: top level broke/);
  });
});

describe('the built-in agents, bundled and as ES modules', () => {
  beforeAll(() => ensureFirstPartyBuilt());

  async function models(bundled: boolean, specIndex: number) {
    delete process.env.STUDIO_SANDBOX;
    const plugins = firstPartyPlugins().map((p) => {
      if (bundled) return p;
      const { agent_bundle: _, ...studio } = p.studio;
      return { ...p, studio };
    });
    const plan = await planRun(buildCatalog(plugins), ['deep']);
    const ctx = stageContext(createRunContext({ cacheDir: null }), process.env);
    return { plan, models: await runAgents.run({ plan, spec: harnessSpecs()[specIndex]!.spec }, ctx) };
  }

  it('come from the bundle for every built-in agent', () => {
    const withAgents = firstPartyPlugins().filter((p) => p.studio.agents);
    expect(withAgents.length).toBe(2);
    for (const plugin of withAgents) {
      for (const module of Object.values(plugin.studio.agents!)) {
        expect(bundledAgentLoader(plugin, module), `${plugin.name} ${module}`).toBeTypeOf('function');
      }
    }
  });

  for (const index of [0, 1, 2]) {
    it(`give the same view-models on harness spec ${index}`, async () => {
      const bundled = await models(true, index);
      const esm = await models(false, index);
      expect(bundled.plan.agents.length).toBe(12);
      for (const [i, { agent }] of bundled.plan.agents.entries()) {
        const other = esm.plan.agents[i]!.agent;
        // Different module instances (one each way), the same declared fields and output.
        expect(agent).not.toBe(other);
        expect({ ...agent, run: typeof agent.run }).toEqual({ ...other, run: typeof other.run });
        expect(`${agent.id}: ${JSON.stringify(bundled.models[agent.produces])}`).toBe(
          `${agent.id}: ${JSON.stringify(esm.models[agent.produces])}`,
        );
      }
    }, 60_000);
  }
});
