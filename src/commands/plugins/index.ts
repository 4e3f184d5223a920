import { commands } from '@oclif/plugin-plugins';
import { withStudioOutput } from '../../cli/base-command.js';

/** oclif's `plugins` (list installed plugins), with studio's errors and JSON shape. */
// Annotated so that declaration files can name the type through the package's public entry.
const Base: (typeof commands)['plugins'] = withStudioOutput(commands.plugins);

/** oclif's `plugins` (list installed plugins), with studio's errors and JSON shape. */
export default class Plugins extends Base {
  protected override toSuccessJson(result: unknown): unknown {
    return super.toSuccessJson({ plugins: result });
  }
}
