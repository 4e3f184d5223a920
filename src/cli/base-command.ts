import { Command, Flags } from '@oclif/core';
import { renderError, toStudioError } from '../errors/render.js';
import { canonicalJson } from '../util/canonical-json.js';

/** Every studio command extends this: errors are rendered in one place and mapped to exit codes. */
export abstract class StudioCommand extends Command {
  static baseFlags = {
    json: Flags.boolean({ description: 'Print the result as JSON on stdout.', default: false }),
  };

  /** Print a JSON document (sorted keys) on stdout. */
  protected printJson(value: unknown): void {
    process.stdout.write(canonicalJson(value));
  }

  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    // oclif's own exits (this.exit) and parse errors pass through to oclif's handler.
    if (error.oclif?.exit !== undefined && error.name !== 'StudioError') {
      if (error.oclif.exit === 0 || error.message.startsWith('EEXIT')) throw error;
    }
    const studioError = toStudioError(error);
    const wantsJson = this.argv.includes('--json');
    if (wantsJson) {
      this.printJson({ ok: false, error: studioError.toJSON() });
    } else {
      process.stderr.write(`${renderError(studioError)}\n`);
    }
    if (studioError.code === 'E_INTERNAL' && process.env.DEBUG) process.stderr.write(`${String(error.stack)}\n`);
    process.exitCode = studioError.exitCode;
    return this.exit(studioError.exitCode);
  }
}
