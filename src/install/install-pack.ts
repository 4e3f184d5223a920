// The two halves of `studio plugins install <name>`, around @oclif/plugin-plugins' own npm install:
// inspect (before npm or oclif touch anything) and finish (compare what npm installed with what was
// inspected, then commit). See transaction.ts for what happens to the data dir.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Interfaces } from '@oclif/core';
import type { RegistryPackage } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { gateFailure, runGates } from '../gates/run-gates.js';
import { faultPoint } from '../output/fault.js';
import { engineVersions } from '../registry/engine.js';
import { resolveListedVersion } from '../registry/resolve-version.js';
import { type IndexSource, findPackage, loadIndexSources } from '../registry/sources.js';
import { readUserTrust, untrustedIndexError } from './index-trust.js';
import { coreCommands, coreNames, otherTrustedPlugins } from './install-context.js';
import { installedIntegrity } from './gate-records.js';
import { packageBreaks, refusal } from './package-rules.js';
import type { PendingInstall } from './pending-install.js';
import { checkTarballIntegrity, extractTarball, fetchTarball, tarballBreaks } from './tarball.js';
import { beginInstall, commitInstall, prepareShadow } from './transaction.js';
import { digestTree, firstDifference, treeDigest } from './tree-digest.js';

/** The listing an install is pinned to, from the first index that lists the name (which must be trusted). */
export async function resolveInstall(
  config: Interfaces.Config,
  name: string,
  tag: string,
): Promise<{ pkg: RegistryPackage; source: IndexSource; version: RegistryPackage['versions'][number] }> {
  if (coreNames(config).has(name)) {
    throw new StudioError(
      ErrorCodes.PLUGIN_CONFLICT,
      `${name} is part of studio; installing it would replace the built-in`,
      {
        hint: 'Upgrade studio itself instead.',
      },
    );
  }
  const sources = await loadIndexSources({ configDir: config.configDir });
  const found = findPackage(sources, name);
  if (!found) {
    throw new StudioError(ErrorCodes.REGISTRY_NOT_LISTED, `${name} is not listed in any registry index`, {
      hint: `Indexes searched, in order: ${sources.map((s) => s.path).join(', ')}. Only listed packages can be installed; "studio registry search <text>" finds them.`,
    });
  }
  if (!found.source.trust.trusted) {
    throw untrustedIndexError(name, found.source.path, found.source.trust, readUserTrust(config.configDir));
  }
  return { ...found, version: resolveListedVersion(found.pkg, tag, engineVersions()) };
}

/** Fetch, check, extract and gate name@version in staging; then point oclif at the shadow data dir. */
export async function inspectBeforeInstall(
  config: Interfaces.Config,
  listing: Awaited<ReturnType<typeof resolveInstall>>,
): Promise<PendingInstall> {
  const { pkg, source } = listing;
  const { version, integrity, provides } = listing.version;
  const name = pkg.name;
  const subject = `${name}@${version}`;
  const txn = beginInstall(config.dataDir, name, version);
  const tarball = await fetchTarball(name, version, txn.tarballDir, config.npmRegistry);
  checkTarballIntegrity(tarball, name, version, integrity, config.npmRegistry);
  const entryBreaks = await tarballBreaks(tarball);
  if (entryBreaks.length > 0) throw refusal(subject, entryBreaks);
  await extractTarball(tarball, txn.staged);
  const pjsonBreaks = packageBreaks(txn.staged);
  if (pjsonBreaks.length > 0) throw refusal(subject, pjsonBreaks);
  const pjson = JSON.parse(readFileSync(join(txn.staged, 'package.json'), 'utf8')) as {
    studio?: { packs?: Record<string, string>; locales?: Record<string, string> };
  };
  // Locale packs are listed in the index by their id, like packs.
  const packIds = Object.keys({ ...pjson.studio?.packs, ...pjson.studio?.locales }).sort();
  const listed = [...provides].sort();
  if (packIds.join(',') !== listed.join(',')) {
    throw new StudioError(
      ErrorCodes.GATE_FAILED,
      `${subject} provides the packs [${packIds.join(', ')}], but the index lists [${listed.join(', ')}]`,
      { hint: 'The package does not match its registry entry; nothing was installed.' },
    );
  }
  const report = await runGates(
    { root: txn.staged, name, version },
    { plugins: otherTrustedPlugins(config, name), coreCommands: coreCommands(config) },
  );
  if (!report.ok)
    throw gateFailure(
      { ...report, name, version },
      'Nothing was installed. Its authors can reproduce this with "studio pack verify <their pack folder>".',
    );
  const files = digestTree(txn.staged);
  prepareShadow(txn);
  return {
    name,
    version,
    integrity,
    index: `${source.path} (${source.trust.status})`,
    gates: report.gates.map((g) => g.name),
    files,
    txn,
  };
}

/** After npm installed into the shadow: the installed tree must equal the inspected one; then commit. */
export function finishInstall(pending: PendingInstall): void {
  faultPoint('install-npm-done');
  const { name, version, txn } = pending;
  const subject = `${name}@${version}`;
  const installedRoot = join(txn.shadow, 'node_modules', ...name.split('/'));
  const integrity = installedIntegrity(txn.shadow, name);
  if (integrity !== pending.integrity) {
    throw new StudioError(
      ErrorCodes.INTEGRITY_MISMATCH,
      `${subject}: npm installed a tarball with integrity ${integrity ?? '(none recorded)'}, the index lists ${pending.integrity}`,
      { hint: 'The registry served different bytes the second time; nothing was installed.' },
    );
  }
  const diff = firstDifference(pending.files, digestTree(installedRoot));
  if (diff) {
    throw refusal(subject, [
      {
        rule: 'installed-tree',
        file: diff.file,
        message: `the installed copy differs from the inspected one (${diff.file} ${diff.change})`,
      },
    ]);
  }
  commitInstall(txn, {
    version,
    integrity: pending.integrity,
    gates: pending.gates,
    engine: engineVersions().engine,
    type: 'user',
    index: pending.index,
    files: pending.files,
    digest: treeDigest(pending.files),
  });
}
