import type { Dials, SourceSpec } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { readDocument } from '../inputs/read-document.js';
import { buildSpec } from '../spec/build-spec.js';
import { checkSpecVersion } from '../spec/spec-version.js';
import { migrateSpec } from '../spec/migrations/index.js';
import { validateSchema } from '../schemas/validate.js';
import { checkSpecRules } from '../spec/rules.js';
import type { Catalog } from '../plugins/types.js';
import { canonicalJson } from '../util/canonical-json.js';
import { type Plan, planRun } from './plan.js';
import { type RenderedArtifact, renderArtifacts, runAgents, validateRendered } from './render-pack.js';
import { type RunContext, createRunContext } from './run-context.js';
import { StepRunner } from './step-runner.js';
import { StagingDir } from './write-output.js';
import { ARTIFACT_INDEX_FILE, ENGINE_TEMPLATE_COMMIT } from '../package/artifact-index.js';
import { buildIndex, generatedAt, type ArtifactIndex } from './artifact-index.js';
import { packageZips } from './package-zips.js';
import { buildReport } from './report.js';
import { diffAgainstPrevious, type DryRunDiff } from './dry-run.js';

/** The orchestrator's states (DESIGN §2), in order. Any state may go to Failed. */
export const STATES = [
  'CollectInputs',
  'BuildSpec',
  'ValidateSpec',
  'Research',
  'Plan',
  'RunAgents',
  'Render',
  'ValidateOutputs',
  'Write',
  'Package',
  'Index',
  'Report',
  'Done',
] as const;
export type State = (typeof STATES)[number] | 'Failed';

export interface GenerateOptions {
  /** Idea Card file (YAML/JSON), as the user typed it. */
  ideaFile?: string;
  /** Decision Sheet file; optional (defaults apply). */
  decisionsFile?: string;
  /** A ready Source Spec instead of idea + decisions. */
  specFile?: string;
  /** Packs to generate; each gets a zip. */
  packIds: string[];
  /** Output folder. */
  outDir: string;
  /** Dial overrides from --dials. */
  dials?: Partial<Dials>;
  /** Locale override. */
  locale?: string;
  /** Accept a spec newer than the engine supports. */
  force?: boolean;
  /** Plan, render and validate, but write nothing. */
  dryRun?: boolean;
  /** Packs and agents available. */
  catalog: Catalog;
  /** Version of the engine (root package.json). */
  engineVersion: string;
  /** Environment (SOURCE_DATE_EPOCH). */
  env?: NodeJS.ProcessEnv;
  /** Run context (budgets, clock, cache); created when absent. */
  ctx?: RunContext;
}

export interface GenerateResult {
  runId: string;
  outDir: string;
  dryRun: boolean;
  spec: SourceSpec;
  index: ArtifactIndex;
  /** With --dry-run: how the output would differ from what is in outDir now. */
  diff?: DryRunDiff;
  stages: { name: string; status: 'ok' | 'failed' | 'skipped'; duration_ms: number }[];
  /** Things the user should know that did not stop the run (e.g. a locale a pack does not have). */
  warnings: string[];
}

/** Everything the states pass along. */
interface RunState {
  idea?: unknown;
  decisions?: unknown;
  specInput?: unknown;
  locate: Record<string, ((p: string) => { line: number; column: number } | undefined) | undefined>;
  spec?: SourceSpec;
  plan?: Plan;
  models?: Record<string, unknown>;
  artifacts?: RenderedArtifact[];
  index?: ArtifactIndex;
  diff?: DryRunDiff;
}

