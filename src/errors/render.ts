import { ErrorCodes } from './codes.js';
import { type ErrorDetail, StudioError, isStudioError } from './studio-error.js';
import { stripControl } from '../util/strip-control.js';
import { isSystemError, systemErrorToStudio } from '../util/io-error.js';
import { troubleshootingLink } from './doc-link.js';

/** Turn anything thrown into a StudioError (unknown errors become E_INTERNAL). */
export function toStudioError(error: unknown): StudioError {
  if (isStudioError(error)) return error;
  if (isSystemError(error)) return systemErrorToStudio(error as NodeJS.ErrnoException);
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
  const head = where ? `${where}: ${d.message}` : d.message;
  return d.hint ? `  - ${head}\n    hint: ${d.hint}` : `  - ${head}`;
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
