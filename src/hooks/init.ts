// init — runs before every command. Settles an install a killed process left open, and for `plugins …`
// commands sets the npm environment (scripts off, no retries), takes `--trust-index <path>` off the
// install arguments, checks a folder before `plugins link` and refuses `plugins update`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Hook } from '@oclif/core';
import { INSTALL_DIR } from '../install/install-dir.js';

const hook: Hook<'init'> = async function (options) {
  const { config } = options;
  // Every command pays one stat here; the install code loads only when there is something to do.
  if (existsSync(join(config.dataDir, INSTALL_DIR))) {
    const { recoverInstall } = await import('../install/transaction.js');
    const settled = recoverInstall(config.dataDir);
    if (settled?.outcome === 'rolled back')
      this.warn(`an interrupted install of ${settled.name} was rolled back; nothing of it is left`);
  }
  const id = options.id ?? '';
  if (!id.startsWith('plugins')) return;
  const [
    { applyInstallEnv },
    { takeTrustIndex, trustIndexForThisRun },
    { checkLink, forceNoInstall, linkTarget },
  ] = await Promise.all([
    import('../install/npm-env.js'),
    import('../install/index-trust.js'),
    import('../install/link-check.js'),
  ]);
  const { ErrorCodes } = await import('../errors/codes.js');
  const { toStudioError } = await import('../errors/render.js');
  const { StudioError } = await import('../errors/studio-error.js');
  applyInstallEnv(process.env);
  try {
    if (id === 'plugins:install' || id === 'plugins:add') {
      for (const path of takeTrustIndex(options.argv)) trustIndexForThisRun(path);
    } else if (id === 'plugins:link') {
      checkLink(config, linkTarget(options.argv));
      forceNoInstall(options.argv);
    } else if (id === 'plugins:update') {
      throw new StudioError(
        ErrorCodes.PLUGIN_CONFLICT,
        '"plugins update" would install versions nobody inspected or gated',
        {
          hint: 'Uninstall the pack, then "studio plugins install <name>@<version>" (checked against the index).',
        },
      );
    }
  } catch (error) {
    // Its oclif exit marker lets it through oclif's hook runner to the entry's one renderer (bin/run.js).
    throw toStudioError(error);
  }
};

export default hook;