/** Run one generation from files to a committed output folder. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const ctx = options.ctx ?? createRunContext();
  const env = options.env ?? process.env;
  const steps = new StepRunner(ctx);
  const stages: GenerateResult['stages'] = [];
  const st: RunState = { locate: {} };
  const warnings: string[] = [];
  const staging = new StagingDir(options.outDir, ctx.runId);
  let state: State = 'CollectInputs';

  const stage = async (
    name: State,
    fn: () => Promise<void> | void,
    skip = false,
    container = false,
  ): Promise<void> => {
    state = name;
    if (skip) {
      stages.push({ name, status: 'skipped', duration_ms: 0 });
      ctx.audit.info(name, 'skipped');
      return;
    }
    const start = ctx.clock.monotonic();
    ctx.audit.info(name, 'entered');
    try {
      await steps.run(name, 'completed', fn, undefined, container);
      stages.push({ name, status: 'ok', duration_ms: ctx.clock.monotonic() - start });
    } catch (error) {
      stages.push({ name, status: 'failed', duration_ms: ctx.clock.monotonic() - start });
      throw error;
    }
  };

  ctx.audit.info('CollectInputs', 'run started', {
    data: { packs: options.packIds, dry_run: Boolean(options.dryRun), offline: ctx.offline },
  });
  try {
    if (!options.dryRun) {
      // One run at a time per output folder; what a crashed run left is finished or removed first.
      for (const done of staging.begin()) ctx.audit.warn('CollectInputs', 'recovery', { data: { done } });
    }
    await stage('CollectInputs', async () => {
      if (options.specFile) {
        const doc = await readDocument(options.specFile);
        st.specInput = doc.data;
        st.locate.spec = doc.locate;
        return;
      }
      if (options.ideaFile === undefined) {
        throw new StudioError(ErrorCodes.FLAG_INVALID, 'nothing to generate from', {
          hint: 'Pass --idea <file> (and usually --decisions <file>), or --spec <file>.',
        });
      }
      const idea = await readDocument(options.ideaFile);
      st.idea = idea.data;
      st.locate.idea = idea.locate;
      // An empty path (--decisions '') is refused by readDocument like --idea '', never ignored.
      if (options.decisionsFile !== undefined) {
        const decisions = await readDocument(options.decisionsFile);
        st.decisions = decisions.data;
        st.locate.decisions = decisions.locate;
      }
    });

    await stage('BuildSpec', () => {
      if (st.specInput !== undefined) {
        const migrated = migrateSpec(st.specInput);
        for (const m of migrated.applied)
          ctx.audit.info('BuildSpec', 'migration applied', { data: { migration: m } });
        const spec = migrated.spec as SourceSpec;
        // --dials and --locale apply to a ready spec too (the schema check follows in ValidateSpec).
        if (options.dials && spec.dials) spec.dials = { ...spec.dials, ...options.dials };
        if (options.locale && spec.meta) spec.meta.locale = options.locale;
        st.spec = spec;
        return;
      }
      const built = buildSpec({
        idea: st.idea,
        decisions: st.decisions,
        dials: options.dials,
        locale: options.locale,
        ideaFile: options.ideaFile,
        decisionsFile: options.decisionsFile,
        locateIdea: st.locate.idea,
        locateDecisions: st.locate.decisions,
      });
      st.spec = built.spec;
      for (const o of built.overrides) {
        ctx.audit.log('warn', 'BuildSpec', 'override: placeholder filled', {
          data: { pointer: o.pointer, question: o.question },
        });
      }
    });

    await stage('ValidateSpec', () => {
      const spec = st.spec!;
      checkSpecVersion(spec, { force: Boolean(options.force) });
      // A spec built from idea + decisions was checked by buildSpec (schema and rules); a ready spec
      // read from --spec is checked here.
      if (st.specInput === undefined) return;
      const problems = validateSchema('source_spec', spec);
      // Semantic rules (duplicate ids, deliverables naming no feature) once the shape is right.
      if (problems.length === 0) problems.push(...checkSpecRules(spec));
      if (problems.length > 0) {
        throw new StudioError(ErrorCodes.SPEC_INVALID, 'the Source Spec does not match its schema', {
          file: options.specFile,
          details: problems.map((p) => ({ ...p, file: options.specFile })),
          hint: 'Fix the fields named above, or run "studio validate" for details.',
        });
      }
    });

    // Research (the Librarian) is opt-in and needs network access; runs are offline by default.
    await stage('Research', () => undefined, true);

    await stage('Plan', async () => {
      st.plan = await planRun(options.catalog, options.packIds);
      const locale = st.spec!.meta.locale;
      for (const pack of st.plan.packs) {
        if (!supportsLocale(pack.manifest.locales, locale)) {
          const message = `pack "${pack.manifest.id}" has no ${locale} templates; its documents are in ${pack.manifest.locales.join(', ')}`;
          warnings.push(message);
          ctx.audit.warn('Plan', 'locale fallback', {
            data: { pack: pack.manifest.id, locale, used: pack.manifest.locales[0] },
          });
        }
      }
      ctx.audit.info('Plan', 'planned', {
        data: {
          packs: st.plan.packs.map((p) => `${p.manifest.id}@${p.manifest.template_set}`),
          agents: st.plan.agents.map((a) => a.agent.id),
          artifacts: st.plan.artifacts.length,
        },
      });
    });

    await stage(
      'RunAgents',
      async () => {
        st.models = await runAgents(st.plan!, st.spec!, steps);
      },
      false,
      true,
    );

    await stage(
      'Render',
      async () => {
        st.artifacts = await renderArtifacts(st.plan!, st.spec!, st.models!, steps, ctx.cacheDir);
      },
      false,
      true,
    );

    await stage('ValidateOutputs', async () => {
      const findings = await validateRendered(st.plan!, st.spec!, st.artifacts!, ctx.cacheDir);
      for (const f of findings) ctx.audit.log('error', 'ValidateOutputs', 'finding', { data: { ...f } });
      if (findings.length > 0) {
        const traceOnly = findings.every((f) => f.rule === 'traceability');
        throw new StudioError(
          traceOnly ? ErrorCodes.TRACEABILITY : ErrorCodes.OUTPUT_INVALID,
          `${findings.length} generated artifact problem(s); nothing was written`,
          {
            details: findings.map((f) => ({
              file: f.path,
              line: f.line,
              column: f.column,
              message: `${f.rule}: ${f.message}`,
            })),
            hint: traceOnly
              ? 'Every id must be traceable through the pack; check the spec ids named above.'
              : 'A template produced invalid output. If the pack is third-party, report it to its authors.',
          },
        );
      }
    });

    const sourceSpecJson = canonicalJson(st.spec);
    // The spec goes into every zip; the index names it after the first pack asked for.
    const primary = st.plan!.requested[0]!.manifest.id;
    const files = [
      ...st.artifacts!.map((a) => ({ ...a, bytes: Buffer.from(a.content, 'utf8') })),
      {
        path: 'source_spec.json',
        pack: primary,
        artifactId: 'source_spec',
        format: 'json' as const,
        purpose: 'The validated Source Spec every document was rendered from',
        template_set: options.engineVersion,
        template_commit: ENGINE_TEMPLATE_COMMIT,
        bytes: Buffer.from(sourceSpecJson, 'utf8'),
      },
    ];

    if (options.dryRun) {
      st.index = buildIndex({
        files,
        zips: [],
        engineVersion: options.engineVersion,
        spec: st.spec!,
        generatedAt: generatedAt(env, ctx.clock),
      });
      st.diff = diffAgainstPrevious(options.outDir, st.index);
      for (const name of ['Write', 'Package', 'Index', 'Report'] as const)
        await stage(name, () => undefined, true);
    } else {
      await stage('Write', () => {
        staging.checkTarget();
        staging.create();
        for (const f of files) staging.write(f.path, f.bytes);
      });

      let zips: Awaited<ReturnType<typeof packageZips>> = [];
      await stage('Package', async () => {
        zips = await packageZips(st.plan!, files, env);
        for (const z of zips) staging.write(z.path, z.bytes);
      });

      await stage('Index', () => {
        st.index = buildIndex({
          files,
          zips,
          engineVersion: options.engineVersion,
          spec: st.spec!,
          generatedAt: generatedAt(env, ctx.clock),
        });
        const problems = validateSchema('artifact_index', st.index);
        if (problems.length > 0) {
          throw new StudioError(ErrorCodes.INTERNAL, 'the artifact index does not match its schema', {
            details: problems,
          });
        }
        staging.write(ARTIFACT_INDEX_FILE, canonicalJson(st.index));
      });

      await stage('Report', () => {
        ctx.audit.info('Report', 'run completed', { data: { artifacts: files.length, zips: zips.length } });
        staging.write(
          'run_report.html',
          buildReport({
            ctx,
            options,
            spec: st.spec!,
            index: st.index!,
            formats: new Map(files.map((f) => [f.path, f.format])),
            stages,
          }),
        );
        staging.write('audit.jsonl', ctx.audit.toJsonl());
        staging.commit();
      });
    }
    state = 'Done';
    ctx.audit.info('Done', 'done', { duration_ms: steps.elapsed() });
    return {
      runId: ctx.runId,
      outDir: options.outDir,
      dryRun: Boolean(options.dryRun),
      spec: st.spec!,
      index: st.index!,
      diff: st.diff,
      stages,
      warnings,
    };
  } catch (error) {
    ctx.audit.log('error', 'Failed', `failed in ${state}`, {
      data: { code: (error as StudioError).code ?? ErrorCodes.INTERNAL, message: (error as Error).message },
    });
    staging.discard();
    throw error;
  } finally {
    staging.end();
  }
}

/** A pack serves a locale when it lists it, or lists the same language ("fr" for "fr-CA" and back). */
function supportsLocale(locales: string[], locale: string): boolean {
  const lang = (l: string) => l.toLowerCase().split('-')[0];
  return locales.some((l) => l.toLowerCase() === locale.toLowerCase() || lang(l) === lang(locale));
}
