// Threats, the way the Microsoft SDL applies STRIDE per element: the element's declared type decides
// which categories apply (external entity: S, R; process: all six; data store: T, I, D; data flow
// crossing a trust boundary: T, I, D). Threats the team put in scope, accepted decisions'
// consequences and constraints are added. Each threat gets a rating, treatment, owner, status and the
// id of the test that verifies it, so the threat model and the test plan cite the same ids.
import type {
  Level,
  Message,
  ModelDataField,
  ModelFlow,
  ModelParticipant,
  ModelTestRef,
  ModelThreat,
  ReadonlySpec as Spec,
  StrideCategory,
} from '@studio/sdk';
import {
  DATA_FLOW,
  DATA_STORE,
  EXTERNAL_PERSON,
  EXTERNAL_SYSTEM,
  OBLIGATION,
  OWNER,
  PROCESS,
  TEST_TITLE,
  type ThreatWords,
  WORDS,
  scopedControl,
} from './threat-text.js';

const SCORE: Record<Level, number> = { low: 1, medium: 2, high: 3 };

export function rate(likelihood: Level, impact: Level): ModelThreat['rating'] {
  const s = SCORE[likelihood] * SCORE[impact];
  return s >= 6 ? 'High' : s >= 3 ? 'Medium' : 'Low';
}

/** Impact from the category and the most sensitive data the product holds. */
function impactOf(category: StrideCategory, sensitive: Level, elementType: string): Level {
  switch (category) {
    case 'Information disclosure':
      return sensitive;
    case 'Tampering':
    case 'Elevation of privilege':
      // Integrity of health or payment data is critical everywhere; otherwise stores matter most.
      return sensitive === 'high' || elementType === 'data store' ? 'high' : 'medium';
    case 'Spoofing':
      return sensitive === 'high' ? 'high' : 'medium';
    case 'Repudiation':
      return sensitive === 'high' ? 'medium' : 'low';
    default:
      return 'medium';
  }
}

/** PHI and PCI are high, PII medium, nothing classified low. */
export function sensitivity(fields: readonly ModelDataField[]): Level {
  if (fields.some((f) => f.classification === 'PHI' || f.classification === 'PCI')) return 'high';
  return fields.length > 0 ? 'medium' : 'low';
}

const untrusted = (p: ModelParticipant | undefined): boolean =>
  p !== undefined && p.kind !== 'internal' && p.kind !== 'datastore';

export interface ThreatInput {
  spec: Spec;
  participants: readonly ModelParticipant[];
  flows: readonly ModelFlow[];
  classified: readonly ModelDataField[];
  constraints: readonly { id: string; text: string }[];
}

