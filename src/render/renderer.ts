// The strict Nunjucks renderer (DESIGN §2 "Render"): a missing name fails the run, naming the pack,
// the template and the line.
//
// Strictness beyond nunjucks' throwOnUndefined (which only catches *printing* undefined) comes from
// strict views of the context (strict-context.ts): any read of a name or attribute that is not there
// throws — through filters, in `{% if %}`, in `{% for %}`, and also as the input of `default` (a missing
// name is a template bug; optional spec fields are always present as null or empty, so test them with
// `{% if x %}` or give `default(value, true)` a null). Presence can be tested with `'key' in obj`.
// Printing a null value still fails (throwOnUndefined), like printing a missing one.
import nunjucks from 'nunjucks';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { type PackMessages, MessageError, type Translator, createTranslator } from '../i18n/translate.js';
import { registerFilters } from './filters.js';
import { type NormalizeOptions, normalizeOutput } from './normalize.js';
import { StrictScope, UndefinedNameError, strictGlobals } from './strict-context.js';
import { TemplateUnsafeError, sandboxEnvironment } from './template-sandbox.js';
import {
  POSITION_HOOK,
  SearchPathLoader,
  TemplateCompileError,
  type TemplatePosition,
} from './template-loader.js';

export interface RendererOptions {
  /** Pack id, named in error messages. */
  packId: string;
  /** Template folders in lookup order: the pack's `templates/`, then the host's shared partials. */
  searchPaths: string[];
  /** Folder for compiled template code reused across runs; null or absent compiles every time. */
  cacheDir?: string | null;
  /** The pack's messages for the `t` filter; absent: every `t` fails (the pack has no catalog). */
  translator?: Translator;
}

export interface RenderOptions extends NormalizeOptions {
  /** `performance.now()` after which the render stops with E_STEP_TIMEOUT (checked at every lookup). */
  deadline?: number;
}

const NO_MESSAGES: PackMessages = { source: null, localized: null, locale: 'en-US', fallback: [] };

/** Thrown from inside a render that ran past its deadline. */
class RenderDeadline extends Error {}

export interface Renderer {
  /** Render `template` (a path relative to the search paths) with `context`; the output is normalized
   *  (LF, no trailing whitespace, one final newline; blank-line runs collapsed unless disabled). */
  render(template: string, context: Record<string, unknown>, options?: RenderOptions): string;
}

interface TrackedEnvironment extends nunjucks.Environment {
  [POSITION_HOOK]: (template: string, line: number, column: number) => void;
  globals: Record<string, unknown>;
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 10;) {
    chain.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return chain;
}

function innermostMessage(error: unknown): string {
  const chain = causes(error);
  const last = chain[chain.length - 1];
  const message = last instanceof Error ? last.message : String(last);
  // Nunjucks prefixes "(path) [Line n, Column m]" lines; the position is reported separately.
  return message
    .replace(/^(\s*\(.*?\)(?: \[Line \d+(?:, Column \d+)?\])?\n)+\s*/, '')
    .replace(/^Template render error: /, '');
}

