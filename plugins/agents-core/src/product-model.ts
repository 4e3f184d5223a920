// studio:product-model — the one reading of the spec every built-in agent derives from (timeline,
// components, data flows, trust boundaries, classification, threats, test ids, open questions).
// Other agents declare `needs: ['model']` and read it from ctx.inputs.model.
import type { AgentContext, AgentDefinition, ProductModel } from '@studio/sdk';
import { buildModel } from './model/build-model.js';

const agent = {
  id: 'studio:product-model',
  produces: 'model',
  description:
    'The shared product model: participants, trust zones and boundaries, data flows, classification, timeline, threats, test ids and open questions.',
  run: (ctx: AgentContext): ProductModel => buildModel(ctx.spec),
} satisfies AgentDefinition<ProductModel>;

export default agent;
