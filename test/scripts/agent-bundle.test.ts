// The build step that writes a plugin's agent bundle (scripts/lib/agent-bundle.mjs): what it records,
// and what it refuses to bundle.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleAgents } from '../../scripts/lib/agent-bundle.mjs';
import { usesDynamicImport } from '../../src/cli/compile-cache.js';
import type { PluginRef } from '../../src/plugins/types.js';
import { REPO } from '../gates/first-party.js';
import { agentPackage } from '../plugins/agent-bundle-fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function fixture(type = 'core', files: Record<string, string> = {}): Promise<PluginRef> {
  const { dir, plugin } = await agentPackage(type, files);
  dirs.push(dir);
  return plugin;
}

describe('bundleAgents (the build step)', () => {
  it('records the sha256 of every module it bundled, of the SDK it inlined, and of the bundle', async () => {
    const plugin = await fixture();
    const digests = JSON.parse(readFileSync(join(plugin.root, 'dist/agents.cjs.json'), 'utf8')) as {
      bundle: string;
      packages: Record<string, string>;
      sources: Record<string, string>;
    };
    const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(digests.sources).toEqual({
      'dist/echo.js': sha(join(plugin.root, 'dist/echo.js')),
      'dist/lib.js': sha(join(plugin.root, 'dist/lib.js')),
    });
    expect(digests.packages).toEqual({ '@studio/sdk': sha(join(REPO, 'packages/sdk/index.js')) });
    expect(digests.bundle).toBe(sha(join(plugin.root, 'dist/agents.cjs')));
    // The SDK is inlined: loading the bundle loads no ES module.
    expect(readFileSync(join(plugin.root, 'dist/agents.cjs'), 'utf8')).not.toContain(
      'require("@studio/sdk")',
    );
  });

  it('does nothing for a package without agent_bundle', async () => {
    const plugin = await fixture();
    const { agent_bundle: _, ...studio } = plugin.studio;
    writeFileSync(join(plugin.root, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0', studio }));
    expect(await bundleAgents(plugin.root, { build, usesDynamicImport })).toBeNull();
  });

  it('refuses modules that would behave differently bundled, or code from outside the package', async () => {
    await expect(
      fixture('core', { 'dist/lib.js': 'export const greeting = (t) => `${import.meta.url} ${t}`;\n' }),
    ).rejects.toThrow(/uses import\.meta/);
    await expect(
      fixture('core', {
        'dist/lib.js': 'export const greeting = (t) => import(`./${t}.js`).then(() => t);\n',
      }),
    ).rejects.toThrow(/holds import\(\)/);
    await expect(
      fixture('core', {
        'dist/lib.js': "export { greeting } from '../../../outside.js';\n",
        '../../outside.js': 'export const greeting = (t) => t;\n',
      }),
    ).rejects.toThrow(/only the package's own modules and @studio\/sdk/);
    // Another installed package is not inlined either (only the SDK, checked by the host).
    await expect(
      fixture('core', {
        'dist/lib.js': "export { greeting } from 'other-lib';\n",
        '../../other-lib/package.json': '{"name": "other-lib", "version": "1.0.0", "main": "index.js"}',
        '../../other-lib/index.js': 'exports.greeting = (t) => t;\n',
      }),
    ).rejects.toThrow(/only the package's own modules and @studio\/sdk, not \.\.\/\.\.\/other-lib/);
  });
});
