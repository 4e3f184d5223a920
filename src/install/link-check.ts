// `studio plugins link <folder>`: the folder gets the same package.json and file checks as a tarball,
// its files are digested (so a later edit is noticed before the pack is used), and no package manager
// ever runs in it (plugin-plugins would run yarn, which ignores npm's ignore-scripts, for a folder with
// a yarn.lock): the link is always made with --no-install. A pack has no dependencies to install.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Interfaces } from '@oclif/core';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { walkPackage } from '../gates/paths-gate.js';
import { engineVersions } from '../registry/engine.js';
import { caseCollisions, unsafePathReason } from '../util/safe-path.js';
import { addGateRecord } from './gate-records.js';
import { coreNames } from './install-context.js';
import { type RuleBreak, packageBreaks, refusal } from './package-rules.js';
import { WORKING_COPY_SKIPPED, digestTree, treeDigest } from './tree-digest.js';

/** The folder argument of `plugins link` (first non-flag argument; "." by default). */
export function linkTarget(argv: string[]): string {
  return argv.find((a) => !a.startsWith('-')) ?? '.';
}

/** Make plugin-plugins link without installing anything. */
export function forceNoInstall(argv: string[]): void {
  for (let i = argv.length - 1; i >= 0; i--) if (argv[i] === '--install') argv.splice(i, 1);
  if (!argv.includes('--no-install')) argv.push('--no-install');
}

/** Symlinks, non-portable names and case-only twins in the folder. */
export function folderBreaks(root: string): RuleBreak[] {
  const out: RuleBreak[] = [];
  const { entries, symlinks } = walkPackage(root);
  for (const link of symlinks)
    out.push({ rule: 'files', file: link, message: `"${link}" is a symbolic link` });
  for (const rel of entries) {
    const reason = unsafePathReason(rel.split('/').pop()!);
    if (reason) out.push({ rule: 'files', file: rel, message: `"${rel}" is not a portable name: ${reason}` });
  }
  for (const group of caseCollisions(entries))
    out.push({ rule: 'files', file: group[0]!, message: `paths differ only by case: ${group.join(', ')}` });
  return out;
}

/** Check a folder before it is linked and record its digests; throws the refusal. */
export function checkLink(config: Interfaces.Config, target: string): { name: string; root: string } {
  const dir = resolve(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new StudioError(ErrorCodes.INPUT_NOT_FOUND, `${target} is not a folder`, {
      hint: 'Give the folder of a pack (with its package.json).',
    });
  }
  const root = realpathSync(dir);
  const breaks = [...packageBreaks(root), ...folderBreaks(root)];
  if (breaks.length > 0)
    throw refusal(target, breaks, 'Nothing was linked and nothing in the folder was run.');
  const pjson = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    name?: unknown;
    version?: unknown;
  };
  const name = String(pjson.name ?? '');
  if (coreNames(config).has(name)) {
    throw new StudioError(
      ErrorCodes.PLUGIN_CONFLICT,
      `${name} is part of studio; a link would replace the built-in`,
      {
        hint: 'Give your pack its own package name.',
      },
    );
  }
  const files = digestTree(root, WORKING_COPY_SKIPPED);
  addGateRecord(config.dataDir, name, {
    version: String(pjson.version ?? ''),
    integrity: '',
    gates: ['package-rules', 'files'],
    engine: engineVersions().engine,
    type: 'link',
    root,
    files,
    digest: treeDigest(files),
  });
  return { name, root };
}
