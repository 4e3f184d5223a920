import { fileURLToPath } from 'node:url';
import type { ArtifactFormat, Finding, SourceSpec } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import type { Catalog } from '../plugins/types.js';
import { createRenderer } from '../render/renderer.js';
import { validateArtifacts } from '../validators/index.js';
import { caseCollisions, unsafePathReason } from '../util/safe-path.js';
import { cacheSubdir } from '../util/cache-dir.js';
import { deepFreeze } from '../util/deep-freeze.js';
import { runAgent } from '../sandbox/agents.js';
import { slugify } from '../render/slugify.js';
import { OutputBudget, checkOutputPath } from './output-rules.js';
import { type Plan, planRun } from './plan.js';
import { StepRunner } from './step-runner.js';
import { checkTraceability } from './traceability.js';
import { createRunContext } from './run-context.js';

/** One rendered document, in memory. */
export interface RenderedArtifact {
  /** Relative POSIX output path. */
  path: string;
  /** Id of the pack that owns the template. */
  pack: string;
  /** Artifact id within that pack. */
  artifactId: string;
  format: ArtifactFormat;
  purpose: string;
  content: string;
  template_set: string;
  template_commit: string;
}

/** Shared partials shipped with the host. */
const HOST_PARTIALS = fileURLToPath(new URL('../../templates/partials/', import.meta.url));

/** Run every agent in order; each is one budgeted step. Returns view-models keyed by `produces`. */
export async function runAgents(
  plan: Plan,
  spec: SourceSpec,
  steps: StepRunner,
): Promise<Record<string, unknown>> {
  const frozen = deepFreeze(structuredClone(spec));
  const models: Record<string, unknown> = {};
  for (const { agent, plugin } of plan.agents) {
    const inputs: Record<string, unknown> = {};
    for (const need of agent.needs ?? []) inputs[need] = models[need];
    const vm = await steps.run('RunAgents', agent.id, async () => {
      try {
        const ctx = { spec: frozen, locale: spec.meta.locale, inputs: Object.freeze(inputs) };
        return await runAgent(agent, ctx, { cpuMs: steps.stepLimitMs(), plugin });
      } catch (error) {
        if (error instanceof StudioError) {
          error.plugin ??= plugin;
          throw error;
        }
        throw new StudioError(
          ErrorCodes.AGENT_FAILED,
          `agent "${agent.id}" failed: ${(error as Error).message}`,
          {
            plugin,
            cause: error,
            hint: 'This is a bug in the plugin that provides the agent; report it to its authors.',
          },
        );
      }
    });
    if (vm === undefined || vm === null || typeof vm !== 'object') {
      throw new StudioError(ErrorCodes.AGENT_FAILED, `agent "${agent.id}" returned no view-model object`, {
        plugin,
        hint: 'run(ctx) must return an object.',
      });
    }
    models[agent.produces] = deepFreeze(vm);
  }
  return models;
}

