// studio:threat-modeler — STRIDE per data flow (each feature flow step) and per entity, the personal
// data the product holds, and every threat the team put in scope with its mitigations.
import type { AgentContext, AgentDefinition, ReadonlySpec as Spec } from '@studio/sdk';
import { type Detail, detailFor } from './lib/emphasis.js';
import { type ParticipantKind, kindOf, participants } from './lib/participants.js';
import {
  type StrideCategory,
  type StrideThreat,
  entityThreats,
  flowThreats,
  playbookFor,
} from './lib/stride.js';
import { keywords, mentions, uniqueLabels } from './lib/text.js';

/** One data flow (a feature flow step) and its threats. */
export interface DataFlowView {
  /** "<feature id>-DF-<n>". */
  id: string;
  feature_id: string;
  feature_name: string;
  from: string;
  from_kind: ParticipantKind;
  to: string;
  to_kind: ParticipantKind;
  message: string;
  /** Whether the flow crosses a trust boundary (one end is not ours). */
  crosses_boundary: boolean;
  threats: StrideThreat[];
}

/** One entity (data store) and its threats. */
export interface EntityThreatView {
  name: string;
  /** Heading text, unique even when two entities share a name. */
  label: string;
  pii_fields: string[];
  threats: StrideThreat[];
}

/** One threat from security.threats_in_scope. */
export interface InScopeView {
  /** "T-<n>" in spec order. */
  id: string;
  text: string;
  categories: StrideCategory[];
  mitigations: string[];
  /** False when no playbook row matched and the mitigation is a generic next step. */
  matched: boolean;
  /** Data flow ids and entity names it concerns. */
  flows: string[];
  entities: string[];
}

/** The view-model under `threats`. */
export interface ThreatsViewModel {
  detail: Detail;
  classification: string | null;
  flows: DataFlowView[];
  entities: EntityThreatView[];
  pii: { entity: string; field: string; type: string; required: boolean }[];
  in_scope: InScopeView[];
  /** Counts by STRIDE category across flows and entities, in STRIDE order. */
  totals: { category: StrideCategory; count: number }[];
}

const STRIDE_ORDER: StrideCategory[] = [
  'Spoofing',
  'Tampering',
  'Repudiation',
  'Information disclosure',
  'Denial of service',
  'Elevation of privilege',
];

function dataFlows(spec: Spec): DataFlowView[] {
  const all = participants(spec);
  return spec.features.flatMap((f) =>
    f.flow.map((s, i) => {
      const fromKind = kindOf(all, s.from);
      const toKind = kindOf(all, s.to);
      return {
        id: `${f.id}-DF-${i + 1}`,
        feature_id: f.id,
        feature_name: f.name,
        from: s.from,
        from_kind: fromKind,
        to: s.to,
        to_kind: toKind,
        message: s.message,
        crosses_boundary: fromKind !== 'internal' || toKind !== 'internal',
        threats: flowThreats(s.from, fromKind, s.to, toKind, s.message),
      };
    }),
  );
}

const DISCLOSURE_WORDS = ['leak', 'disclos', 'expos', 'personal', 'pii', 'privacy'];

function inScope(spec: Spec, flows: DataFlowView[]): InScopeView[] {
  return spec.security.threats_in_scope.map((text, i) => {
    const pb = playbookFor(text);
    const k = keywords(text);
    const hit = (t: string): boolean => [...keywords(t)].some((w) => k.has(w));
    const relatedFlows = flows.filter((f) => hit(`${f.from} ${f.to} ${f.message}`)).map((f) => f.id);
    // A disclosure threat concerns every entity holding personal data even without a shared word.
    const disclosure = mentions(text, DISCLOSURE_WORDS);
    const relatedEntities = spec.entities
      .filter(
        (e) =>
          hit(`${e.name} ${e.fields.map((f) => f.name).join(' ')}`) ||
          (disclosure && e.fields.some((f) => f.pii)),
      )
      .map((e) => e.name);
    return { id: `T-${i + 1}`, text, ...pb, flows: relatedFlows, entities: relatedEntities };
  });
}

function run(ctx: AgentContext): ThreatsViewModel {
  const spec = ctx.spec;
  const flows = dataFlows(spec);
  const labels = uniqueLabels(spec.entities.map((e) => e.name));
  const entities = spec.entities.map((e, i) => {
    const pii = e.fields.filter((f) => f.pii).map((f) => f.name);
    return { name: e.name, label: labels[i] ?? e.name, pii_fields: pii, threats: entityThreats(e.name, pii) };
  });
  const all = [...flows.flatMap((f) => f.threats), ...entities.flatMap((e) => e.threats)];
  return {
    detail: detailFor(spec.dials.audience),
    classification: spec.security.data_classification,
    flows,
    entities,
    pii: spec.entities.flatMap((e) =>
      e.fields
        .filter((f) => f.pii)
        .map((f) => ({ entity: e.name, field: f.name, type: f.type, required: f.required })),
    ),
    in_scope: inScope(spec, flows),
    totals: STRIDE_ORDER.map((category) => ({
      category,
      count: all.filter((t) => t.category === category).length,
    })),
  };
}

const agent: AgentDefinition<ThreatsViewModel> = {
  id: 'studio:threat-modeler',
  produces: 'threats',
  description:
    'STRIDE threat model per data flow and entity, personal data inventory, and in-scope threats with mitigations.',
  run,
};

export default agent;
