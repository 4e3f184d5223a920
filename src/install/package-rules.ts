// What a pack's package.json may declare. A pack is self-contained data plus agent modules: anything
// that makes npm or oclif run the pack's code outside the gated, sandboxed agent calls (hooks, commands,
// nested plugins, bins, install scripts) or fetch code the index never listed (dependencies) is refused
// before npm or oclif ever see the package.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes } from '../errors/codes.js';
import { type ErrorDetail, StudioError } from '../errors/studio-error.js';
import { LIFECYCLE_SCRIPTS } from '../gates/package-gate.js';
import { parseJsonStrict } from '../util/parse-json-strict.js';

/** Stable rule ids, shown in every refusal (`rule <id>`). */
export type InstallRule =
  | 'oclif-key'
  | 'bin'
  | 'install-script'
  | 'dependencies'
  | 'manifest-commands'
  | 'package-json'
  | 'tar-link'
  | 'tar-device'
  | 'tar-path'
  | 'tar-name'
  | 'tar-case-collision'
  | 'tar-duplicate'
  | 'tar-size'
  | 'files'
  | 'installed-tree';

/** One broken rule, with the offending file and (for JSON) key. */
export interface RuleBreak {
  rule: InstallRule;
  file: string;
  pointer?: string;
  message: string;
}

const DEPENDENCY_KEYS = [
  'dependencies',
  'optionalDependencies',
  'peerDependencies',
  'bundleDependencies',
  'bundledDependencies',
] as const;

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function nonEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Every rule a package.json (already parsed) breaks. */
export function packageJsonBreaks(pjson: Record<string, unknown>): RuleBreak[] {
  const out: RuleBreak[] = [];
  const file = 'package.json';
  const oclif = pjson.oclif;
  if (oclif !== undefined) {
    if (oclif === null || typeof oclif !== 'object' || Array.isArray(oclif)) {
      out.push({ rule: 'oclif-key', file, pointer: '/oclif', message: '"oclif" must be an empty object' });
    } else {
      for (const key of Object.keys(oclif).sort()) {
        out.push({
          rule: 'oclif-key',
          file,
          pointer: `/oclif/${escapePointer(key)}`,
          message: `"oclif.${key}" is declared; a pack's "oclif" section must be empty (no hooks, commands, plugins or topics)`,
        });
      }
    }
  }
  if (nonEmpty(pjson.bin) || nonEmpty((pjson.directories as { bin?: unknown } | undefined)?.bin)) {
    out.push({
      rule: 'bin',
      file,
      pointer: pjson.bin !== undefined ? '/bin' : '/directories/bin',
      message: 'a pack may not install executables ("bin")',
    });
  }
  const scripts = pjson.scripts;
  if (scripts && typeof scripts === 'object') {
    for (const script of LIFECYCLE_SCRIPTS) {
      if (Object.hasOwn(scripts, script)) {
        out.push({
          rule: 'install-script',
          file,
          pointer: `/scripts/${script}`,
          message: `"scripts.${script}" runs code on install or uninstall`,
        });
      }
    }
  }
  for (const key of DEPENDENCY_KEYS) {
    if (nonEmpty(pjson[key])) {
      out.push({
        rule: 'dependencies',
        file,
        pointer: `/${key}`,
        message: `"${key}" is not empty; a pack must be self-contained (the index pins only its own tarball)`,
      });
    }
  }
  return out;
}

/** Every rule the package folder at `root` breaks (package.json, oclif.manifest.json, binding.gyp). */
export function packageBreaks(root: string): RuleBreak[] {
  const pjsonFile = join(root, 'package.json');
  if (!existsSync(pjsonFile)) {
    return [{ rule: 'package-json', file: 'package.json', message: 'package.json is missing' }];
  }
  let pjson: unknown;
  try {
    pjson = parseJsonStrict(readFileSync(pjsonFile, 'utf8'), 'package.json');
  } catch (error) {
    return [{ rule: 'package-json', file: 'package.json', message: (error as Error).message }];
  }
  if (pjson === null || typeof pjson !== 'object' || Array.isArray(pjson)) {
    return [{ rule: 'package-json', file: 'package.json', message: 'package.json must hold an object' }];
  }
  const out = packageJsonBreaks(pjson as Record<string, unknown>);
  // npm runs `node-gyp rebuild` for a package with a binding.gyp and no install script.
  if (existsSync(join(root, 'binding.gyp'))) {
    out.push({
      rule: 'install-script',
      file: 'binding.gyp',
      message: 'binding.gyp makes npm build native code',
    });
  }
  const manifest = join(root, 'oclif.manifest.json');
  if (existsSync(manifest)) {
    try {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { commands?: unknown };
      if (nonEmpty(parsed.commands)) {
        out.push({
          rule: 'manifest-commands',
          file: 'oclif.manifest.json',
          pointer: '/commands',
          message: 'oclif.manifest.json declares commands; packs have none',
        });
      }
    } catch {
      out.push({
        rule: 'manifest-commands',
        file: 'oclif.manifest.json',
        message: 'oclif.manifest.json is not JSON',
      });
    }
  }
  return out;
}

/** One refusal naming every broken rule; `subject` is e.g. "@v/pack@1.0.0". */
export function refusal(subject: string, breaks: RuleBreak[], hint?: string): StudioError {
  const first = breaks[0]!;
  const details: ErrorDetail[] = breaks.map((b) => ({
    message: `rule ${b.rule}: ${b.message}`,
    file: b.file,
    ...(b.pointer ? { pointer: b.pointer } : {}),
  }));
  const where = `${first.file}${first.pointer ? ` at ${first.pointer}` : ''}`;
  return new StudioError(
    ErrorCodes.PACK_REFUSED,
    `${subject} is refused (rule ${first.rule}, ${where}): ${first.message}`,
    {
      details: breaks.length > 1 ? details : [],
      hint:
        hint ??
        'Nothing of it was run or installed. A pack is data plus agent modules: no oclif hooks, commands or plugins, no bin, no install scripts, no dependencies.',
    },
  );
}
