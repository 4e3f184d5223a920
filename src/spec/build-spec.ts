// SpecBuilder (DESIGN §2, BuildSpec): Idea Card + Decision Sheet (+ --dials, --locale) → a
// validated, normalized Source Spec. Every problem found is reported at once, each with the file,
// line, column and JSON pointer it is at; Framer-lite then fills what is still empty.
import type { Dials, OpenQuestion, SourceSpec } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { type ErrorDetail, StudioError } from '../errors/studio-error.js';
import type { Location } from '../inputs/json-pointer.js';
import { validateSchema } from '../schemas/validate.js';
import type { MemoCache } from '../util/memo-cache.js';
import { DEFAULT_DIALS, DIAL_NAMES, DIAL_VALUES } from './dials.js';
import { frameSpec } from './framer.js';
import { generatorName } from './generator.js';
import type { DecisionsInput, IdeaInput } from './input-types.js';
import { DEFAULT_LOCALE, canonicalLocale, isLocale } from './locale.js';
import { normalizeSpec } from './normalize.js';
import { checkSpecRules } from './rules.js';
import { checkSourceSpec, locateIn, type SpecOrigin } from './check-spec.js';
import { ENGINE_SPEC_VERSION } from './spec-version.js';

export { ENGINE_SPEC_VERSION } from './spec-version.js';
export { parseDials } from './dials.js';

/** Maps a JSON pointer of a file to its 1-based line and column (see readDocument). */
export type Locator = (pointer: string) => Location | undefined;

export interface BuildSpecInput {
  /** The parsed Idea Card. */
  idea: unknown;
  /** The parsed Decision Sheet; undefined means "no sheet" (all defaults). */
  decisions?: unknown;
  /** Dials from the command line; they beat the sheet's. */
  dials?: Partial<Dials>;
  /** Locale from the command line; beats the sheet's. */
  locale?: string;
  /** The Idea Card's path as the user typed it (for error details). */
  ideaFile?: string;
  /** The Decision Sheet's path as the user typed it. */
  decisionsFile?: string;
  locateIdea?: Locator;
  locateDecisions?: Locator;
  /** Where schema passes are remembered (see validateSchema); none: every input is validated. */
  schemaCache?: MemoCache | null;
}

export interface BuildSpecResult {
  /** The Source Spec, complete and schema-valid. */
  spec: SourceSpec;
  /** The placeholders Framer-lite filled (also in spec.open_questions), for the audit log. */
  overrides: OpenQuestion[];
}

type Source = SpecOrigin;

/** Details in reading order: by line and column when known, otherwise as found (stable). */
function inReadingOrder(details: ErrorDetail[]): ErrorDetail[] {
  const key = (d: ErrorDetail) => (d.line ?? Number.MAX_SAFE_INTEGER) * 1e6 + (d.column ?? 0);
  return details
    .map((d, i) => ({ d, i }))
    .sort((a, b) => key(a.d) - key(b.d) || a.i - b.i)
    .map(({ d }) => d);
}

function invalid(details: ErrorDetail[], names: string[]): StudioError {
  const count = `${details.length} problem${details.length === 1 ? '' : 's'}`;
  return new StudioError(ErrorCodes.SPEC_INVALID, `${names.join(' and ')}: ${count}`, {
    details,
    hint: 'Fix each problem listed; "studio validate --idea <file> --decisions <file>" re-checks without generating.',
  });
}

/** Schema errors of an Idea Card, located in its file. */
export function ideaProblems(idea: unknown, source: Source = {}): ErrorDetail[] {
  return inReadingOrder(validateSchema('idea_card', idea).map((d) => locateIn(source, d)));
}

/** Schema errors of a Decision Sheet, plus its own semantic problems (duplicate ids and names;
 *  deliverables and SLO features are checked only against an Idea Card, by buildSpec). */
export function decisionsProblems(decisions: unknown, source: Source = {}): ErrorDetail[] {
  const schema = validateSchema('decision_sheet', decisions);
  if (schema.length > 0) return inReadingOrder(schema.map((d) => locateIn(source, d)));
  const stubIdea: IdeaInput = {
    title: 'x',
    one_liner: '',
    problem: '',
    audience: [],
    goals: [],
    features: [],
  };
  const spec = normalize(stubIdea, decisions as DecisionsInput, DEFAULT_DIALS, DEFAULT_LOCALE);
  const rules = checkSpecRules(spec).filter(
    (d) => !/^\/(milestones\/\d+\/deliverables|ops\/slos\/\d+\/features)\//.test(d.pointer ?? ''),
  );
  return inReadingOrder(rules.map((d) => locateIn(source, d)));
}

