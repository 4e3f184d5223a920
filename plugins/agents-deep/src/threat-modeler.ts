// studio:threat-modeler — the threat model as OWASP and the Microsoft SDL describe it: a data-flow
// diagram with trust boundaries, STRIDE per element from each element's declared type, and for each
// threat a rating, a treatment, an owner, a status and the test case that verifies it. Everything comes
// from the shared product model (ctx.inputs.model), so the test plan cites the same threat and test ids.
import type {
  AgentContext,
  AgentDefinition,
  DeepReadonly,
  ModelQuestion,
  ModelThreat,
  ProductModel,
  StrideCategory,
} from '@studio/sdk';
import { STRIDE_CATEGORIES, zoneMessage } from '@studio/sdk';
import { type Detail, detailFor } from './lib/emphasis.js';
import { type Message, msg } from './lib/message.js';
import { zonesInWords } from './lib/zone.js';

/** A DFD node: a participant drawn by its STRIDE element type. */
export interface DfdNode {
  /** Mermaid id (P1…), derived from the participant id. */
  id: string;
  label: string;
  /** external (rectangle), process (rounded), store (cylinder), unknown (hexagon). */
  shape: 'external' | 'process' | 'store' | 'unknown';
}

/** One element with the STRIDE categories applied to it. */
export interface ElementRow {
  id: string;
  /** The participant's name, or for a data flow "<from> → <to>: <message>". */
  name: Message;
  /** "process (internal service)", "data flow across TB-1", "undeclared". */
  type: Message;
  /** Its trust zone in words ("-" for a data flow). */
  zone: Message;
  categories: string[];
  /** The categories in words, in the same order. */
  category_labels: Message[];
  threat_ids: string[];
}

/** The enumerated values of a threat, in words for the reader's locale. */
export interface ThreatLabels {
  /** The STRIDE category, or "Design obligation" for a threat without one. */
  category: Message;
  rating: Message;
  likelihood: Message;
  impact: Message;
  treatment: Message;
  status: Message;
}

/** A threat of the shared model with its labels. */
export type ThreatView = ModelThreat & { labels: ThreatLabels };

/** The view-model under `threats`. */
export interface ThreatsViewModel {
  detail: Detail;
  classification: string | null;
  /** Zones as DFD subgraphs (trust boundaries are the subgraph borders). */
  dfd: {
    zones: { id: string; label: Message; nodes: DfdNode[] }[];
    edges: { from: string; to: string; label: string }[];
  };
  /** Trust boundaries: the two zones ("Internet ↔ Product") and the flows that cross. */
  boundaries: { id: string; zones: Message; flows: string[] }[];
  elements: ElementRow[];
  threats: ThreatView[];
  /** Threats rated High, for the summary. */
  high: ThreatView[];
  /** Counts per rating and treatment. */
  counts: { high: number; medium: number; low: number; mitigate: number; accept: number; total: number };
  /** Counts by STRIDE category, in STRIDE order. */
  totals: { category: StrideCategory; label: Message; count: number }[];
  classified: { entity: string; field: string; type: string; classification: string; required: boolean }[];
  /** Classes present: PHI, PCI, PII. */
  data_classes: string[];
  /** Questions that block or weaken the model (undeclared participants, undeclared threats…). */
  questions: ModelQuestion[];
  /** Participants that were not declared and so got no STRIDE rows. */
  undeclared: string[];
}

const SHAPE: Record<string, DfdNode['shape']> = {
  'external entity': 'external',
  process: 'process',
  'data store': 'store',
  unknown: 'unknown',
};

const mermaidId = (id: string): string => id.replace(/[^A-Za-z0-9]/g, '');

/** Catalog key of an enumerated value: "Information disclosure" → "information_disclosure". */
const key = (value: string): string => value.toLowerCase().replace(/[^a-z0-9]+/g, '_');

const categoryLabel = (c: StrideCategory | null): Message =>
  c === null ? msg('threats.design_obligation') : msg(`threats.stride.${key(c)}`);

function labels(t: DeepReadonly<ModelThreat>): ThreatLabels {
  return {
    category: categoryLabel(t.category),
    rating: msg(`threats.rating.${key(t.rating)}`),
    likelihood: msg(`threats.level.${key(t.likelihood)}`),
    impact: msg(`threats.level.${key(t.impact)}`),
    treatment: msg(`threats.treatment.${key(t.treatment)}`),
    status: msg(`threats.status.${key(t.status)}`),
  };
}

