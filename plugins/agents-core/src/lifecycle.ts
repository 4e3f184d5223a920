// The lifecycle state diagram: the main entity's `status` enum when the spec has one, else the
// lifecycle every feature goes through. Enum values are ordered by the author, but some name exits
// (cancelled, removed…) rather than steps; those branch off the main path instead of continuing it.
import type { DeepReadonly, Entity, ReadonlySpec as Spec } from '@studio/sdk';
import type { LifecycleModel, LifecycleState } from './types.js';

const EXIT_WORDS = new Set([
  'abandoned',
  'archived',
  'canceled',
  'cancelled',
  'declined',
  'deleted',
  'expired',
  'failed',
  'rejected',
  'removed',
  'revoked',
  'void',
  'voided',
  'withdrawn',
]);

/** The first entity (in the author's order) with an enum field named status — the product's main one. */
export function mainEntity(spec: Spec): { entity: DeepReadonly<Entity>; values: readonly string[] } | null {
  for (const entity of spec.entities) {
    const field = entity.fields.find((f) => f.name.toLowerCase() === 'status' && f.type === 'enum');
    // Two states make the smallest lifecycle worth drawing; duplicates would collapse two states into one.
    const values = field ? [...new Set(field.values)] : [];
    if (values.length >= 2) return { entity, values };
  }
  return null;
}

function isExit(value: string): boolean {
  return EXIT_WORDS.has(value.trim().toLowerCase());
}

function entityLifecycle(name: string, values: readonly string[]): LifecycleModel {
  const states: LifecycleState[] = values.map((label, i) => ({ id: `S${i + 1}`, label }));
  let main = states.filter((s) => !isExit(s.label));
  let exits = states.filter((s) => isExit(s.label));
  // With no ordinary step left there is no path to branch from: draw the values as written.
  if (main.length === 0) [main, exits] = [states, []];
  const transitions: LifecycleModel['transitions'] = [{ from: '[*]', to: main[0]!.id, label: '' }];
  main.forEach((s, i) => {
    const next = main[i + 1];
    if (next) transitions.push({ from: s.id, to: next.id, label: '' });
  });
  // An exit is reachable from every step before the end of the main path.
  for (const exit of exits) {
    for (const s of main.slice(0, -1)) transitions.push({ from: s.id, to: exit.id, label: '' });
    transitions.push({ from: exit.id, to: '[*]', label: '' });
  }
  transitions.push({ from: main[main.length - 1]!.id, to: '[*]', label: '' });
  return { kind: 'entity', entity: name, title: `${name} lifecycle`, states, transitions };
}

/** The lifecycle every feature follows; the labels name the evidence that moves it on. */
function featureLifecycle(): LifecycleModel {
  const states: LifecycleState[] = [
    { id: 'S1', label: 'Proposed' },
    { id: 'S2', label: 'Planned' },
    { id: 'S3', label: 'In progress' },
    { id: 'S4', label: 'Verified' },
    { id: 'S5', label: 'Shipped' },
    { id: 'S6', label: "Won't do" },
  ];
  return {
    kind: 'feature',
    entity: null,
    title: 'Feature lifecycle',
    states,
    transitions: [
      { from: '[*]', to: 'S1', label: '' },
      { from: 'S1', to: 'S2', label: 'prioritised into a milestone' },
      { from: 'S1', to: 'S6', label: "priority is won't" },
      { from: 'S2', to: 'S3', label: 'work starts' },
      { from: 'S3', to: 'S4', label: 'acceptance test cases pass' },
      { from: 'S4', to: 'S5', label: 'released' },
      { from: 'S5', to: '[*]', label: '' },
      { from: 'S6', to: '[*]', label: '' },
    ],
  };
}

export function buildLifecycle(spec: Spec): LifecycleModel {
  const main = mainEntity(spec);
  return main ? entityLifecycle(main.entity.name, main.values) : featureLifecycle();
}
