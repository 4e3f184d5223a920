// Idea Card + Decision Sheet (already schema-valid) → the Source Spec shape: every optional field
// present (empty lists, null, false), text trimmed, numbers written as text where the spec holds
// text, and missing ids assigned. Fields Framer-lite fills are left empty here ("" or []).
import type { Dials, SourceSpec, TestLevel } from '@studio/sdk';
import { ID_FORMATS, IdAllocator } from './ids.js';
import type { DecisionsInput, IdeaInput } from './input-types.js';

type Maybe<T> = T | null | undefined;

/** Trimmed text; "" when absent. */
function text(value: Maybe<string | number>): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** Trimmed text, or null when absent or blank. */
function nullableText(value: Maybe<string | number>): string | null {
  const t = text(value);
  return t === '' ? null : t;
}

function textList(values: Maybe<readonly string[]>): string[] {
  return (values ?? []).map((v) => text(v));
}

function explicitIds(items: Maybe<readonly { id?: string }[]>): string[] {
  return (items ?? []).flatMap((item) => (item.id === undefined ? [] : [item.id]));
}

export interface NormalizeInput {
  idea: IdeaInput;
  decisions: DecisionsInput;
  dials: Dials;
  locale: string;
  specVersion: string;
  generator: string;
}

export function normalizeSpec(input: NormalizeInput): SourceSpec {
  const { idea, decisions } = input;
  const featureIds = new IdAllocator(explicitIds(idea.features), ID_FORMATS.feature);
  const acceptanceUsed = (idea.features ?? []).flatMap((f) =>
    (f.acceptance ?? []).flatMap((a) => (typeof a === 'object' && a.id !== undefined ? [a.id] : [])),
  );
  const features = (idea.features ?? []).map((f) => ({
    id: f.id ?? featureIds.next(),
    name: text(f.name),
    description: text(f.description),
    priority: f.priority,
    acceptance: [] as { id: string; text: string; level: TestLevel | null }[],
    flow: (f.flow ?? []).map((s) => ({
      from: text(s.from),
      to: text(s.to),
      message: text(s.message),
      reply: nullableText(s.reply),
      on_failure: nullableText(s.on_failure),
    })),
  }));
  // Acceptance ids need the feature ids, and one allocator per feature shares the global "used" set.
  const usedAcceptance = new Set(acceptanceUsed);
  (idea.features ?? []).forEach((f, i) => {
    const feature = features[i]!;
    const ids = new IdAllocator(usedAcceptance, ID_FORMATS.acceptance(feature.id));
    feature.acceptance = (f.acceptance ?? []).map((a, j) => {
      const given = typeof a === 'object' ? a.id : undefined;
      const id = given ?? ids.atOrAfter(j + 1);
      usedAcceptance.add(id);
      const level = typeof a === 'object' ? (a.level ?? null) : null;
      return { id, text: text(typeof a === 'object' ? a.text : a), level };
    });
  });

  const riskIds = new IdAllocator(explicitIds(idea.risks), ID_FORMATS.risk);
  const decisionIds = new IdAllocator(explicitIds(decisions.decisions), ID_FORMATS.decision);
  const sloIds = new IdAllocator(explicitIds(decisions.ops?.slos), ID_FORMATS.slo);
  const milestoneIds = new IdAllocator(explicitIds(decisions.milestones), ID_FORMATS.milestone);
  const ci = decisions.ops?.ci;
  const observability = decisions.ops?.observability;

  return {
    meta: { spec_version: input.specVersion, locale: input.locale, generator: input.generator },
    title: text(idea.title),
    one_liner: text(idea.one_liner),
    problem: text(idea.problem),
    audience: (idea.audience ?? []).map((a) => ({ name: text(a.name), needs: textList(a.needs) })),
    goals: textList(idea.goals),
    non_goals: textList(idea.non_goals),
    features,
    metrics: (idea.metrics ?? []).map((m) => ({
      name: text(m.name),
      target: text(m.target),
      window: nullableText(m.window),
    })),
    constraints: textList(idea.constraints),
    assumptions: textList(idea.assumptions),
    risks: (idea.risks ?? []).map((r) => ({
      id: r.id ?? riskIds.next(),
      description: text(r.description),
      likelihood: r.likelihood,
      impact: r.impact,
      mitigation: text(r.mitigation),
    })),
    dials: { ...input.dials },
    decisions: (decisions.decisions ?? []).map((d) => ({
      id: d.id ?? decisionIds.next(),
      title: text(d.title),
      status: d.status,
      context: text(d.context),
      choice: text(d.choice),
      alternatives: textList(d.alternatives),
      consequences: textList(d.consequences),
      date: nullableText(d.date),
      deciders: textList(d.deciders),
      drivers: textList(d.drivers),
      pros: textList(d.pros),
      cons: textList(d.cons),
    })),
    stack: {
      languages: textList(decisions.stack?.languages),
      frameworks: textList(decisions.stack?.frameworks),
      datastores: textList(decisions.stack?.datastores),
      hosting: nullableText(decisions.stack?.hosting),
      hosting_model: decisions.stack?.hosting_model ?? null,
      regions: textList(decisions.stack?.regions),
      deploy_target: nullableText(decisions.stack?.deploy_target),
    },
    entities: (decisions.entities ?? []).map((e) => ({
      name: text(e.name),
      description: text(e.description),
      fields: e.fields.map((f) => ({
        name: text(f.name),
        type: f.type,
        required: f.required ?? false,
        // Values only mean something for enum fields (the schema requires them there).
        values: f.type === 'enum' ? textList(f.values) : [],
        pii: f.pii ?? (f.classification !== undefined && f.classification !== 'none'),
        // A bare `pii: true` is the 1.0 way of saying PII; an explicit classification wins.
        classification: f.classification ?? (f.pii ? 'PII' : 'none'),
        pattern: f.pattern ?? null,
        minimum: f.minimum ?? null,
        maximum: f.maximum ?? null,
        max_length: f.max_length ?? null,
        example: f.example ?? null,
        references: nullableText(f.references),
      })),
      transitions: (e.transitions ?? []).map((t) => ({
        from: text(t.from),
        to: text(t.to),
        event: text(t.event),
      })),
    })),
    ops: {
      ci: ci ? { provider: text(ci.provider), runtime: text(ci.runtime), steps: textList(ci.steps) } : null,
      environments: textList(decisions.ops?.environments),
      slos: (decisions.ops?.slos ?? []).map((s) => ({
        id: s.id ?? sloIds.next(),
        name: text(s.name),
        sli: text(s.sli),
        objective: text(s.objective),
        window: text(s.window),
        good_events: nullableText(s.good_events),
        valid_events: nullableText(s.valid_events),
        measured_at: nullableText(s.measured_at),
        features: (s.features ?? []).map((f) => text(f)),
      })),
      observability: {
        logs: nullableText(observability?.logs),
        metrics: (observability?.metrics ?? []).map((m) => text(typeof m === 'string' ? m : m.name)),
        traces: observability?.traces ?? false,
        instruments: (observability?.metrics ?? []).map((m) =>
          typeof m === 'string'
            ? { name: text(m), type: null, description: null }
            : { name: text(m.name), type: m.type, description: nullableText(m.description) },
        ),
      },
    },
    security: {
      data_classification: nullableText(decisions.security?.data_classification),
      threats_in_scope: (decisions.security?.threats_in_scope ?? []).map((t) =>
        text(typeof t === 'string' ? t : t.name),
      ),
      threats: (decisions.security?.threats_in_scope ?? []).map((t) =>
        typeof t === 'string'
          ? { name: text(t), categories: [], target: null, mitigation: null }
          : {
              name: text(t.name),
              categories: [...new Set(t.categories)],
              target: nullableText(t.target),
              mitigation: nullableText(t.mitigation),
            },
      ),
    },
    milestones: (decisions.milestones ?? []).map((m) => ({
      id: m.id ?? milestoneIds.next(),
      name: text(m.name),
      goal: text(m.goal),
      duration_weeks: m.duration_weeks ?? null,
      deliverables: (m.deliverables ?? []).map((d) => text(d)),
    })),
    open_questions: [],
    participants: (decisions.participants ?? []).map((p) => ({
      name: text(p.name),
      kind: p.kind,
      zone: nullableText(p.zone),
      language: nullableText(p.language),
      framework: nullableText(p.framework),
      description: nullableText(p.description),
    })),
  };
}
