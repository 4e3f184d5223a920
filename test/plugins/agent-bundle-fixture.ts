// A tiny agent package with a CommonJS agent bundle built by the real build step
// (scripts/lib/agent-bundle.mjs), in a temp folder laid out as an install: a copy of @studio/sdk beside it.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleAgents } from '../../scripts/lib/agent-bundle.mjs';
import { usesDynamicImport } from '../../src/cli/compile-cache.js';
import type { PluginRef } from '../../src/plugins/types.js';
import { afterEach } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');

export const ECHO_SOURCE = [
  "import { slugify } from '@studio/sdk';",
  "import { greeting } from './lib.js';",
  'export default {',
  "  id: 'test:echo',",
  "  produces: 'echo',",
  "  description: 'Echoes the title.',",
  '  run: (ctx) => ({ text: greeting(ctx.spec.title), slug: slugify(ctx.spec.title) }),',
  '};',
  '',
].join('\n');

/** The @studio/sdk the package in `dir` resolves. */
export function sdkDir(dir: string): string {
  return join(dir, 'node_modules', '@studio', 'sdk');
}

export interface AgentPackage {
  /** The folder holding the package and node_modules (remove it after the test). */
  dir: string;
  plugin: PluginRef;
}

/** Write the package (`type` as oclif would give it) and build its bundle. `files` adds or replaces
 *  files under the package root before the build. */
export async function agentPackage(type = 'core', files: Record<string, string> = {}): Promise<AgentPackage> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-agent-bundle-'));
  // A copy, so that a test can change the SDK the package resolves.
  cpSync(join(REPO, 'packages', 'sdk'), sdkDir(dir), { recursive: true });
  const root = join(dir, 'node_modules', '@test', 'bundled-agents');
  mkdirSync(join(root, 'dist'), { recursive: true });
  const studio = {
    agents: { 'test:echo': 'dist/echo.js' },
    agent_bundle: 'dist/agents.cjs',
  };
  const all: Record<string, string> = {
    'package.json': JSON.stringify({
      name: '@test/bundled-agents',
      version: '1.0.0',
      type: 'module',
      studio,
    }),
    'dist/lib.js': 'export const greeting = (title) => `hello ${title}`;\n',
    'dist/echo.js': ECHO_SOURCE,
    ...files,
  };
  for (const [rel, text] of Object.entries(all)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  try {
    await bundleAgents(root, { build, usesDynamicImport });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    studio: PluginRef['studio'];
  };
  return {
    dir,
    plugin: { name: '@test/bundled-agents', version: '1.0.0', root, type, studio: pjson.studio },
  };
}

/** Replace the bundle's code and record digests that match it, as an author in control of the whole
 *  package would. */
export function replaceBundle(plugin: PluginRef, code: string): void {
  const file = join(plugin.root, plugin.studio.agent_bundle!);
  writeFileSync(file, code);
  const digests = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { bundle: string };
  digests.bundle = createHash('sha256').update(code).digest('hex');
  writeFileSync(`${file}.json`, JSON.stringify(digests));
}

/** The folders a test file's fixtures made, removed after each test, with STUDIO_SANDBOX (which the
 *  tests set) restored; `also` runs after them. */
export function cleanUpAfterEach(also: () => void = () => {}): string[] {
  const dirs: string[] = [];
  const savedSandbox = process.env.STUDIO_SANDBOX;
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    if (savedSandbox === undefined) delete process.env.STUDIO_SANDBOX;
    else process.env.STUDIO_SANDBOX = savedSandbox;
    also();
  });
  return dirs;
}