function lookupPath(models: Record<string, unknown>, dotted: string): unknown {
  let cur: unknown = models;
  for (const key of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function expandPath(template: string, item: unknown, where: string): string {
  return template.replace(/\{([a-z_][a-z0-9_]*)\}/gi, (_m, field: string) => {
    const value =
      item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[field] : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new StudioError(
        ErrorCodes.MANIFEST_INVALID,
        `${where}: path placeholder {${field}} has no string value in the item`,
        {
          hint: `Each item of "each" must have a "${field}" field.`,
        },
      );
    }
    // The engine slugs placeholder values itself: a path never carries raw spec text.
    return slugify(String(value));
  });
}

/** Render every planned artifact with the strict renderer. */
export async function renderArtifacts(
  plan: Plan,
  spec: SourceSpec,
  models: Record<string, unknown>,
  steps: StepRunner,
  cacheRoot?: string | null,
): Promise<RenderedArtifact[]> {
  const out: RenderedArtifact[] = [];
  const cacheDir = cacheSubdir(cacheRoot, 'templates');
  const budget = new OutputBudget();
  const renderers = new Map(
    plan.packs.map((p) => [
      p.manifest.id,
      createRenderer({ packId: p.manifest.id, searchPaths: [p.templatesDir, HOST_PARTIALS], cacheDir }),
    ]),
  );
  for (const { spec: art, pack } of plan.artifacts) {
    const renderer = renderers.get(pack.manifest.id)!;
    const base = {
      spec,
      pack: { id: pack.manifest.id, title: pack.manifest.title, template_set: pack.manifest.template_set },
      ...models,
    };
    const where = `pack "${pack.manifest.id}", artifact "${art.id}"`;
    let items: { path: string; context: Record<string, unknown> }[];
    if (art.each !== undefined) {
      const list = lookupPath(models, art.each);
      if (!Array.isArray(list)) {
        throw new StudioError(
          ErrorCodes.MANIFEST_INVALID,
          `${where}: "each" (${art.each}) is not a list in the view-models`,
          {
            plugin: pack.plugin.name,
            hint: 'Point "each" at a list an agent produces, e.g. "diagrams.sequences".',
          },
        );
      }
      items = list.map((item) => ({ path: expandPath(art.path, item, where), context: { ...base, item } }));
    } else {
      items = [{ path: art.path, context: base }];
    }
    budget.addFiles(items.length, where, pack.plugin.name);
    const deadline = performance.now() + steps.stepLimitMs();
    await steps.run('Render', `${pack.manifest.id}:${art.id}`, () => {
      for (const { path, context } of items) {
        const reason = unsafePathReason(path);
        if (reason !== null) {
          throw new StudioError(
            ErrorCodes.ARTIFACT_PATH_UNSAFE,
            `${where} would write "${path}": ${reason}`,
            {
              plugin: pack.plugin.name,
              hint: 'Derive file names from user text with the slug filter or a slug field.',
            },
          );
        }
        checkOutputPath(path, art.format, where, pack.plugin.name);
        const content = renderer.render(art.template, context, {
          collapseBlankLines: art.format === 'markdown',
          deadline,
        });
        budget.addContent(content, path, pack.plugin.name);
        out.push({
          path,
          pack: pack.manifest.id,
          artifactId: art.id,
          format: art.format,
          purpose: art.purpose,
          content,
          template_set: pack.manifest.template_set,
          template_commit: pack.templateCommit,
        });
      }
    });
  }
  const seen = new Map<string, RenderedArtifact>();
  for (const a of out) {
    const prev = seen.get(a.path);
    if (prev) {
      throw new StudioError(
        ErrorCodes.ARTIFACT_PATH_UNSAFE,
        `two artifacts write "${a.path}" (${prev.pack}:${prev.artifactId} and ${a.pack}:${a.artifactId})`,
        {
          hint: 'Give the artifacts distinct paths.',
        },
      );
    }
    seen.set(a.path, a);
  }
  const collisions = caseCollisions(out.map((a) => a.path));
  if (collisions.length > 0) {
    throw new StudioError(
      ErrorCodes.ARTIFACT_PATH_UNSAFE,
      `artifact paths differ only by case: ${collisions.map((g) => g.join(' / ')).join('; ')}`,
      {
        hint: 'They would overwrite each other on macOS and Windows.',
      },
    );
  }
  return out;
}

/** Every artifact through its format's validator, then each pack's traceability rules. */
export async function validateRendered(
  plan: Plan,
  spec: SourceSpec,
  artifacts: RenderedArtifact[],
  cacheRoot: string | null | undefined,
): Promise<Finding[]> {
  const findings = await validateArtifacts(
    artifacts.map((a) => ({ path: a.path, format: a.format, content: a.content })),
    { cacheDir: cacheSubdir(cacheRoot, 'validation') },
  );
  // All packs' rules in one pass: spec-wide checks (milestone deliverables) are then reported once.
  const rules = plan.packs.flatMap((p) => p.manifest.traceability ?? []);
  if (rules.length > 0) findings.push(...checkTraceability(spec, rules, artifacts));
  return findings;
}

/** Plan, run agents, render and validate in memory: used by the gates' template harness. */
export async function renderPacks(opts: {
  catalog: Catalog;
  packIds: string[];
  spec: SourceSpec;
  /** Cache root (see studioCacheRoot); null disables caching. */
  cacheDir?: string | null;
}): Promise<{ artifacts: RenderedArtifact[]; findings: Finding[] }> {
  const ctx = createRunContext({ cacheDir: opts.cacheDir });
  const steps = new StepRunner(ctx);
  const plan = await planRun(opts.catalog, opts.packIds);
  const models = await runAgents(plan, opts.spec, steps);
  const artifacts = await renderArtifacts(plan, opts.spec, models, steps, opts.cacheDir);
  const findings = await steps.run('ValidateOutputs', 'completed', () =>
    validateRendered(plan, opts.spec, artifacts, opts.cacheDir),
  );
  return { artifacts, findings };
}
