import { Command, Errors, Flags } from '@oclif/core';
import { ErrorCodes } from '../errors/codes.js';
import { renderError, toStudioError } from '../errors/render.js';
import { StudioError } from '../errors/studio-error.js';
import { canonicalJson } from '../util/canonical-json.js';

/** Every studio command extends this: errors are rendered in one place and mapped to exit codes. */
export abstract class StudioCommand extends Command {
  static override baseFlags = {
    json: Flags.boolean({ description: 'Print the result as JSON on stdout.', default: false }),
  };

  /** Print a JSON document (sorted keys) on stdout. */
  protected printJson(value: unknown): void {
    process.stdout.write(canonicalJson(value));
  }

  /** How a failure looks with --json; commands with a richer shape (validate: {ok, errors}) override. */
  protected failureJson(error: StudioError): unknown {
    return { ok: false, error: error.toJSON() };
  }

  protected override async catch(
    error: Error & { code?: string; oclif?: { exit?: number } },
  ): Promise<unknown> {
    // this.exit() and friends: let oclif finish the exit it started.
    if (error instanceof Errors.ExitError || error.code === 'EEXIT') throw error;
    let studioError: StudioError;
    if (!(error instanceof StudioError) && error.oclif?.exit !== undefined) {
      // A flag/argument parse error from oclif: invalid input (exit 2), rendered like ours.
      studioError = new StudioError(ErrorCodes.FLAG_INVALID, error.message.split('\n')[0] ?? error.message, {
        hint: `Run "${this.config.bin} ${this.id ?? ''} --help" for the flags.`.replace(/ {2}/g, ' '),
        details: error.message
          .split('\n')
          .slice(1)
          .map((l) => l.trim())
          .filter((l) => l && !l.startsWith('See more help'))
          .map((message) => ({ message })),
      });
    } else {
      studioError = toStudioError(error);
    }
    if (this.argv.includes('--json')) {
      this.printJson(this.failureJson(studioError));
    } else {
      process.stderr.write(`${renderError(studioError)}\n`);
    }
    if (studioError.code === ErrorCodes.INTERNAL && process.env.DEBUG)
      process.stderr.write(`${String(error.stack)}\n`);
    return this.exit(studioError.exitCode);
  }
}
