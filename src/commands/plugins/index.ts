import { commands } from '@oclif/plugin-plugins';
import { withStudioOutput } from '../../cli/base-command.js';

/** oclif's `plugins` (list installed plugins), with studio's errors and JSON shape. */
// Annotated so that declaration files can name the type through the package's public entry.
const Base: (typeof commands)['plugins'] = withStudioOutput(commands.plugins);

/** oclif's `plugins` (list installed plugins), with studio's errors and JSON shape. */
export default class Plugins extends Base {
  /** Each plugin as `{name, version, type}`: oclif's full description holds machine paths and camelCase keys. */
  protected override toSuccessJson(result: unknown): unknown {
    const list = Array.isArray(result) ? (result as { name: string; version: string; type: string }[]) : [];
    return super.toSuccessJson({ plugins: list.map(({ name, version, type }) => ({ name, version, type })) });
  }
}
