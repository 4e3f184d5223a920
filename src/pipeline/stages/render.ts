import { type ArtifactFormat, type SourceSpec, slugify } from '@studio/sdk';
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { resolveMessages } from '../../i18n/resolve.js';
import { createTranslator } from '../../i18n/translate.js';
import { createRenderer } from '../../render/renderer.js';
import { cacheSubdir } from '../../util/cache-dir.js';
import { caseCollisions, unsafePathReason } from '../../util/safe-path.js';
import { OutputBudget, checkOutputPath } from '../output-rules.js';
import type { Plan } from '../plan.js';
import { defineStage } from '../stage.js';
import type { ViewModels } from './run-agents.js';

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

export interface RenderInput {
  plan: Plan;
  spec: SourceSpec;
  models: ViewModels;
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

/** A failure inside `fn` carries the name of the plugin whose pack or template caused it (as a
 *  bundler's plugin container stamps its plugins' errors). */
function withPlugin<T>(plugin: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof StudioError) error.plugin ??= plugin;
    throw error;
  }
}

/** Two artifacts may not write one path, nor paths that differ only by case (they would overwrite
 *  each other on macOS and Windows). */
function checkDistinctPaths(out: RenderedArtifact[]): void {
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
}

/** Every planned artifact through the strict renderer, one budgeted step per artifact. */
export const render = defineStage<RenderInput, RenderedArtifact[]>({
  name: 'Render',
  container: true,
  async run({ plan, spec, models }, { run, steps }) {
    const out: RenderedArtifact[] = [];
    const cacheDir = cacheSubdir(run.cacheDir, 'templates');
    const budget = new OutputBudget();
    const messages = (
      plan.messages ??
      resolveMessages(plan.packs, plan.locales, spec.meta.locale, cacheSubdir(run.cacheDir, 'catalogs'))
    ).packs;
    const renderers = new Map(
      plan.packs.map((p) => [
        p.manifest.id,
        createRenderer({
          packId: p.manifest.id,
          searchPaths: [p.templatesDir],
          cacheDir,
          translator: createTranslator(p.manifest.id, messages.get(p.manifest.id)!),
        }),
      ]),
    );
    for (const { spec: art, pack } of plan.artifacts) {
      const renderer = renderers.get(pack.manifest.id)!;
      const base = {
        spec,
        pack: { id: pack.manifest.id, title: pack.manifest.title, template_set: pack.manifest.template_set },
        // The Research stage's view-model; null unless the run was given evidence (--evidence).
        evidence: null,
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
        items = withPlugin(pack.plugin.name, () =>
          list.map((item) => ({ path: expandPath(art.path, item, where), context: { ...base, item } })),
        );
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
          const content = withPlugin(pack.plugin.name, () =>
            renderer.render(art.template, context, {
              collapseBlankLines: art.format === 'markdown',
              deadline,
            }),
          );
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
    checkDistinctPaths(out);
    return out;
  },
});
