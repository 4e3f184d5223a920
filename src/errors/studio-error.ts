import { type ErrorCode, exitCodeFor } from './codes.js';

/** One located problem inside a larger failure (e.g. one schema error among several). */
export interface ErrorDetail {
  /** The error code of this one problem, when it has its own (gate findings). */
  code?: string;
  /** JSON pointer into the document, when the problem has one ("" is the root). */
  pointer?: string;
  /** File (relative or as the user typed it) the problem is in. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** 1-based column in `file`. */
  column?: number;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  hint?: string;
}

export interface StudioErrorOptions {
  /** JSON pointer where the problem is. */
  pointer?: string;
  /** File the problem is in. */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** How to fix it ("Try this: …"). */
  hint?: string;
  /** Several located problems (schema errors, gate findings). */
  details?: ErrorDetail[];
  /** The plugin (package name) that was at work when it failed. */
  plugin?: string;
  /** The underlying error. */
  cause?: unknown;
}

/** The one error type of studio: a stable code, a message, a location and a hint.
 *  Library code throws it; only the CLI entry renders it (src/errors/render.ts) and exits. */
export class StudioError extends Error {
  readonly code: ErrorCode;
  readonly pointer?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
  readonly details: ErrorDetail[];
  plugin?: string;
  /** oclif's exit marker: lets a StudioError thrown in a hook pass through oclif's hook runner and
   *  reach the command's (or the entry's) error handler instead of being swallowed. */
  readonly oclif: { exit: number };

  constructor(code: ErrorCode, message: string, options: StudioErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StudioError';
    this.code = code;
    this.pointer = options.pointer;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.hint = options.hint;
    this.details = options.details ?? [];
    this.plugin = options.plugin;
    this.oclif = { exit: exitCodeFor(code) };
  }

  /** Process exit code for this error (DESIGN §7). */
  get exitCode(): 1 | 2 {
    return exitCodeFor(this.code);
  }

  /** Plain-object form for `--json` output. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.pointer !== undefined) out.pointer = this.pointer;
    if (this.file !== undefined) out.file = this.file;
    if (this.line !== undefined) out.line = this.line;
    if (this.column !== undefined) out.column = this.column;
    if (this.hint !== undefined) out.hint = this.hint;
    if (this.plugin !== undefined) out.plugin = this.plugin;
    if (this.details.length > 0) out.details = this.details;
    return out;
  }
}

/** Bundled commands carry their own copy of this class, so an error thrown by a shared module (a hook,
 *  a library) is recognised by shape as well as by class. */
export function isStudioError(value: unknown): value is StudioError {
  if (value instanceof StudioError) return true;
  if (!(value instanceof Error) || value.name !== 'StudioError') return false;
  const v = value as Partial<StudioError>;
  return typeof v.code === 'string' && Array.isArray(v.details) && typeof v.toJSON === 'function';
}
