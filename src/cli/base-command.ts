import { Command, Errors, ux } from '@oclif/core';
import { ErrorCodes } from '../errors/codes.js';
import { errorJson, renderError, toStudioError } from '../errors/render.js';
import { canonicalJson } from '../util/canonical-json.js';

/** What a command returns for `--json`; `ok: true` is added by the base class. */
export type JsonResult = Record<string, unknown>;

// oclif's Command is abstract; a mixin over it needs an abstract constructor type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CommandClass = abstract new (...args: any[]) => Command;

/** Gives any oclif command (studio's own, or oclif's `plugins *` commands re-exported by studio) the one
 *  error renderer and the one JSON shape: `{ok: true, …result}` on success and `{ok: false, error}` on
 *  failure, on stdout with sorted keys, with the same exit code with and without `--json`. */
export function withStudioOutput<T extends CommandClass>(Base: T): T {
  abstract class StudioOutput extends Base {
    static enableJsonFlag = true;

    // oclif's own commands (plugins *) parse with their own class, some of which have no --json flag.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override async parse(options?: any, argv?: string[]): Promise<any> {
      // oclif spreads these options itself, so a spread copy loses nothing.
      const withJson = options && !options.enableJsonFlag ? { ...options, enableJsonFlag: true } : options;
      const parsed = await (argv === undefined ? super.parse(withJson) : super.parse(withJson, argv));
      // npm's own output goes to stdout, which under --json holds the one JSON document.
      if (this.jsonEnabled() && withJson?.flags?.silent) parsed.flags.silent = true;
      return parsed;
    }

    /** A command that returns nothing still answers `--json` with `{ok: true}`. */
    override async _run<R>(): Promise<R> {
      const result = await super._run<R>();
      if (result === undefined && this.jsonEnabled()) this.logJson(this.toSuccessJson({}));
      return result;
    }

    override logJson(json: unknown): void {
      process.stdout.write(canonicalJson(json));
    }

    override toSuccessJson(result: unknown): unknown {
      const fields = result !== null && typeof result === 'object' && !Array.isArray(result) ? result : {};
      return { ...fields, ok: true };
    }

    /** Fields a failing command adds beside `ok` and `error` in its `--json` document. */
    failureFields: JsonResult = {};

    override toErrorJson(error: unknown): unknown {
      return { ...this.failureFields, ...errorJson(toStudioError(error, this.errorContext())) };
    }

    /** Every failure ends here: rendered once (text on stderr, or JSON on stdout), then exit 2 or 1. */
    override async catch(error: Error & { code?: string }): Promise<unknown> {
      // this.exit() and friends: let oclif finish the exit it started.
      if (error instanceof Errors.ExitError || error.code === 'EEXIT') throw error;
      const studioError = toStudioError(error, this.errorContext());
      // A running oclif action (plugins install/link) holds back what is written until it stops.
      if (ux.action.running) ux.action.stop('failed');
      if (this.jsonEnabled()) this.logJson(this.toErrorJson(studioError));
      else process.stderr.write(`${renderError(studioError)}\n`);
      if (studioError.code === ErrorCodes.INTERNAL && process.env.DEBUG)
        process.stderr.write(`${String(error.stack)}\n`);
      return this.exit(studioError.exitCode);
    }

    errorContext(): { bin: string; command?: string } {
      return { bin: this.config.bin, command: this.id?.split(':').join(' ') };
    }
  }
  // The overrides change no member's type, so the class is a T to its users (and to declaration files).
  return StudioOutput as unknown as T;
}

/** Every studio command extends this. `run()` returns its `--json` result (without `ok`); text goes
 *  through `this.log`, which oclif silences under `--json`. */
export abstract class StudioCommand extends withStudioOutput(Command) {
  /** Fields a failing command adds beside `ok` and `error` in its `--json` document (set by the mixin). */
  declare failureFields: JsonResult;
}
