import { commands } from '@oclif/plugin-plugins';
import { withStudioOutput } from '../../cli/base-command.js';

// Annotated so that declaration files can name the type through the package's public entry.
const Base: (typeof commands)['plugins:uninstall'] = withStudioOutput(commands['plugins:uninstall']);

/** oclif's `plugins uninstall`, with studio's errors and JSON shape. */
export default class PluginsUninstall extends Base {}
