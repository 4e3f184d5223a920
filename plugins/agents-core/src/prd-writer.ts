// studio:prd-writer — the product view-model behind brief.md and prd.md: features in priority order
// with their acceptance criteria, scored risks, the milestone timeline, and the audience dial's
// choice of sections.
import type { AgentContext, AgentDefinition, ReadonlySpec } from '@studio/sdk';
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

type Spec = ReadonlySpec;

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

// The words of the brief's composed lines, together so a locale catalog can take them over.
const BRIEF = {
  ask: (weeks: number, last: string, decisions: number) =>
    `Fund ${weeks} ${weeks === 1 ? 'week' : 'weeks'} of delivery to reach ${last}${decisions > 0 ? `, and settle the ${decisions} ${decisions === 1 ? 'decision' : 'decisions'} listed below` : ''}.`,
  milestone: (id: string, name: string, start: number, end: number, deliverables: readonly string[]) =>
    `${id} ${name} (weeks ${start}–${end}): ${deliverables.length > 0 ? deliverables.join(', ') : 'no features'}`,
  risk: (id: string, description: string, severity: string) => `${id} (${severity}): ${description}`,
  threats: (high: number) =>
    `${high} threats rated High in the threat model, each with an owner and a verification test`,
  weeks: (weeks: number) => `Team time: ${weeks} ${weeks === 1 ? 'week' : 'weeks'} to the last milestone`,
  external: (names: readonly string[]) => `Third-party services the product depends on: ${names.join(', ')}`,
  hosting: (model: string | null, label: string, regions: readonly string[]) =>
    model === null
      ? `Hosting not decided (${label})`
      : `Hosting: ${model}${regions.length > 0 ? ` in ${regions.join(', ')}` : ''}`,
  classified: (classes: readonly string[]) => `Compliance work for ${classes.join(', ')} data`,
  failure: (id: string, failure: string) => `${id}: ${failure}`,
  metrics: (items: readonly string[]) => (items.length > 0 ? `Success means ${items.join('; ')}.` : ''),
};

function brief(spec: Spec, model: Model, risks: readonly PrdRisk[]): PrdView['brief'] {
  const t = model.timeline;
  const last = t.milestones[t.milestones.length - 1];
  const decisions = model.questions.length;
  const external = model.participants.filter((p) => p.kind === 'external').map((p) => p.name);
  const high = model.threats.filter((x) => x.rating === 'High').length;
  return {
    ask: BRIEF.ask(t.total_weeks, last ? `${last.id} ${last.name}` : 'the first release', decisions),
    must_have: spec.features.filter((f) => f.priority === 'must').map((f) => `${f.id} ${f.name}`),
    milestones: t.milestones.map((m) =>
      BRIEF.milestone(m.id, m.name, m.start_week, m.end_week, m.deliverables),
    ),
    top_risks: [
      ...risks.slice(0, 3).map((r) => BRIEF.risk(r.id, r.description, r.severity)),
      ...(high > 0 ? [BRIEF.threats(high)] : []),
    ],
    cost_drivers: [
      BRIEF.weeks(t.total_weeks),
      ...(external.length > 0 ? [BRIEF.external(external)] : []),
      BRIEF.hosting(model.hosting.model, model.hosting.label, model.hosting.regions),
      ...(model.data_classes.length > 0 ? [BRIEF.classified(model.data_classes)] : []),
    ],
    failure_paths: model.flows
      .filter((f) => f.on_failure !== null)
      .map((f) => BRIEF.failure(f.id, f.on_failure!)),
    metrics_line: BRIEF.metrics(
      spec.metrics.map((m) => `${m.name} ${m.target}${m.window ? ` over ${m.window}` : ''}`),
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
      kind: p.kind_label,
      zone: p.zone,
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
