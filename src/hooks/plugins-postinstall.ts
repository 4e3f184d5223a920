// plugins:postinstall — runs after npm installed the package and oclif loaded it. Checks the lock
// file's integrity against the index, the provided pack ids, and every gate; on any failure the package
// is removed completely and the user told why. On success the passed gates are recorded, which is what
// makes the pack usable (see trust.ts).
import type { Hook, Interfaces } from '@oclif/core';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { gateFailure, runGates } from '../gates/run-gates.js';
import { engineVersions } from '../registry/engine.js';
import { addGateRecord, installedIntegrity } from './gate-records.js';
import { coreCommands, otherTrustedPlugins } from './install-context.js';
import { type PendingInstall, takePendingInstall } from './pending-install.js';
import { removeInstalled } from './remove-installed.js';

/** Why the just-installed package must not stay, or null when it passed. */
export async function checkInstalled(
  config: Interfaces.Config,
  pending: PendingInstall,
): Promise<StudioError | null> {
  const { name, version } = pending;
  const plugin = config.plugins.get(name);
  if (!plugin) {
    return new StudioError(ErrorCodes.INTERNAL, `${name} was not loaded after install`, {
      hint: 'Retry the install.',
    });
  }
  if (plugin.version !== version) {
    return new StudioError(
      ErrorCodes.REGISTRY_INCOMPATIBLE,
      `${name}@${plugin.version} was installed, but ${version} was requested`,
    );
  }
  const integrity = installedIntegrity(config.dataDir, name);
  if (integrity !== pending.integrity) {
    return new StudioError(
      ErrorCodes.INTEGRITY_MISMATCH,
      `${name}@${version}: the installed tarball has integrity ${integrity ?? '(none recorded)'}, the index lists ${pending.integrity}`,
      { hint: 'The tarball is not the one that was listed; it has been removed.' },
    );
  }
  const studio = (plugin.pjson as { studio?: { packs?: Record<string, string> } }).studio;
  const packIds = Object.keys(studio?.packs ?? {}).sort();
  const listed = [...pending.provides].sort();
  if (packIds.join(',') !== listed.join(',')) {
    return new StudioError(
      ErrorCodes.GATE_FAILED,
      `${name}@${version} provides the packs [${packIds.join(', ')}], but the index lists [${listed.join(', ')}]`,
      { hint: 'The package does not match its registry entry.' },
    );
  }
  const report = await runGates(
    { root: plugin.root, name, version },
    { plugins: otherTrustedPlugins(config, name), coreCommands: coreCommands(config) },
  );
  if (!report.ok)
    return gateFailure(
      report,
      'The pack has been removed. Its authors can reproduce this with "studio pack verify <their pack folder>".',
    );
  addGateRecord(config.dataDir, name, {
    version,
    integrity: pending.integrity,
    gates: report.gates.map((g) => g.name),
    engine: engineVersions().engine,
  });
  return null;
}

const hook = async function (this: Hook.Context, options: { config: Interfaces.Config }): Promise<void> {
  const pending = takePendingInstall();
  if (!pending) return;
  let failure: StudioError | null;
  try {
    failure = await checkInstalled(options.config, pending);
  } catch (error) {
    failure = new StudioError(
      ErrorCodes.GATE_FAILED,
      `${pending.name} could not be checked: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (!failure) return;
  const left = await removeInstalled(options.config.dataDir, pending.name);
  options.config.plugins.delete(pending.name);
  const removal = left.length
    ? `Could not remove: ${left.join(', ')} (delete them by hand).`
    : `${pending.name} was uninstalled; nothing of it is left.`;
  // Thrown as is: the command's handler renders it (text or --json) and exits with its code.
  throw new StudioError(failure.code, failure.message, {
    ...failure,
    details: [...failure.details, { message: removal }],
    cause: failure,
  });
};

export default hook;
