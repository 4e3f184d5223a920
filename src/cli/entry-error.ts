// Errors that escape every command (an unknown command, a bad flag before any command) end here, from
// bin/run.js: rendered by the same renderer and in the same JSON shape as a command's own errors.
import { errorJson, renderError, toStudioError } from '../errors/render.js';
import { canonicalJson } from '../util/canonical-json.js';

/** Print `error` for the user (JSON on stdout with --json, text on stderr otherwise) and return what
 *  oclif's handle() should exit with, without printing it a second time. */
export function reportEntryError(error: unknown, argv: string[], bin = 'studio'): Error {
  const studioError = toStudioError(error, { bin });
  const end = argv.indexOf('--');
  const json = argv.slice(0, end === -1 ? undefined : end).includes('--json');
  if (json) process.stdout.write(canonicalJson(errorJson(studioError)));
  else process.stderr.write(`${renderError(studioError)}\n`);
  return Object.assign(new Error(studioError.message), {
    skipOclifErrorHandling: true,
    oclif: { exit: studioError.exitCode },
  });
}
