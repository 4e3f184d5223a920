// studio:prd-writer — the product view-model behind brief.md and prd.md: features in priority order
// with their acceptance criteria, scored risks, the milestone timeline, and the audience dial's
// choice of sections.
import {
  type AgentContext,
  type AgentDefinition,
  type Message,
  type ReadonlySpec as Spec,
  msg,
  zoneMessage,
} from '@studio/sdk';
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
import type { Model, PrdFeature, PrdRisk, PrdView } from './types.js';

function features(spec: Spec, model: Model): PrdFeature[] {
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
        flow: f.flow.map((s) => ({
          from: s.from,
          to: s.to,
          message: s.message,
          reply: s.reply,
          on_failure: s.on_failure,
        })),
        sequence_file: slug ? `sequence_${slug}.mmd` : null,
        milestone: m ? { id: m.id, name: m.name } : null,
        // Won't-haves are not tested (the test plan says so); everything else cites its cases.
        verified_by:
          f.priority === 'wont'
            ? []
            : [
                ...f.acceptance.map((a) => `TC-${a.id}`),
                ...model.tests
                  .filter((t) => t.kind === 'accessibility' && t.verifies[0] === f.id)
                  .map((t) => t.id),
              ],
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
      classification: f.classification,
    })),
    pii_fields: e.fields.filter((f) => f.pii).map((f) => f.name),
  }));
}

const SEVERITY: Record<string, Message> = {
  High: msg('risk.severity.high'),
  Medium: msg('risk.severity.medium'),
  Low: msg('risk.severity.low'),
};

/** A risk severity ("High", "Medium", "Low") as a message. */
export function severityMessage(severity: string): Message {
  return SEVERITY[severity] ?? msg('risk.severity.low');
}

function hostingLine(spec: Spec, model: Model['hosting']): Message {
  if (model.model === null) {
    return msg('brief.cost.hosting_undecided', {
      label: spec.stack.hosting ?? msg('brief.cost.hosting_undeclared'),
    });
  }
  const name = msg(`hosting.model.${model.model.replace('-', '_')}`);
  return model.regions.length > 0
    ? msg('brief.cost.hosting_regions', { model: name, regions: model.regions.join(', ') })
    : msg('brief.cost.hosting', { model: name });
}

function brief(spec: Spec, model: Model, risks: readonly PrdRisk[]): PrdView['brief'] {
  const t = model.timeline;
  const last = t.milestones[t.milestones.length - 1];
  const decisions = model.questions.length;
  const external = model.participants.filter((p) => p.kind === 'external').map((p) => p.name);
  const high = model.threats.filter((x) => x.rating === 'High').length;
  return {
    ask: msg('brief.ask', {
      weeks: t.total_weeks,
      target: last ? `${last.id} ${last.name}` : msg('brief.ask.first_release'),
      decisions,
    }),
    must_have: spec.features.filter((f) => f.priority === 'must').map((f) => `${f.id} ${f.name}`),
    milestones: t.milestones.map((m) =>
      msg('brief.milestone', {
        id: m.id,
        name: m.name,
        start: m.start_week,
        end: m.end_week,
        deliverables:
          m.deliverables.length > 0 ? m.deliverables.join(', ') : msg('brief.milestone.no_features'),
      }),
    ),
    top_risks: [
      ...risks
        .slice(0, 3)
        .map((r) =>
          msg('brief.risk', { id: r.id, severity: severityMessage(r.severity), description: r.description }),
        ),
      ...(high > 0 ? [msg('brief.threats', { high })] : []),
    ],
    cost_drivers: [
      msg('brief.cost.weeks', { weeks: t.total_weeks }),
      ...(external.length > 0 ? [msg('brief.cost.external', { names: external.join(', ') })] : []),
      hostingLine(spec, model.hosting),
      ...(model.data_classes.length > 0
        ? [msg('brief.cost.classified', { classes: model.data_classes.join(', ') })]
        : []),
    ],
    failure_paths: model.flows
      .filter((f) => f.on_failure !== null)
      .map((f) => msg('brief.failure', { id: f.id, failure: f.on_failure! })),
    metrics: spec.metrics.map((m) =>
      m.window
        ? msg('brief.metric.window', { name: m.name, target: m.target, window: m.window })
        : msg('brief.metric', { name: m.name, target: m.target }),
    ),
    total_weeks: t.total_weeks,
  };
}

export function writePrd(spec: Spec, model: Model): PrdView {
  const profile = audienceProfile(spec.dials.audience);
  const scored = risks(spec);
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
    features: features(spec, model),
    priority_counts: PRIORITIES.map((p) => ({
      priority: p,
      label: priorityLabel(p),
      count: spec.features.filter((f) => f.priority === p).length,
    })).filter((c) => c.count > 0),
    risks: scored,
    milestones: planMilestones(spec, model.timeline),
    unscheduled: unscheduledFeatures(spec),
    interfaces: interfaces(spec),
    entities: entities(spec),
    acceptance_count: spec.features.reduce((n, f) => n + f.acceptance.length, 0),
    questions: model.questions.map((q) => ({ ...q })),
    participants: model.participants.map((p) => ({
      id: p.id,
      name: p.name,
      kind_id: p.kind,
      kind: msg(`participant.kind.${p.kind}`),
      zone: zoneMessage(p),
      language: p.language,
    })),
    constraints: model.constraints.map((c) => ({ ...c, verified_by: `TC-${c.id}` })),
    assumptions: model.assumptions.map((a, i) => ({
      ...a,
      // Dual-Track turns each assumption into an experiment (roadmap.md); other flows keep it as a risk.
      experiment: spec.dials.flow === 'Dual-Track' ? `EXP-${i + 1}` : null,
    })),
    brief: brief(spec, model, scored),
  };
}

const agent = {
  id: 'studio:prd-writer',
  produces: 'prd',
  needs: ['model'],
  description:
    'Brief and PRD: prioritised features with acceptance criteria, scored risks, milestones, audience emphasis.',
  run: (ctx: AgentContext): PrdView => writePrd(ctx.spec, ctx.inputs.model as Model),
} satisfies AgentDefinition<PrdView>;

export default agent;
