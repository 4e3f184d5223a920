// Test helper: render every artifact of the deep pack's manifest for a spec, the way the host does
// (agents on a frozen spec, `each` artifacts once per item with `{field}` path placeholders).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AgentDefinition, PackManifest, SourceSpec } from '@studio/sdk';
import a11y from '../../../plugins/agents-deep/src/a11y-reviewer.js';
import adrs from '../../../plugins/agents-deep/src/adr-writer.js';
import architect from '../../../plugins/agents-deep/src/architect.js';
import ci from '../../../plugins/agents-deep/src/ci-author.js';
import contracts from '../../../plugins/agents-deep/src/contract-writer.js';
import sre from '../../../plugins/agents-deep/src/sre.js';
import threats from '../../../plugins/agents-deep/src/threat-modeler.js';
import { contextFor } from '../../../plugins/agents-deep/test/fixtures.js';
import { createRenderer } from '../../../src/render/renderer.js';

export const AGENTS: AgentDefinition[] = [architect, threats, a11y, sre, adrs, ci, contracts];

export const MANIFEST = JSON.parse(
  readFileSync(new URL('../pack.json', import.meta.url), 'utf8'),
) as PackManifest;

const TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url));

/** One rendered file. */
export interface RenderedFile {
  artifactId: string;
  path: string;
  format: string;
  content: string;
}

function lookup(models: Record<string, unknown>, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((cur, key) => (cur as Record<string, unknown>)[key], models);
}

/** View-models of every deep agent, keyed by `produces`. */
export async function deepModels(spec: SourceSpec): Promise<Record<string, unknown>> {
  const models: Record<string, unknown> = {};
  for (const agent of AGENTS) models[agent.produces] = await agent.run(contextFor(structuredClone(spec)));
  return models;
}

/** Render every deep artifact for `spec`. */
export async function renderDeep(spec: SourceSpec): Promise<RenderedFile[]> {
  const models = await deepModels(spec);
  const renderer = createRenderer({ packId: 'deep', searchPaths: [TEMPLATES] });
  const base = {
    spec,
    pack: { id: MANIFEST.id, title: MANIFEST.title, template_set: MANIFEST.template_set },
    ...models,
  };
  const out: RenderedFile[] = [];
  for (const art of MANIFEST.artifacts) {
    const items: { path: string; context: Record<string, unknown> }[] =
      art.each === undefined
        ? [{ path: art.path, context: base }]
        : (lookup(models, art.each) as Record<string, unknown>[]).map((item) => ({
            path: art.path.replace(/\{([a-z_][a-z0-9_]*)\}/gi, (_m, f: string) => String(item[f])),
            context: { ...base, item },
          }));
    for (const { path, context } of items) {
      const content = renderer.render(art.template, context, {
        collapseBlankLines: art.format === 'markdown',
      });
      out.push({ artifactId: art.id, path, format: art.format, content });
    }
  }
  return out;
}
