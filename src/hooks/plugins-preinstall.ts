// plugins:preinstall — runs before @oclif/plugin-plugins spawns npm. Refuses anything not listed in a
// registry index (exact name), pins the install to a listed, engine-compatible version, and checks the
// registry before a byte is downloaded. Errors go through this.error(…, {exit}) because oclif swallows
// a hook's plain throw.
import type { Hook } from '@oclif/core';
import { ErrorCodes } from '../errors/codes.js';
import { toStudioError } from '../errors/render.js';
import { StudioError } from '../errors/studio-error.js';
import { engineVersions } from '../registry/engine.js';
import { resolveListedVersion } from '../registry/resolve-version.js';
import { findPackage, loadIndexSources } from '../registry/sources.js';
import { stripControl } from '../util/strip-control.js';
import { coreNames } from './install-context.js';
import { applyInstallEnv } from './npm-env.js';
import { setPendingInstall } from './pending-install.js';
import { checkRegistry } from './registry-check.js';
import { mkdirSync } from 'node:fs';

const hook: Hook<'plugins:preinstall'> = async function (options) {
  applyInstallEnv(process.env);
  setPendingInstall(null);
  const plugin = options.plugin;
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
    if (coreNames(options.config).has(plugin.name)) {
      throw new StudioError(
        ErrorCodes.PLUGIN_CONFLICT,
        `${plugin.name} is part of studio; installing it would replace the built-in`,
        {
          hint: 'Upgrade studio itself instead.',
        },
      );
    }
    const sources = await loadIndexSources();
    const found = findPackage(sources, plugin.name);
    if (!found) {
      throw new StudioError(
        ErrorCodes.REGISTRY_NOT_LISTED,
        `${plugin.name} is not listed in any registry index`,
        {
          hint: `Indexes searched, in order: ${sources.map((s) => s.path).join(', ')}. Only listed packages can be installed; "studio registry search <text>" finds them.`,
        },
      );
    }
    const version = resolveListedVersion(found.pkg, plugin.tag, engineVersions());
    const deprecated = version.deprecated ?? found.pkg.deprecated;
    if (deprecated) this.warn(stripControl(`${plugin.name}@${version.version} is deprecated: ${deprecated}`));
    mkdirSync(options.config.dataDir, { recursive: true });
    await checkRegistry(
      plugin.name,
      version.version,
      version.integrity,
      options.config.dataDir,
      options.config.npmRegistry,
    );
    // plugin-plugins installs `${name}@${tag}` from this same object: pin it to the listed version.
    plugin.tag = version.version;
    setPendingInstall({
      name: plugin.name,
      version: version.version,
      integrity: version.integrity,
      provides: [...version.provides],
      index: found.source.path,
    });
  } catch (error) {
    // A StudioError carries oclif's exit marker, so oclif passes it on to the command's one renderer.
    throw toStudioError(error);
  }
};

export default hook;
