// plugins:preinstall — runs before @oclif/plugin-plugins spawns npm. Resolves the name in a trusted
// index, then inspects the exact listed tarball and gates it in staging (src/install/install-pack.ts);
// only a pack that passed reaches npm, and npm installs into a shadow data dir. Errors are thrown as
// StudioErrors: their oclif exit marker makes oclif rethrow them instead of swallowing a hook's throw.
import type { Hook } from '@oclif/core';
import { ErrorCodes } from '../errors/codes.js';
import { toStudioError } from '../errors/render.js';
import { StudioError } from '../errors/studio-error.js';
import { inspectBeforeInstall, resolveInstall } from '../install/install-pack.js';
import { applyInstallEnv } from '../install/npm-env.js';
import { setPendingInstall } from '../install/pending-install.js';
import { abortInstall } from '../install/transaction.js';
import { stripControl } from '../util/strip-control.js';

const hook: Hook<'plugins:preinstall'> = async function (options) {
  applyInstallEnv(process.env);
  setPendingInstall(null);
  const { plugin, config } = options;
  const dataDir = config.dataDir;
  try {
    if (plugin.type !== 'npm') {
      throw new StudioError(
        ErrorCodes.REGISTRY_NOT_LISTED,
        `"${plugin.url}" is not a package name from a registry index`,
        {
          hint: 'Install packs by their npm name ("studio registry search"). Pack authors: "studio plugins link <dir>".',
        },
      );
    }
    const listing = await resolveInstall(config, plugin.name, plugin.tag);
    const deprecated = listing.version.deprecated ?? listing.pkg.deprecated;
    if (deprecated)
      this.warn(stripControl(`${plugin.name}@${listing.version.version} is deprecated: ${deprecated}`));
    const pending = await inspectBeforeInstall(config, listing);
    // plugin-plugins installs `${name}@${tag}` from this same object into config.dataDir: pin it to the
    // inspected version, and let npm reuse the tarball it just fetched (content-addressed by integrity).
    plugin.tag = pending.version;
    process.env.npm_config_prefer_offline = 'true';
    (config as { dataDir: string }).dataDir = pending.txn.shadow;
    setPendingInstall(pending);
  } catch (error) {
    abortInstall(dataDir);
    // A StudioError carries oclif's exit marker, so oclif passes it on to the command's one renderer.
    throw toStudioError(error);
  }
};

export default hook;
