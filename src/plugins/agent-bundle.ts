// A built-in plugin's agents from their CommonJS form (`studio.agent_bundle`, built by
// scripts/lib/agent-bundle.mjs from the plugin's compiled ES modules). Node 20 keeps no code cache for
// ES modules; required, the bundle compiles from V8's code cache (src/cli/compile-cache.ts): a warm
// deep run imported ~27 agent modules for ~13 ms of resolving and compiling.
//
// The bundle is used only for agents that run in the host anyway (a core plugin, STUDIO_SANDBOX unset),
// and only while it is provably the build's conversion of the ES modules on disk now: the sha256 of
// every module it was built from, of @studio/sdk's file as Node resolves it from the plugin (inlined,
// see the build script), and of the bundle itself, recorded by the build in `<bundle>.json`, must match.
// Otherwise (an ES module rebuilt alone, another SDK, a bundle edited or missing) the agent is imported
// as an ES module, as before: the bundle only ever makes loading cheaper.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runsSandboxed } from '../sandbox/agents.js';
import { sha256Hex } from '../util/hash.js';
import { unsafePathReason } from '../util/safe-path.js';
import type { PluginRef } from './types.js';

/** What the bundle exports: a loader per agent module path, as package.json's `studio.agents` names it. */
type Loaders = Record<string, unknown>;

/** Verified bundles by plugin root and bundle path (null: not usable); a run loads every agent of a
 *  plugin through the same answer. */
const bundles = new Map<string, Loaders | null>();

/** A bare package name (what an inlined package's digest is recorded under). */
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether `rel` is a plain relative path inside the package (no `..`, not absolute). */
function inside(rel: unknown): rel is string {
  return typeof rel === 'string' && unsafePathReason(rel) === null;
}

function verifiedBundle(plugin: PluginRef, target: string): Loaders | null {
  if (!inside(target) || !target.endsWith('.cjs')) return null;
  try {
    const file = join(plugin.root, target);
    const digests = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as {
      bundle?: unknown;
      packages?: unknown;
      sources?: unknown;
    };
    const { sources, packages = {} } = digests;
    if (typeof digests.bundle !== 'string' || !isRecord(sources) || !isRecord(packages)) return null;
    const entries = Object.entries(sources);
    if (entries.length === 0) return null;
    for (const [rel, digest] of entries) {
      if (!inside(rel) || typeof digest !== 'string') return null;
      if (sha256Hex(readFileSync(join(plugin.root, rel))) !== digest) return null;
    }
    const resolveFromPlugin = createRequire(join(plugin.root, 'package.json')).resolve;
    for (const [name, digest] of Object.entries(packages)) {
      if (!PACKAGE_NAME.test(name) || typeof digest !== 'string') return null;
      if (sha256Hex(readFileSync(resolveFromPlugin(name))) !== digest) return null;
    }
    if (sha256Hex(readFileSync(file)) !== digests.bundle) return null;
    const loaders = createRequire(import.meta.url)(file) as unknown;
    return loaders !== null && typeof loaders === 'object' ? (loaders as Loaders) : null;
  } catch {
    // Missing, unreadable or malformed: the ES modules are imported instead.
    return null;
  }
}

/** The loader of `module` (a path from the plugin's `studio.agents`) from the plugin's verified agent
 *  bundle, or null when the agent is to be imported as an ES module (or runs sandboxed). Calling the
 *  loader evaluates the module, as import() would; it throws what the module's top level throws. */
export function bundledAgentLoader(plugin: PluginRef, module: string): (() => { default?: unknown }) | null {
  const target = plugin.studio.agent_bundle;
  if (target === undefined || runsSandboxed(plugin)) return null;
  const key = `${plugin.root}\0${target}`;
  let loaders = bundles.get(key);
  if (loaders === undefined) bundles.set(key, (loaders = verifiedBundle(plugin, target)));
  const load = loaders !== null && Object.hasOwn(loaders, module) ? loaders[module] : undefined;
  return typeof load === 'function' ? (load as () => { default?: unknown }) : null;
}