export function buildThreats(input: ThreatInput): { threats: ModelThreat[]; tests: ModelTestRef[] } {
  const { spec, participants, flows, classified } = input;
  const byId = new Map(participants.map((p) => [p.id, p]));
  const sensitive = sensitivity(classified);
  const data =
    classified.length > 0
      ? WORDS.classified(classified.map((f) => `${f.entity}.${f.field} ${f.classification}`).join(', '))
      : WORDS.itsData;
  const threats: ModelThreat[] = [];
  const tests: ModelTestRef[] = [];
  const add = (t: Omit<ModelThreat, 'id' | 'rating' | 'treatment' | 'status'>): ModelThreat => {
    const rating = rate(t.likelihood, t.impact);
    // Low-rated threats are accepted until the next review; everything else needs a control.
    const treatment = rating === 'Low' ? 'Accept' : 'Mitigate';
    const threat: ModelThreat = {
      id: `TH-${threats.length + 1}`,
      ...t,
      rating,
      treatment,
      status: treatment === 'Accept' ? 'Accepted' : 'Open',
    };
    threats.push(threat);
    return threat;
  };
  const testFor = (
    id: string,
    title: Message,
    kind: ModelTestRef['kind'],
    level: ModelTestRef['level'],
  ): ModelTestRef => {
    let t = tests.find((x) => x.id === id);
    if (t === undefined) {
      t = { id, title, kind, verifies: [], level };
      tests.push(t);
    }
    return t;
  };

  for (const p of participants) {
    if (p.kind === 'undeclared') continue;
    const mine = flows.filter((f) => f.from === p.id || f.to === p.id);
    const peerIds = [...new Set(mine.map((f) => (f.from === p.id ? f.to : f.from)))];
    const peers = peerIds.map((id) => byId.get(id)!.name);
    const words: ThreatWords = {
      name: p.name,
      peers: peers.length > 0 ? peers.join(', ') : WORDS.theProduct,
      data,
    };
    const rows =
      p.kind === 'person'
        ? EXTERNAL_PERSON
        : p.kind === 'external'
          ? EXTERNAL_SYSTEM
          : p.kind === 'internal'
            ? PROCESS
            : DATA_STORE;
    const exposedToUntrusted = mine.some((f) => untrusted(byId.get(f.from === p.id ? f.to : f.from)));
    const crosses = mine.some((f) => f.boundary !== null);
    // Our own elements that take input straight from people or third parties are the most exposed;
    // the people and third parties themselves are reached through those elements.
    const likelihood: Level =
      p.element_type !== 'external entity' && exposedToUntrusted ? 'high' : crosses ? 'medium' : 'low';
    const owner =
      p.kind === 'internal' || p.kind === 'datastore'
        ? OWNER.of(p.name)
        : p.kind === 'external'
          ? OWNER.integration(p.name)
          : ((name) => (name === undefined ? OWNER.product : OWNER.of(name)))(
              peers.find((n) => participants.find((x) => x.name === n)?.kind === 'internal'),
            );
    const test = testFor(`TC-SEC-${p.id}`, TEST_TITLE.element(p.name, p.kind), 'security', 'integration');
    for (const row of rows) {
      const t = add({
        element: p.id,
        element_label: WORDS.verbatim(p.name),
        element_type: p.element_type,
        category: row.category,
        threat: row.threat(words),
        mitigation: row.control(words),
        likelihood,
        impact: impactOf(row.category, sensitive, p.element_type),
        owner,
        verification: test.id,
        source: 'stride',
      });
      test.verifies.push(t.id);
    }
  }

  for (const f of flows) {
    if (f.boundary === null) continue;
    const from = byId.get(f.from);
    const to = byId.get(f.to);
    const words: ThreatWords = {
      name: f.message,
      peers: `${f.from_name}, ${f.to_name}`,
      data,
      from: f.from_name,
      to: f.to_name,
      to_kind: to?.kind,
    };
    const receiverOwns = to?.kind === 'internal' || to?.kind === 'datastore';
    const owner = receiverOwns
      ? OWNER.of(f.to_name)
      : from?.kind === 'internal'
        ? OWNER.of(f.from_name)
        : OWNER.security;
    const test = testFor(
      `TC-SEC-${f.id}`,
      TEST_TITLE.flow(f.message, f.from_name, f.to_name, f.boundary),
      'security',
      'integration',
    );
    for (const row of DATA_FLOW) {
      const t = add({
        element: f.id,
        element_label: WORDS.flow(f.from_name, f.to_name, f.message),
        element_type: 'data flow',
        category: row.category,
        threat: row.threat(words),
        mitigation: row.control(words),
        likelihood: untrusted(from) ? 'high' : 'medium',
        impact: impactOf(row.category, sensitive, 'data flow'),
        owner,
        verification: test.id,
        source: 'stride',
      });
      test.verifies.push(t.id);
    }
  }

  spec.security.threats.forEach((s) => {
    const target =
      s.target === null
        ? undefined
        : participants.find((p) => p.name.toLowerCase() === s.target!.toLowerCase());
    const entity =
      s.target === null
        ? undefined
        : spec.entities.find((e) => e.name.toLowerCase() === s.target!.toLowerCase());
    const element = target?.id ?? (entity ? `entity ${entity.name}` : 'product');
    const name = target?.name ?? entity?.name ?? s.target;
    const label = name === null || name === undefined ? WORDS.theProduct : WORDS.verbatim(name);
    const categories: (StrideCategory | null)[] = s.categories.length > 0 ? [...s.categories] : [null];
    for (const category of categories) {
      const id = `TH-${threats.length + 1}`;
      const testId = `TC-SEC-${id}`;
      const t = add({
        element,
        element_label: label,
        element_type: 'threat in scope',
        category,
        threat: WORDS.verbatim(s.name),
        mitigation:
          s.mitigation !== null && s.mitigation !== undefined
            ? WORDS.verbatim(s.mitigation)
            : category === null
              ? OBLIGATION.undeclared
              : scopedControl(category),
        likelihood: 'high',
        impact:
          category === null ? 'medium' : impactOf(category, sensitive, target?.element_type ?? 'process'),
        owner: target && target.kind !== 'person' ? OWNER.of(target.name) : OWNER.security,
        verification: testId,
        source: 'scope',
      });
      testFor(testId, TEST_TITLE.abuse(s.name), 'security', 'e2e').verifies.push(t.id);
    }
  });

  for (const d of spec.decisions) {
    if (d.status === 'superseded') continue;
    const test = testFor(`TC-${d.id}`, TEST_TITLE.decision(d.id, d.title), 'decision', 'integration');
    for (const c of d.consequences) {
      const t = add({
        element: d.id,
        element_label: WORDS.verbatim(d.title),
        element_type: 'decision',
        category: null,
        threat: OBLIGATION.decision(d.id, c),
        mitigation: OBLIGATION.decisionControl(d.id),
        likelihood: 'medium',
        impact: 'medium',
        owner: OWNER.tech,
        verification: test.id,
        source: 'decision',
      });
      test.verifies.push(t.id);
    }
  }

  for (const c of input.constraints) {
    const test = testFor(`TC-${c.id}`, TEST_TITLE.constraint(c.id, c.text), 'constraint', 'integration');
    const t = add({
      element: c.id,
      element_label: WORDS.verbatim(c.text),
      element_type: 'constraint',
      category: null,
      threat: OBLIGATION.constraint(c.id, c.text),
      mitigation: OBLIGATION.constraintControl(c.id),
      likelihood: 'medium',
      impact: 'medium',
      owner: OWNER.tech,
      verification: test.id,
      source: 'constraint',
    });
    test.verifies.push(t.id);
  }
  return { threats, tests };
}
