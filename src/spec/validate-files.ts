// The service behind `studio validate`: check a Source Spec file, or an Idea Card and/or a Decision
// Sheet (and the spec they build), reporting every problem with file:line:column and JSON pointer.
import type { Dials } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { type ErrorDetail, StudioError } from '../errors/studio-error.js';
import { readDocument } from '../inputs/read-document.js';
import { buildSpec, decisionsProblems, ideaProblems } from './build-spec.js';
import { checkSourceSpec, prepareReadySpec } from './check-spec.js';

export interface ValidateFilesOptions {
  /** A Source Spec (JSON or YAML). Exclusive with idea/decisions. */
  spec?: string;
  /** An Idea Card. */
  idea?: string;
  /** A Decision Sheet. */
  decisions?: string;
  /** Accept a spec whose spec_version is newer than the engine's. */
  force?: boolean;
  /** Dials and locale as `generate` would apply them (checked too). */
  dials?: Partial<Dials>;
  locale?: string;
}

export interface ValidateFilesResult {
  ok: true;
  /** The files checked, as given. */
  files: string[];
  /** Spec format version of the (built or migrated) spec. */
  spec_version: string;
  /** Migrations that had to be applied in memory (the file itself is unchanged). */
  migrations: string[];
  /** Placeholders Framer-lite would fill (idea/decisions only). */
  open_questions: number;
  /** One line for the terminal. */
  summary: string;
}

function invalid(what: string, details: ErrorDetail[]): StudioError {
  return new StudioError(
    ErrorCodes.SPEC_INVALID,
    `${what}: ${details.length} problem${details.length === 1 ? '' : 's'}`,
    {
      details,
      hint: 'Fix each problem listed, then run studio validate again.',
    },
  );
}

async function validateSpecFile(file: string, opts: ValidateFilesOptions): Promise<ValidateFilesResult> {
  const doc = await readDocument(file);
  const ready = prepareReadySpec(doc.data, opts);
  const { spec, version } = checkSourceSpec(ready.spec, doc, { force: opts.force });
  const migrated =
    ready.migrations.length > 0
      ? ` after migrating it in memory (${ready.migrations.join(', ')}); run "studio migrate" to update the file`
      : '';
  return {
    ok: true,
    files: [file],
    spec_version: spec.meta.spec_version,
    migrations: ready.migrations,
    open_questions: 0,
    summary: `OK: ${file} is a valid Source Spec ${version}${migrated}.`,
  };
}

async function validateInputs(opts: ValidateFilesOptions): Promise<ValidateFilesResult> {
  const idea = opts.idea === undefined ? undefined : await readDocument(opts.idea);
  const decisions = opts.decisions === undefined ? undefined : await readDocument(opts.decisions);
  // Each file on its own first, so that problems in both files are reported together.
  const problems = [
    ...(idea ? ideaProblems(idea.data, { file: idea.file, locate: idea.locate }) : []),
    ...(decisions
      ? decisionsProblems(decisions.data, { file: decisions.file, locate: decisions.locate })
      : []),
  ];
  const files = [idea?.file, decisions?.file].filter((f): f is string => f !== undefined);
  if (problems.length > 0) throw invalid(files.join(' and '), problems);
  if (!idea) {
    return {
      ok: true,
      files,
      spec_version: '',
      migrations: [],
      open_questions: 0,
      summary: `OK: ${files[0]} is a valid Decision Sheet (pass --idea too to check the spec they build).`,
    };
  }
  const { spec, overrides } = buildSpec({
    idea: idea.data,
    decisions: decisions?.data,
    dials: opts.dials,
    locale: opts.locale,
    ideaFile: idea.file,
    decisionsFile: decisions?.file,
    locateIdea: idea.locate,
    locateDecisions: decisions?.locate,
  });
  const placeholders =
    overrides.length === 0 ? '' : `; ${overrides.length} empty field(s) would get a placeholder`;
  return {
    ok: true,
    files,
    spec_version: spec.meta.spec_version,
    migrations: [],
    open_questions: overrides.length,
    summary: `OK: ${files.join(' and ')} ${files.length === 1 ? 'builds' : 'build'} a valid Source Spec ${spec.meta.spec_version}${placeholders}.`,
  };
}

/** Validate; resolves when everything is valid, throws a StudioError listing every problem otherwise. */
export async function validateFiles(opts: ValidateFilesOptions): Promise<ValidateFilesResult> {
  if (opts.spec !== undefined) {
    if (opts.idea !== undefined || opts.decisions !== undefined) {
      throw new StudioError(ErrorCodes.FLAG_INVALID, '--spec cannot be combined with --idea or --decisions', {
        hint: 'Validate a Source Spec, or the inputs that build one, in separate runs.',
      });
    }
    return validateSpecFile(opts.spec, opts);
  }
  if (opts.idea === undefined && opts.decisions === undefined) {
    throw new StudioError(ErrorCodes.FLAG_INVALID, 'nothing to validate', {
      hint: 'Pass --spec <file>, or --idea <file> and/or --decisions <file>.',
    });
  }
  return validateInputs(opts);
}
