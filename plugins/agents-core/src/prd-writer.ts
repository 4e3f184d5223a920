// studio:prd-writer — the product view-model behind brief.md and prd.md: features in priority order
// with their acceptance criteria, scored risks, the milestone timeline, and the audience dial's
// choice of sections.
import type { AgentContext, AgentDefinition, ReadonlySpec as Spec } from '@studio/sdk';
import { audienceProfile } from './audience.js';
import {
  byPriority,
  featureRef,
  planMilestones,
  priorityLabel,
  PRIORITIES,
  scoreRisk,
  sequenceSlugs,
  unscheduledFeatures,
} from './spec-helpers.js';
import type { PrdFeature, PrdRisk, PrdView } from './types.js';

function features(spec: Spec): PrdFeature[] {
  const slugOf = sequenceSlugs(spec);
  const firstMilestone = (id: string) => spec.milestones.find((m) => m.deliverables.includes(id));
  return byPriority(
    spec.features.map((f) => {
      const m = firstMilestone(f.id);
      const slug = slugOf.get(f.id);
      return {
        ...featureRef(f),
        description: f.description,
        acceptance: f.acceptance.map((a) => ({ id: a.id, text: a.text })),
        flow: f.flow.map((s) => ({ from: s.from, to: s.to, message: s.message })),
        sequence_file: slug ? `sequence_${slug}.mmd` : null,
        milestone: m ? { id: m.id, name: m.name } : null,
      };
    }),
  );
}

function risks(spec: Spec): PrdRisk[] {
  const scored = spec.risks.map((r) => ({
    id: r.id,
    description: r.description,
    likelihood: r.likelihood,
    impact: r.impact,
    mitigation: r.mitigation,
    ...scoreRisk(r.likelihood, r.impact),
  }));
  return scored.sort((a, b) => b.score - a.score);
}

function interfaces(spec: Spec): PrdView['interfaces'] {
  const participants: string[] = [];
  const messages: PrdView['interfaces']['messages'] = [];
  for (const f of spec.features) {
    for (const step of f.flow) {
      for (const p of [step.from, step.to]) if (!participants.includes(p)) participants.push(p);
      messages.push({ feature_id: f.id, from: step.from, to: step.to, message: step.message });
    }
  }
  return { participants, messages };
}

function entities(spec: Spec): PrdView['entities'] {
  return spec.entities.map((e) => ({
    name: e.name,
    description: e.description,
    fields: e.fields.map((f) => ({
      name: f.name,
      type: f.type,
      required: f.required,
      values: f.values.join(', '),
      pii: f.pii,
    })),
    pii_fields: e.fields.filter((f) => f.pii).map((f) => f.name),
  }));
}

export function writePrd(spec: Spec): PrdView {
  const profile = audienceProfile(spec.dials.audience);
  const hasEntities = spec.entities.length > 0;
  const hasFlows = spec.features.some((f) => f.flow.length > 0);
  return {
    audience_dial: spec.dials.audience,
    emphasis: profile.emphasis,
    // Sections with nothing behind them are dropped rather than rendered as "none" twice over;
    // open questions always stay (saying there are none is itself the answer a reader wants).
    brief_sections: profile.brief_sections,
    sections: profile.prd_sections.filter(
      (s) => (s !== 'interfaces' || hasFlows) && (s !== 'data' || hasEntities),
    ),
    feature_detail: profile.feature_detail,
    audience_detail: profile.audience_detail,
    features: features(spec),
    priority_counts: PRIORITIES.map((p) => ({
      priority: p,
      label: priorityLabel(p),
      count: spec.features.filter((f) => f.priority === p).length,
    })).filter((c) => c.count > 0),
    risks: risks(spec),
    milestones: planMilestones(spec),
    unscheduled: unscheduledFeatures(spec),
    interfaces: interfaces(spec),
    entities: entities(spec),
    acceptance_count: spec.features.reduce((n, f) => n + f.acceptance.length, 0),
  };
}

const agent = {
  id: 'studio:prd-writer',
  produces: 'prd',
  description:
    'Brief and PRD: prioritised features with acceptance criteria, scored risks, milestones, audience emphasis.',
  run: (ctx: AgentContext): PrdView => writePrd(ctx.spec),
} satisfies AgentDefinition<PrdView>;

export default agent;
