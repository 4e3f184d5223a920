// studio:diagrammer — models for lifecycle.mmd and one sequence_{slug}.mmd per feature with a flow.
// Participants get positional aliases (P1…) so any user text can be a label without ever being a
// Mermaid identifier; they are grouped in boxes by declared trust zone, people drawn as actors.
import {
  type AgentContext,
  type AgentDefinition,
  type DeepReadonly,
  type Feature,
  type ReadonlySpec as Spec,
  zoneMessage,
} from '@studio/sdk';
import { buildLifecycle } from './lifecycle.js';

import { sequenceSlugs } from './spec-helpers.js';
import type { DiagramsView, Model, SequenceModel } from './types.js';

function sequence(feature: DeepReadonly<Feature>, slug: string, model: Model): SequenceModel {
  const flows = model.flows.filter((f) => f.feature_id === feature.id);
  const order: string[] = [];
  for (const f of flows) for (const id of [f.from, f.to]) if (!order.includes(id)) order.push(id);
  const byId = new Map(model.participants.map((p) => [p.id, p]));
  const zones: string[] = [];
  for (const id of order) {
    const zone = byId.get(id)!.zone;
    if (!zones.includes(zone)) zones.push(zone);
  }
  // Aliases follow the drawing order (zone by zone), so P1… read left to right.
  const alias = new Map<string, string>();
  const boxes = zones.map((zone) => ({
    zone: zoneMessage(byId.get(order.find((id) => byId.get(id)!.zone === zone)!)!),
    participants: order
      .filter((id) => byId.get(id)!.zone === zone)
      .map((id) => {
        const a = `P${alias.size + 1}`;
        alias.set(id, a);
        return { alias: a, label: byId.get(id)!.name, actor: byId.get(id)!.kind === 'person' };
      }),
  }));
  return {
    slug,
    feature_id: feature.id,
    title: feature.name,
    boxes,
    steps: flows.map((f) => ({
      from: alias.get(f.from)!,
      to: alias.get(f.to)!,
      text: f.message,
      reply: f.reply,
      failure: f.on_failure,
      flow_id: f.id,
    })),
  };
}

export function drawDiagrams(spec: Spec, model: Model): DiagramsView {
  const slugs = sequenceSlugs(spec);
  return {
    lifecycle: buildLifecycle(spec),
    sequences: spec.features
      .filter((f) => f.flow.length > 0)
      .map((f) => sequence(f, slugs.get(f.id) ?? f.id, model)),
  };
}

const agent = {
  id: 'studio:diagrammer',
  produces: 'diagrams',
  needs: ['model'],
  description:
    'Lifecycle state diagram from declared transitions and one sequence diagram per feature flow, with replies, failure branches and trust zones.',
  run: (ctx: AgentContext): DiagramsView => drawDiagrams(ctx.spec, ctx.inputs.model as Model),
} satisfies AgentDefinition<DiagramsView>;

export default agent;
