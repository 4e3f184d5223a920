// Participants, zones, data flows and trust boundaries, from what the Decision Sheet declares. A flow
// participant that is not declared stays "undeclared" and becomes an open question: its kind is never
// read from the words of its name.
import type {
  ModelBoundary,
  ModelFlow,
  ModelParticipant,
  ParticipantKind,
  ReadonlySpec as Spec,
} from '@studio/sdk';

const KIND_LABEL: Record<ParticipantKind | 'undeclared', string> = {
  person: 'person',
  internal: 'internal service',
  external: 'external system',
  datastore: 'data store',
  undeclared: 'undeclared',
};

// Microsoft STRIDE-per-element: people and third-party systems are external entities.
const ELEMENT_TYPE: Record<ParticipantKind | 'undeclared', ModelParticipant['element_type']> = {
  person: 'external entity',
  external: 'external entity',
  internal: 'process',
  datastore: 'data store',
  undeclared: 'unknown',
};

/** The zone stated when a participant declares none: people use the product from the Internet, the
 *  team's own services and stores sit together, and each third party is a zone of its own. */
export function defaultZone(kind: ParticipantKind | 'undeclared', name: string): string {
  if (kind === 'person') return 'Internet';
  if (kind === 'external') return `${name} (third party)`;
  if (kind === 'undeclared') return 'Undeclared';
  return 'Product';
}

const key = (name: string): string => name.trim().toLowerCase();

export function buildParticipants(spec: Spec): ModelParticipant[] {
  const out: ModelParticipant[] = [];
  const byKey = new Map<string, ModelParticipant>();
  // With one stack language, every internal service is written in it: a stated default, not a guess.
  const onlyLanguage = spec.stack.languages.length === 1 ? spec.stack.languages[0]! : null;
  for (const p of spec.participants) {
    const m: ModelParticipant = {
      id: `P-${out.length + 1}`,
      name: p.name,
      kind: p.kind,
      kind_label: KIND_LABEL[p.kind],
      element_type: ELEMENT_TYPE[p.kind],
      zone: p.zone ?? defaultZone(p.kind, p.name),
      zone_declared: p.zone !== null,
      language: p.language ?? (p.kind === 'internal' ? onlyLanguage : null),
      framework: p.framework,
      description: p.description,
      features: [],
      declared: true,
    };
    out.push(m);
    byKey.set(key(p.name), m);
  }
  for (const feature of spec.features) {
    for (const step of feature.flow) {
      for (const name of [step.from, step.to]) {
        let m = byKey.get(key(name));
        if (m === undefined) {
          m = {
            id: `P-${out.length + 1}`,
            name: name.trim(),
            kind: 'undeclared',
            kind_label: KIND_LABEL.undeclared,
            element_type: ELEMENT_TYPE.undeclared,
            zone: defaultZone('undeclared', name),
            zone_declared: false,
            language: null,
            framework: null,
            description: null,
            features: [],
            declared: false,
          };
          out.push(m);
          byKey.set(key(name), m);
        }
        if (!m.features.includes(feature.id)) m.features.push(feature.id);
      }
    }
  }
  return out;
}

export function findParticipant(
  all: readonly ModelParticipant[],
  name: string,
): ModelParticipant | undefined {
  return all.find((p) => key(p.name) === key(name));
}

export function buildFlows(
  spec: Spec,
  participants: readonly ModelParticipant[],
): { flows: ModelFlow[]; boundaries: ModelBoundary[] } {
  const flows: ModelFlow[] = [];
  const boundaries: ModelBoundary[] = [];
  // Indexed by key (findParticipant per step is steps × participants: minutes at the input limits);
  // the first participant of a key wins, as with find.
  const byKey = new Map<string, ModelParticipant>();
  for (const p of participants) if (!byKey.has(key(p.name))) byKey.set(key(p.name), p);
  for (const feature of spec.features) {
    feature.flow.forEach((step, i) => {
      const from = byKey.get(key(step.from))!;
      const to = byKey.get(key(step.to))!;
      let boundary: string | null = null;
      if (from.zone !== to.zone) {
        let b = boundaries.find(
          (x) =>
            (x.zones[0] === from.zone && x.zones[1] === to.zone) ||
            (x.zones[0] === to.zone && x.zones[1] === from.zone),
        );
        if (b === undefined) {
          b = { id: `TB-${boundaries.length + 1}`, zones: [from.zone, to.zone], flows: [] };
          boundaries.push(b);
        }
        boundary = b.id;
      }
      const id = `${feature.id}-DF-${i + 1}`;
      if (boundary !== null) boundaries.find((b) => b.id === boundary)!.flows.push(id);
      flows.push({
        id,
        feature_id: feature.id,
        from: from.id,
        to: to.id,
        from_name: from.name,
        to_name: to.name,
        message: step.message,
        reply: step.reply,
        on_failure: step.on_failure,
        boundary,
      });
    });
  }
  return { flows, boundaries };
}

export function buildZones(
  participants: readonly ModelParticipant[],
): { name: string; participants: string[] }[] {
  const zones: { name: string; participants: string[] }[] = [];
  for (const p of participants) {
    let z = zones.find((x) => x.name === p.zone);
    if (z === undefined) {
      z = { name: p.zone, participants: [] };
      zones.push(z);
    }
    z.participants.push(p.id);
  }
  return zones;
}