function normalize(idea: IdeaInput, decisions: DecisionsInput, dials: Dials, locale: string): SourceSpec {
  return normalizeSpec({
    idea,
    decisions,
    dials,
    locale,
    specVersion: ENGINE_SPEC_VERSION,
    generator: generatorName(),
  });
}

/** Sheet dials, then command-line dials (checked: they may come from a config file). */
function resolveDials(sheet: DecisionsInput['dials'], flags: Partial<Dials> | undefined): Dials {
  const dials = { ...DEFAULT_DIALS, ...(sheet as Partial<Dials> | undefined) };
  for (const name of DIAL_NAMES) {
    const value = flags?.[name] as unknown;
    if (value === undefined) continue;
    if (!(DIAL_VALUES[name] as readonly unknown[]).includes(value)) {
      throw new StudioError(
        ErrorCodes.FLAG_INVALID,
        `dial ${name} must be one of: ${DIAL_VALUES[name].join(', ')}`,
        {
          hint: `Use --dials ${name}=${DIAL_VALUES[name][0]} (values: ${DIAL_VALUES[name].join('|')}).`,
        },
      );
    }
    (dials as Record<string, unknown>)[name] = value;
  }
  return dials;
}

function resolveLocale(sheet: string | undefined, flag: string | undefined): string {
  if (flag !== undefined && !isLocale(flag)) {
    throw new StudioError(ErrorCodes.FLAG_INVALID, `--locale "${flag}" is not a BCP 47 locale tag`, {
      hint: 'Use a tag such as en-US, fr-CA or de.',
    });
  }
  return canonicalLocale(flag ?? sheet ?? DEFAULT_LOCALE);
}

/** Which input file a Source Spec pointer of a semantic rule comes from. */
function sourceOf(pointer: string | undefined): 'idea' | 'decisions' {
  return /^\/(features|risks|metrics|audience|goals)(\/|$)/.test(pointer ?? '') ? 'idea' : 'decisions';
}

export function buildSpec(input: BuildSpecInput): BuildSpecResult {
  const ideaSource: Source = { file: input.ideaFile, locate: input.locateIdea };
  const decisionsSource: Source = { file: input.decisionsFile, locate: input.locateDecisions };
  const decisions = input.decisions === undefined ? {} : input.decisions;
  const ideaName = input.ideaFile ?? 'the Idea Card';
  const decisionsName = input.decisionsFile ?? 'the Decision Sheet';

  const cache = { cache: input.schemaCache };
  const ideaSchema = validateSchema('idea_card', input.idea, cache).map((d) => locateIn(ideaSource, d));
  const decisionsSchema = validateSchema('decision_sheet', decisions, cache).map((d) =>
    locateIn(decisionsSource, d),
  );
  if (ideaSchema.length + decisionsSchema.length > 0) {
    const names = [
      ...(ideaSchema.length ? [ideaName] : []),
      ...(decisionsSchema.length ? [decisionsName] : []),
    ];
    throw invalid([...inReadingOrder(ideaSchema), ...inReadingOrder(decisionsSchema)], names);
  }

  const sheet = decisions as DecisionsInput;
  const spec = normalize(
    input.idea as IdeaInput,
    sheet,
    resolveDials(sheet.dials, input.dials),
    resolveLocale(sheet.locale, input.locale),
  );

  const rules = checkSpecRules(spec);
  if (rules.length > 0) {
    const fromIdea = rules.filter((d) => sourceOf(d.pointer) === 'idea').map((d) => locateIn(ideaSource, d));
    const fromSheet = rules
      .filter((d) => sourceOf(d.pointer) === 'decisions')
      .map((d) => locateIn(decisionsSource, d));
    const names = [...(fromIdea.length ? [ideaName] : []), ...(fromSheet.length ? [decisionsName] : [])];
    throw invalid([...inReadingOrder(fromIdea), ...inReadingOrder(fromSheet)], names);
  }

  const overrides = frameSpec(spec);

  // The inputs were valid, so a failure here is a bug in normalization or Framer-lite; it is still
  // reported with pointers rather than letting an invalid spec reach the packs.
  checkSourceSpec(spec, {}, { schemaCache: input.schemaCache });
  return { spec, overrides: overrides.map((q) => ({ ...q })) };
}
