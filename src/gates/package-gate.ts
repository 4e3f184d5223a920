// Gate 1: package.json sanity. A pack is data plus pure agents; it has no business running code at
// install time (lifecycle scripts) or on every command (oclif hooks), nor taking over a core command.
import { existsSync, readFileSync } from 'node:fs';
import { isRecordOfStrings } from '../plugins/discovery.js';
import { join } from 'node:path';
import { isStudioError } from '../errors/studio-error.js';
import type { PluginRef } from '../plugins/types.js';
import { toPointer } from '../inputs/json-pointer.js';
import { parseJsonStrict } from '../util/parse-json-strict.js';
import { unsafePathReason } from '../util/safe-path.js';
import type { GateContext, GateFinding, GateTarget } from './types.js';

/** Scripts npm runs on install/uninstall (or on git installs: prepare). */
export const LIFECYCLE_SCRIPTS = [
  'preinstall',
  'install',
  'postinstall',
  'prepare',
  'preprepare',
  'postprepare',
  'preuninstall',
  'uninstall',
  'postuninstall',
];

/** The parts of package.json the gates read. */
export interface PackPackageJson {
  name?: unknown;
  version?: unknown;
  scripts?: Record<string, unknown>;
  oclif?: { hooks?: unknown; commands?: unknown } & Record<string, unknown>;
  studio?: {
    packs?: Record<string, string>;
    agents?: Record<string, string>;
    locales?: Record<string, string>;
  };
  dependencies?: Record<string, unknown>;
}

/** Read package.json strictly (duplicate keys refused). Throws StudioError. */
export function readPackageJson(root: string): PackPackageJson {
  return parseJsonStrict(readFileSync(join(root, 'package.json'), 'utf8'), 'package.json') as PackPackageJson;
}

/** Command ids a package declares in its shipped oclif.manifest.json (aliases included). */
export function declaredCommands(root: string): string[] {
  const file = join(root, 'oclif.manifest.json');
  if (!existsSync(file)) return [];
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
      commands?: Record<string, { aliases?: unknown }>;
    };
    const ids: string[] = [];
    for (const [id, cmd] of Object.entries(manifest.commands ?? {})) {
      ids.push(id);
      if (Array.isArray(cmd?.aliases))
        ids.push(...cmd.aliases.filter((a): a is string => typeof a === 'string'));
    }
    return ids;
  } catch {
    return [];
  }
}

/** The version recorded in oclif.manifest.json, or null when the file is missing or unreadable. */
function oclifManifestVersion(root: string): string | null {
  try {
    const parsed = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof parsed.version === 'string' ? parsed.version : null;
  } catch {
    return null;
  }
}

