import { ErrorCodes } from './codes.js';
import { type ErrorDetail, StudioError, isStudioError } from './studio-error.js';
import { stripControl } from '../util/strip-control.js';
import { isSystemError, systemErrorToStudio } from '../util/io-error.js';
import { troubleshootingLink } from './doc-link.js';

/** Where an error surfaced, for hints that name the command. */
export interface ErrorContext {
  /** The CLI's binary name (`studio`). */
  bin: string;
  /** The command id in the form the user types (`plugins install`), when one was running. */
  command?: string;
}

type OclifLikeError = Error & { oclif?: { exit?: number }; parse?: unknown; suggestions?: string[] };

/** Turn anything thrown into a StudioError: oclif's parse errors become E_FLAG_INVALID, other oclif
 *  errors (oclif's own commands, npm) E_COMMAND_FAILED, anything else E_INTERNAL. */
export function toStudioError(error: unknown, context?: ErrorContext): StudioError {
  if (isStudioError(error)) return error;
  if (isSystemError(error)) return systemErrorToStudio(error as NodeJS.ErrnoException);
  const oclifError = error as OclifLikeError;
  if (error instanceof Error && oclifError.oclif?.exit !== undefined) {
    const [first = error.message, ...rest] = error.message.split('\n');
    const details = rest
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('See more help'))
      .map((message) => ({ message }));
    const help = context
      ? `"${[context.bin, context.command, '--help'].filter(Boolean).join(' ')}"`
      : '--help';
    // oclif's parser marks its own errors with `parse`; a value a flag's own parser refused (an integer
    // below its minimum) comes as "Parsing --<flag>" and the parser's reason, unmarked.
    if (oclifError.parse !== undefined || /^Parsing --\S/.test(first)) {
      return new StudioError(ErrorCodes.FLAG_INVALID, first.trimEnd(), {
        hint: `Run ${help} for the flags.`,
        details,
        cause: error,
      });
    }
    return new StudioError(ErrorCodes.COMMAND_FAILED, first, {
      hint: oclifError.suggestions?.join(' ') || `Run ${help} for how to use it.`,
      details,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StudioError(ErrorCodes.INTERNAL, message, {
    hint: 'This is a bug in studio or a plugin. Re-run with DEBUG=studio* and report it.',
    cause: error,
  });
}

function location(d: { file?: string; line?: number; column?: number; pointer?: string }): string {
  const parts: string[] = [];
  if (d.file !== undefined) {
    let at = d.file;
    if (d.line !== undefined) at += `:${d.line}`;
    if (d.line !== undefined && d.column !== undefined) at += `:${d.column}`;
    parts.push(at);
  }
  if (d.pointer !== undefined) parts.push(`at ${d.pointer === '' ? '/' : d.pointer}`);
  return parts.join(' ');
}

function detailLine(d: ErrorDetail): string {
  const where = location(d);
  const code = d.code ? `[${d.code}] ` : '';
  const head = `${code}${where ? `${where}: ` : ''}${d.message}`;
  return d.hint ? `  - ${head}\n    hint: ${d.hint}` : `  - ${head}`;
}

/** The one JSON shape of a failure, on every command (`--json`): every field is always present. */
export function errorJson(error: StudioError): { ok: false; error: Record<string, unknown> } {
  return {
    ok: false,
    error: {
      code: error.code,
      message: error.message,
      pointer: error.pointer ?? null,
      file: error.file ?? null,
      line: error.line ?? null,
      column: error.column ?? null,
      hint: error.hint ?? null,
      plugin: error.plugin ?? null,
      details: error.details,
    },
  };
}

/** The one place errors are turned into text for a terminal. */
export function renderError(error: StudioError): string {
  const lines: string[] = [];
  const where = location(error);
  const plugin = error.plugin ? ` [${error.plugin}]` : '';
  lines.push(`Error ${error.code}${plugin}: ${error.message}${where ? ` (${where})` : ''}`);
  for (const d of error.details) lines.push(detailLine(d));
  if (error.hint) lines.push(`Try this: ${error.hint} (${troubleshootingLink(error.code)})`);
  return stripControl(lines.join('\n'), { keepNewlines: true });
}