export function modelThreats(
  model: DeepReadonly<ProductModel>,
  audience: string,
  classification: string | null,
): ThreatsViewModel {
  const threats: ThreatView[] = model.threats.map((t) => ({ ...t, labels: labels(t) }));
  // Indexed once: a find or filter per element is elements × threats at scale.
  const participantById = new Map(model.participants.map((p) => [p.id, p]));
  const threatsOf = new Map<string, typeof threats>();
  for (const t of threats) {
    const list = threatsOf.get(t.element);
    if (list) list.push(t);
    else threatsOf.set(t.element, [t]);
  }
  const zoneWords = zonesInWords(model);
  const zoneNamed = (name: string): Message => zoneWords.get(name) ?? msg('common.verbatim', { text: name });
  const zones = model.zones.map((z, i) => ({
    id: `Z${i + 1}`,
    label: zoneNamed(z.name),
    nodes: z.participants.map((pid) => {
      const p = participantById.get(pid)!;
      return { id: mermaidId(p.id), label: p.name, shape: SHAPE[p.element_type] ?? 'unknown' };
    }),
  }));
  const elements: ElementRow[] = [
    ...model.participants.map((p) => {
      const mine = (threatsOf.get(p.id) ?? []).filter((t) => t.source === 'stride');
      return {
        id: p.id,
        name: msg('common.verbatim', { text: p.name }),
        type: p.declared
          ? msg('threats.element_type', {
              type: msg(`threats.element.${key(p.element_type)}`),
              kind: msg(`threats.kind.${key(p.kind)}`),
            })
          : msg('threats.element.undeclared'),
        zone: zoneMessage(p),
        categories: mine.map((t) => t.category ?? ''),
        category_labels: mine.map((t) => categoryLabel(t.category)),
        threat_ids: mine.map((t) => t.id),
      };
    }),
    ...model.flows
      .filter((f) => f.boundary !== null)
      .map((f) => {
        const mine = threatsOf.get(f.id) ?? [];
        return {
          id: f.id,
          name: msg('model.flow.label', { from: f.from_name, to: f.to_name, message: f.message }),
          type: msg('threats.element.data_flow', { boundary: f.boundary ?? '' }),
          zone: msg('common.verbatim', { text: '-' }),
          categories: mine.map((t) => t.category ?? ''),
          category_labels: mine.map((t) => categoryLabel(t.category)),
          threat_ids: mine.map((t) => t.id),
        };
      }),
  ];
  const about = new Set([
    ...model.participants.filter((p) => !p.declared).map((p) => p.name),
    // A scoped threat's message passes its declared name through verbatim.
    ...threats
      .filter((t) => t.source === 'scope' && t.category === null)
      .map((t) => String(t.threat.args?.text ?? '')),
  ]);
  return {
    detail: detailFor(audience as 'Balanced' | 'Engineering' | 'Executive'),
    classification,
    dfd: {
      zones,
      edges: model.flows.map((f) => ({
        from: mermaidId(f.from),
        to: mermaidId(f.to),
        label: `${f.id}: ${f.message}`,
      })),
    },
    boundaries: model.boundaries.map((b) => ({
      id: b.id,
      zones: msg('threats.boundary_zones', {
        zone: zoneNamed(b.zones[0] ?? ''),
        zone2: zoneNamed(b.zones[1] ?? ''),
      }),
      flows: [...b.flows],
    })),
    elements,
    threats,
    high: threats.filter((t) => t.rating === 'High'),
    counts: {
      high: threats.filter((t) => t.rating === 'High').length,
      medium: threats.filter((t) => t.rating === 'Medium').length,
      low: threats.filter((t) => t.rating === 'Low').length,
      mitigate: threats.filter((t) => t.treatment === 'Mitigate').length,
      accept: threats.filter((t) => t.treatment === 'Accept').length,
      total: threats.length,
    },
    totals: STRIDE_CATEGORIES.map((category) => ({
      category,
      label: categoryLabel(category),
      count: threats.filter((t) => t.category === category).length,
    })),
    classified: model.classified_fields.map((f) => ({ ...f })),
    data_classes: [...model.data_classes],
    questions: model.questions
      .filter((q) => about.has(q.about) || q.about.startsWith('ADR-'))
      .map((q) => ({ ...q })),
    undeclared: model.participants.filter((p) => !p.declared).map((p) => p.name),
  };
}

const agent: AgentDefinition<ThreatsViewModel> = {
  id: 'studio:threat-modeler',
  produces: 'threats',
  needs: ['model'],
  description:
    'Threat model: data-flow diagram with trust boundaries, STRIDE per element from declared element types, rated threats with treatment, owner, status and verification test.',
  run: (ctx: AgentContext) =>
    modelThreats(
      ctx.inputs.model as DeepReadonly<ProductModel>,
      ctx.spec.dials.audience,
      ctx.spec.security.data_classification,
    ),
};

export default agent;