/** Run the package gate; returns findings and the parsed package.json (null when unreadable). */
export function packageGate(
  target: GateTarget,
  context: GateContext,
): { findings: GateFinding[]; pjson: PackPackageJson | null } {
  const findings: GateFinding[] = [];
  if (!existsSync(join(target.root, 'package.json'))) {
    return { findings: [{ message: 'package.json is missing', file: 'package.json' }], pjson: null };
  }
  let pjson: PackPackageJson;
  try {
    pjson = readPackageJson(target.root);
  } catch (error) {
    if (!isStudioError(error)) throw error;
    return {
      findings: [{ message: error.message, file: 'package.json', line: error.line, hint: error.hint }],
      pjson: null,
    };
  }
  if (pjson === null || typeof pjson !== 'object' || Array.isArray(pjson)) {
    return { findings: [{ message: 'package.json must hold an object', file: 'package.json' }], pjson: null };
  }
  const name = String(pjson.name ?? '');
  if (target.name && pjson.name !== target.name) {
    findings.push({
      message: `package.json names "${name}", expected "${target.name}"`,
      file: 'package.json',
      pointer: '/name',
    });
  }
  if (target.version && pjson.version !== target.version) {
    findings.push({
      message: `package.json has version "${String(pjson.version)}", expected "${target.version}"`,
      file: 'package.json',
      pointer: '/version',
    });
  }
  for (const script of LIFECYCLE_SCRIPTS) {
    if (pjson.scripts && Object.hasOwn(pjson.scripts, script)) {
      findings.push({
        message: `package.json has a "${script}" script; packs may not run code when installed`,
        file: 'package.json',
        pointer: `/scripts/${script}`,
        hint: 'Remove the script; ship built files in the tarball instead.',
      });
    }
  }
  const studio = pjson.studio;
  const hasLocales =
    !!studio &&
    typeof studio === 'object' &&
    isRecordOfStrings(studio.locales) &&
    Object.keys(studio.locales).length > 0 &&
    studio.packs === undefined;
  if (
    !hasLocales &&
    (!studio ||
      typeof studio !== 'object' ||
      !isRecordOfStrings(studio.packs) ||
      Object.keys(studio.packs).length === 0)
  ) {
    findings.push({
      message:
        'package.json has no "studio.packs" (pack id → manifest path) nor "studio.locales" (locale pack id → manifest path)',
      file: 'package.json',
      pointer: '/studio/packs',
      hint: 'Add e.g. "studio": {"packs": {"my-pack": "pack.json"}}.',
    });
  }
  if (studio?.agents !== undefined && !isRecordOfStrings(studio.agents)) {
    findings.push({
      message: '"studio.agents" must map agent ids to module paths',
      file: 'package.json',
      pointer: '/studio/agents',
    });
  }
  for (const kind of ['packs', 'agents', 'locales'] as const) {
    const section = studio?.[kind];
    if (!isRecordOfStrings(section)) continue;
    for (const [id, rel] of Object.entries(section)) {
      const pointer = `/studio/${kind}/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const reason = unsafePathReason(rel);
      if (reason)
        findings.push({
          message: `"${rel}" (${kind} "${id}") is unsafe: ${reason}`,
          file: 'package.json',
          pointer,
        });
      else if (!existsSync(join(target.root, rel))) {
        findings.push({
          message: `"${rel}" (${kind} "${id}") does not exist in the package`,
          file: 'package.json',
          pointer,
        });
      }
    }
  }
  if (!pjson.oclif || typeof pjson.oclif !== 'object') {
    findings.push({
      message: 'package.json has no "oclif" section, so studio cannot load it as a plugin',
      file: 'package.json',
      pointer: '/oclif',
      hint: 'Add "oclif": {}.',
    });
  } else {
    const hooks = pjson.oclif.hooks;
    if (
      hooks !== undefined &&
      !(typeof hooks === 'object' && hooks !== null && Object.keys(hooks).length === 0)
    ) {
      findings.push({
        message: 'package.json declares oclif hooks; a pack may not run code on every command',
        file: 'package.json',
        pointer: '/oclif/hooks',
        hint: 'Remove "oclif.hooks"; agents run only when a pack is generated.',
      });
    }
  }
  const manifestVersion = oclifManifestVersion(target.root);
  if (manifestVersion === null) {
    findings.push({
      message:
        'oclif.manifest.json is missing or unreadable; without it every studio start-up scans the package',
      file: 'oclif.manifest.json',
      hint: 'Run "npx oclif manifest" before publishing and list the file in "files".',
    });
  } else if (manifestVersion !== pjson.version) {
    findings.push({
      message: `oclif.manifest.json is for version ${manifestVersion}, package.json says ${String(pjson.version)}`,
      file: 'oclif.manifest.json',
      hint: 'Regenerate it ("npx oclif manifest"); oclif ignores a stale manifest and scans the package.',
    });
  }
  findings.push(...hygieneFindings(name || target.name, pjson, target.root, context));
  return { findings, pjson };
}

// The ids a package claims, which no other package may claim too: the kind, its name in a finding,
// and how to pick another.
const CLAIMED_IDS: readonly [kind: 'packs' | 'locales' | 'agents', what: string, hint: string][] = [
  ['packs', 'pack id', 'Pick a pack id no other package uses.'],
  ['locales', 'locale pack id', 'Pick a locale pack id no other package uses.'],
  ['agents', 'agent id', 'Prefix agent ids with your pack id, e.g. "my-pack:writer".'],
];

/** Two packages claiming one pack, locale pack or agent id, or a command id that a core command
 *  already has. */
function hygieneFindings(
  name: string,
  pjson: PackPackageJson,
  root: string,
  context: GateContext,
): GateFinding[] {
  const findings: GateFinding[] = [];
  const others: PluginRef[] = context.plugins.filter((p) => p.name !== name);
  for (const [kind, what, hint] of CLAIMED_IDS) {
    const declared = pjson.studio?.[kind];
    for (const id of Object.keys(isRecordOfStrings(declared) ? declared : {})) {
      const owner = others.find((p) => Object.hasOwn(p.studio[kind] ?? {}, id));
      if (owner) {
        findings.push({
          code: 'E_PLUGIN_CONFLICT',
          message: `${what} "${id}" is claimed by both ${name} and ${owner.name}`,
          file: 'package.json',
          pointer: toPointer(['studio', kind, id]),
          hint,
        });
      }
    }
  }
  for (const id of declaredCommands(root)) {
    const core = context.coreCommands?.get(id);
    if (core) {
      findings.push({
        message: `command "${id.replace(/:/g, ' ')}" of ${name} would shadow the core command of ${core}`,
        file: 'oclif.manifest.json',
        hint: 'Rename the command or remove it; packs do not need commands.',
      });
    }
  }
  return findings;
}
