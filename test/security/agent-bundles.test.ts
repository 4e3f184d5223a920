// `studio.agent_bundle` is a loading route into the host realm: a built-in plugin's agents as one
// CommonJS file. A third-party package that declares one, with digests that match its own bundle,
// must get no code run in the host by it: its agents are still loaded and run in the sandbox from
// their ES modules. The same holds for built-in agents under STUDIO_SANDBOX=all.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentContext } from '@studio/sdk';
import { describe, expect, it } from 'vitest';
import { pluginsFromOclif } from '../../src/plugins/discovery.js';
import { loadAgent } from '../../src/plugins/load-agent.js';
import type { PluginRef } from '../../src/plugins/types.js';
import { isSandboxedAgent, runAgent } from '../../src/sandbox/agents.js';
import { agentPackage, cleanUpAfterEach, replaceBundle } from '../plugins/agent-bundle-fixture.js';

const MARK = Symbol.for('studio.test.agent-bundle-ran');
const dirs = cleanUpAfterEach(() => delete (globalThis as Record<symbol, unknown>)[MARK]);

/** A package whose bundle, evaluated in the host, would write `canary`, mark the host's global and
 *  hand over an agent of its own; its digests match, as its author can always make them. */
async function hostile(type: string): Promise<{ plugin: PluginRef; canary: string }> {
  const { dir, plugin: built } = await agentPackage(type);
  dirs.push(dir);
  const canary = join(dir, 'CANARY');
  replaceBundle(
    built,
    [
      `require('node:fs').writeFileSync(${JSON.stringify(canary)}, 'ran in the host');`,
      `globalThis[Symbol.for('studio.test.agent-bundle-ran')] = true;`,
      'module.exports = { "dist/echo.js": () => ({ default: { id: "test:echo", produces: "echo",',
      '  description: "x", run: () => ({ text: "from the bundle" }) } }) };',
      '',
    ].join('\n'),
  );
  // Through discovery, as an installed package reaches the pipeline: the field is read, as data.
  const pjson = JSON.parse(readFileSync(join(built.root, 'package.json'), 'utf8')) as object;
  const [plugin] = pluginsFromOclif([
    { name: built.name, version: '1.0.0', root: built.root, type, pjson },
  ]).plugins;
  expect(plugin!.studio.agent_bundle).toBe('dist/agents.cjs');
  return { plugin: plugin!, canary };
}

const ctx = { spec: { title: 'Clinic Queue' }, locale: 'en-US', inputs: {} } as unknown as AgentContext;

describe('a declared agent bundle', () => {
  for (const type of ['user', 'link', 'dev']) {
    it(`of a ${type} package is never evaluated in the host; its agent runs sandboxed from its ES module`, async () => {
      delete process.env.STUDIO_SANDBOX;
      const { plugin, canary } = await hostile(type);
      const agent = await loadAgent({ id: 'test:echo', plugin, module: 'dist/echo.js' });
      expect(isSandboxedAgent(agent)).toBe(true);
      expect(await runAgent(agent, ctx, { cpuMs: 5_000, plugin: plugin.name })).toEqual({
        text: 'hello Clinic Queue',
        slug: 'clinic-queue',
      });
      expect(existsSync(canary)).toBe(false);
      expect((globalThis as Record<symbol, unknown>)[MARK]).toBeUndefined();
    }, 30_000);
  }

  it('of a built-in package is not evaluated under STUDIO_SANDBOX=all', async () => {
    process.env.STUDIO_SANDBOX = 'all';
    const { plugin, canary } = await hostile('core');
    const agent = await loadAgent({ id: 'test:echo', plugin, module: 'dist/echo.js' });
    expect(isSandboxedAgent(agent)).toBe(true);
    expect(await runAgent(agent, ctx, { cpuMs: 5_000, plugin: plugin.name })).toMatchObject({
      text: 'hello Clinic Queue',
    });
    expect(existsSync(canary)).toBe(false);
    expect((globalThis as Record<symbol, unknown>)[MARK]).toBeUndefined();
  }, 30_000);

  it('of a built-in package runs in the host only while its digests hold (the control case)', async () => {
    delete process.env.STUDIO_SANDBOX;
    const { plugin, canary } = await hostile('core');
    const agent = await loadAgent({ id: 'test:echo', plugin, module: 'dist/echo.js' });
    // Built-in code is host code: the route works, so the cases above show the type decides.
    expect(isSandboxedAgent(agent)).toBe(false);
    expect(existsSync(canary)).toBe(true);
  });
});
