import { commands } from '@oclif/plugin-plugins';
import { withStudioOutput } from '../../cli/base-command.js';
import { snakeKeys } from '../../util/snake-keys.js';

// Annotated so that declaration files can name the type through the package's public entry.
const Base: (typeof commands)['plugins:inspect'] = withStudioOutput(commands['plugins:inspect']);

/** oclif's `plugins inspect`, with studio's errors and JSON shape (snake_case keys, like every command). */
export default class PluginsInspect extends Base {
  protected override toSuccessJson(result: unknown): unknown {
    return super.toSuccessJson({ plugins: snakeKeys(result) });
  }
}
