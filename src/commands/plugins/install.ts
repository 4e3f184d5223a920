import { Flags } from '@oclif/core';
import { commands } from '@oclif/plugin-plugins';
import { type JsonResult, withStudioOutput } from '../../cli/base-command.js';

// Annotated so that declaration files can name the type through the package's public entry.
const Base: (typeof commands)['plugins:install'] = withStudioOutput(commands['plugins:install']);

/** oclif's `plugins install` with studio's errors and JSON, and help that says what is accepted: the
 *  install hooks refuse URLs, GitHub slugs, paths and unlisted names. */
export default class PluginsInstall extends Base {
  static override summary = 'Install a pack plugin listed in a registry index.';

  static override description =
    'Only npm package names listed in a registry index install ("studio registry search" finds them). ' +
    'The version is pinned to a listed one that fits this studio, npm runs with lifecycle scripts disabled, ' +
    "the tarball's integrity must equal the index's, and the pack must pass the validation gates (\"studio " +
    'pack verify"); a pack that fails is removed again. URLs, GitHub slugs and local paths are refused; pack ' +
    'authors use "studio plugins link <dir>". An index other than the one shipped with studio vouches for ' +
    'installs only when signed by a key you trust, or trusted with --trust-index or in your trust file.\n\n' +
    "The npm registry is taken from <%= config.scopedEnvVarKey('NPM_REGISTRY') %> (else npm's own " +
    "configuration); <%= config.scopedEnvVarKey('NPM_LOG_LEVEL') %> sets npm's log level.";

  // Taken off the arguments by the init hook before oclif parses them; declared here for the help.
  static override flags = {
    ...Base.flags,
    'trust-index': Flags.string({
      description: 'Trust this registry index (a path from your studio config) for this install only.',
      multiple: true,
    }),
  };

  static override examples = [
    {
      command: '<%= config.bin %> <%= command.id %> @vendor/fintech-pack',
      description: 'Install a listed pack.',
    },
    {
      command: '<%= config.bin %> <%= command.id %> @vendor/fintech-pack@1.0.0 --json',
      description: 'Install a listed version; print {ok, installed} or {ok: false, error} as JSON.',
    },
  ];

  protected override toSuccessJson(result: unknown): unknown {
    const installed = this.argv
      .filter((a) => !a.startsWith('-'))
      .map((a) => a.replace(/(?<!^)@.*$/, ''))
      .map((name) => this.config.plugins.get(name))
      .filter((p) => p !== undefined)
      .map((p) => ({ name: p.name, version: p.version }));
    return super.toSuccessJson({ ...(result as JsonResult), installed });
  }
}
