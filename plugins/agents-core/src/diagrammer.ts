// studio:diagrammer — models for lifecycle.mmd and one sequence_{slug}.mmd per feature with a flow.
// Participants get positional aliases (P1…) so any user text can be a label without ever being a
// Mermaid identifier.
import type { AgentContext, AgentDefinition, DeepReadonly, Feature, ReadonlySpec as Spec } from '@studio/sdk';
import { buildLifecycle } from './lifecycle.js';
import { sequenceSlugs } from './spec-helpers.js';
import type { DiagramsView, SequenceModel } from './types.js';

function sequence(feature: DeepReadonly<Feature>, slug: string): SequenceModel {
  const aliases = new Map<string, string>();
  const alias = (label: string): string => {
    let a = aliases.get(label);
    if (a === undefined) {
      a = `P${aliases.size + 1}`;
      aliases.set(label, a);
    }
    return a;
  };
  const messages = feature.flow.map((step) => ({
    from: alias(step.from),
    to: alias(step.to),
    text: step.message,
  }));
  return {
    slug,
    feature_id: feature.id,
    title: feature.name,
    participants: [...aliases].map(([label, a]) => ({ alias: a, label })),
    messages,
  };
}

export function drawDiagrams(spec: Spec): DiagramsView {
  const slugs = sequenceSlugs(spec);
  return {
    lifecycle: buildLifecycle(spec),
    sequences: spec.features
      .filter((f) => f.flow.length > 0)
      .map((f) => sequence(f, slugs.get(f.id) ?? f.id)),
  };
}

const agent = {
  id: 'studio:diagrammer',
  produces: 'diagrams',
  description:
    'Lifecycle state diagram (main entity or feature lifecycle) and one sequence diagram per feature flow.',
  run: (ctx: AgentContext): DiagramsView => drawDiagrams(ctx.spec),
} satisfies AgentDefinition<DiagramsView>;

export default agent;