export function createRenderer(opts: RendererOptions): Renderer {
  const loader = new SearchPathLoader(opts.searchPaths, opts.cacheDir ?? null);
  const env = new nunjucks.Environment(loader as unknown as nunjucks.ILoader, {
    autoescape: false,
    trimBlocks: true,
    lstripBlocks: true,
    throwOnUndefined: true,
    // Keeps nunjucks from replacing errors with bare copies: the cause chain tells which error it was.
    dev: true,
  }) as TrackedEnvironment;
  sandboxEnvironment(env);
  registerFilters(env);
  const translator = opts.translator ?? createTranslator(opts.packId, NO_MESSAGES);
  env.addFilter('t', (value: unknown, args?: unknown) => translator.format(value, args));
  env.globals = strictGlobals(env.globals);
  let position: TemplatePosition | null = null;
  let deadline = Infinity;
  env[POSITION_HOOK] = (template, line, column) => {
    position = { template, line, column };
    // A template is host-run code over pack data: loops over large data must still end on time.
    if (performance.now() > deadline) throw new RenderDeadline('the render ran past its time limit');
  };
  loader.attach(env as unknown as Parameters<SearchPathLoader['attach']>[0]);

  function fail(template: string, error: unknown): never {
    const chain = causes(error);
    const compile = chain.find((e): e is TemplateCompileError => e instanceof TemplateCompileError);
    const undefinedName = chain.find((e): e is UndefinedNameError => e instanceof UndefinedNameError);
    const at: Partial<TemplatePosition> = compile
      ? { template: compile.template, line: compile.line, column: compile.column }
      : (position ?? { template });
    const file = at.template ?? template;
    const where = `pack "${opts.packId}", template ${file}${at.line === undefined ? '' : `:${at.line}`}`;
    const via = file === template ? '' : ` (rendering ${template})`;
    if (chain.some((e) => e instanceof RenderDeadline)) {
      throw new StudioError(ErrorCodes.STEP_TIMEOUT, `${where}${via}: the render ran past its time limit`, {
        file,
        line: at.line,
        hint: 'A template loops over more than the step allows; raise STUDIO_STEP_TIMEOUT_MS only if the pack is legitimately slow.',
        cause: error,
      });
    }
    const unsafe =
      compile?.unsafe === true
        ? compile
        : chain.find((e): e is TemplateUnsafeError => e instanceof TemplateUnsafeError);
    if (unsafe) {
      throw new StudioError(ErrorCodes.TEMPLATE_UNSAFE, `${where}${via}: ${unsafe.message}`, {
        file,
        line: at.line,
        column: at.column,
        hint: 'Templates read only own data of plain objects and lists (plus length and indexes) and call only macros and registered filters.',
        cause: error,
      });
    }
    const badMessage = chain.find((e): e is MessageError => e instanceof MessageError);
    if (badMessage) {
      throw new StudioError(ErrorCodes.MESSAGE_INVALID, `${where}${via}: ${badMessage.message}`, {
        file,
        line: at.line,
        column: at.column,
        hint: "Use an id of the pack's catalogs/en-US.json and pass every {argument} its message names.",
        cause: error,
      });
    }
    const printedNull = /attempted to output null or undefined value/.test(innermostMessage(error));
    const code = undefinedName || printedNull ? ErrorCodes.TEMPLATE_UNDEFINED : ErrorCodes.TEMPLATE_ERROR;
    const message = undefinedName
      ? undefinedName.message
      : printedNull
        ? 'a null or undefined value is printed'
        : innermostMessage(compile ?? error);
    const hint = undefinedName
      ? 'Check the spelling against the Source Spec and agent view-models; optional fields are always ' +
        'present (null or empty) — test them with {% if %}.'
      : printedNull
        ? 'Guard optional values with {% if x %} or give them a fallback: {{ x | default("…", true) }}.'
        : 'Fix the template syntax or the filter/test name.';
    throw new StudioError(code, `${where}${via}: ${message}`, {
      file,
      line: at.line,
      column: at.column,
      hint,
      cause: error,
    });
  }

  return {
    render(template, context, options = {}) {
      const scope = new StrictScope();
      const view: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(context)) {
        // An undefined value counts as absent, so referencing it fails like any missing name.
        if (value !== undefined) view[key] = scope.wrap(value, key);
      }
      position = null;
      deadline = options.deadline ?? Infinity;
      let output: string;
      try {
        output = env.render(template, view);
      } catch (error) {
        if (error instanceof Error && /^template not found/.test(innermostMessage(error)) && !position) {
          throw new StudioError(
            ErrorCodes.TEMPLATE_ERROR,
            `pack "${opts.packId}": template ${template} not found`,
            {
              file: template,
              hint: "Template names are relative to the pack's templates/ folder (then the host's shared partials).",
              cause: error,
            },
          );
        }
        fail(template, error);
      }
      loader.saveCodeCache();
      return normalizeOutput(output, options);
    },
  };
}
