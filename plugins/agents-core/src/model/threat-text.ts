// The words of STRIDE-per-element threats and their controls, as message ids of the pack's catalog
// (model.threat.*) so a locale pack can take them over. Which rows apply is decided by the element's
// declared type (Microsoft STRIDE per element), never by the words of a name.
import { msg, STRIDE_CATEGORIES, type Message, type ParticipantKind, type StrideCategory } from '@studio/sdk';

/** What a row may mention: the element, who it talks to, the data it carries. */
export interface ThreatWords {
  /** The element's name (or a flow's message). */
  name: string;
  /** Names it exchanges data with, joined, or "the product". */
  peers: string | Message;
  /** Classified fields in words, or "its data". */
  data: Message;
  /** Flows only: sender and receiver. */
  from?: string;
  to?: string;
  /** Flows only: the receiver's kind. */
  to_kind?: ParticipantKind | 'undeclared';
}

type Row = {
  category: StrideCategory;
  threat: (w: ThreatWords) => Message;
  control: (w: ThreatWords) => Message;
};

/** Catalog key of a category: "Information disclosure" → "information_disclosure". */
export const categoryKey = (c: StrideCategory): string => c.toLowerCase().replace(/[^a-z0-9]+/g, '_');

/** A row whose threat and control are `model.threat.<element>.<category>[.control]`. */
function row(element: string, category: StrideCategory): Row {
  const id = `model.threat.${element}.${categoryKey(category)}`;
  const args = (w: ThreatWords) => ({ name: w.name, peers: w.peers, data: w.data });
  return {
    category,
    threat: (w) => msg(id, args(w)),
    control: (w) => msg(`${id}.control`, args(w)),
  };
}

/** External entities (people, third-party systems): spoofing and repudiation. */
export const EXTERNAL_PERSON: Row[] = [row('person', 'Spoofing'), row('person', 'Repudiation')];

export const EXTERNAL_SYSTEM: Row[] = [row('system', 'Spoofing'), row('system', 'Repudiation')];

/** Processes (internal services): all six categories. */
export const PROCESS: Row[] = STRIDE_CATEGORIES.map((c) => row('process', c));

/** Data stores: tampering, information disclosure, denial of service. */
export const DATA_STORE: Row[] = (['Tampering', 'Information disclosure', 'Denial of service'] as const).map(
  (c) => row('store', c),
);

/** The flow variant by receiver: a person, a third-party system, or our own element. */
const receiver = (w: ThreatWords): 'person' | 'system' | 'internal' =>
  w.to_kind === 'person' ? 'person' : w.to_kind === 'external' ? 'system' : 'internal';

/** A flow row whose words may depend on the receiver (`model.threat.flow.<category>[.control].<receiver>`). */
function flowRow(
  category: StrideCategory,
  threatBy: readonly ('person' | 'system')[],
  controlBy: readonly ('person' | 'system')[],
): Row {
  const id = `model.threat.flow.${categoryKey(category)}`;
  const args = (w: ThreatWords) => ({ name: w.name, from: w.from ?? '', to: w.to ?? '' });
  const variant = (by: readonly string[], w: ThreatWords): string => {
    const r = receiver(w);
    return by.includes(r) ? `.${r}` : '';
  };
  return {
    category,
    threat: (w) => msg(`${id}${variant(threatBy, w)}`, args(w)),
    control: (w) => msg(`${id}.control${variant(controlBy, w)}`, args(w)),
  };
}

/** Data flows that cross a trust boundary: tampering, information disclosure, denial of service. */
export const DATA_FLOW: Row[] = [
  flowRow('Tampering', [], ['person']),
  flowRow('Information disclosure', ['person'], ['person']),
  flowRow('Denial of service', ['system', 'person'], ['system', 'person']),
];

/** Controls for a declared in-scope threat without a declared mitigation, by category. */
export const scopedControl = (c: StrideCategory): Message =>
  msg(`model.threat.scoped.${categoryKey(c)}.control`);

export const OBLIGATION = {
  constraint: (id: string, text: string) => msg('model.threat.obligation.constraint', { id, text }),
  constraintControl: (id: string) => msg('model.threat.obligation.constraint.control', { id }),
  decision: (id: string, consequence: string) => msg('model.threat.obligation.decision', { id, consequence }),
  decisionControl: (id: string) => msg('model.threat.obligation.decision.control', { id }),
  undeclared: msg('model.threat.obligation.undeclared'),
};

/** Words a threat mentions. */
export const WORDS = {
  theProduct: msg('model.threat.the_product'),
  classified: (fields: string) => msg('model.threat.data.classified', { fields }),
  itsData: msg('model.threat.data.none'),
  verbatim: (text: string) => msg('common.verbatim', { text }),
  hostingUndeclared: msg('model.hosting.not_declared'),
  /** A data flow as an element: "<from> → <to>: <message>". */
  flow: (from: string, to: string, message: string) => msg('model.flow.label', { from, to, message }),
};

/** Owners are roles derived from the element, stated so a reviewer can reassign them. */
export const OWNER = {
  of: (name: string) => msg('model.owner.of', { name }),
  product: msg('model.owner.product'),
  integration: (name: string) => msg('model.owner.integration', { name }),
  security: msg('model.owner.security'),
  tech: msg('model.owner.tech'),
};

/** What each security, decision and constraint test case proves. */
export const TEST_TITLE = {
  element: (name: string, kind: ParticipantKind | 'undeclared') =>
    msg('model.test.element', { name, kind: msg(`model.kind.${kind}`) }),
  flow: (message: string, from: string, to: string, boundary: string) =>
    msg('model.test.flow', { message, from, to, boundary }),
  abuse: (name: string) => msg('model.test.abuse', { name }),
  decision: (id: string, title: string) => msg('model.test.decision', { id, title }),
  constraint: (id: string, text: string) => msg('model.test.constraint', { id, text }),
  slo: (name: string, objective: string) => msg('model.test.slo', { name, objective }),
  a11y: (id: string) => msg('model.test.a11y', { id }),
};
