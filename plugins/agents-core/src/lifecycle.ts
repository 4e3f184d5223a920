// The lifecycle state diagram, drawn from declared transitions (entities[].transitions: from, to,
// event): states in order of first appearance, every transition labelled with its event, loops and
// cycles kept. Nothing is inferred from state names. When no entity declares transitions the generic
// feature lifecycle is drawn and the product model raises an open question.
import type { DeepReadonly, Entity, ReadonlySpec } from '@studio/sdk';
import type { LifecycleModel, LifecycleState } from './types.js';

type Spec = ReadonlySpec;

/** Markers in `from` / `to` for creation and exit. */
export const START = '[start]';
export const END = '[end]';

/** The first entity (in the author's order) that declares transitions. */
export function mainEntity(spec: Spec): DeepReadonly<Entity> | null {
  return spec.entities.find((e) => e.transitions.length > 0) ?? null;
}

function entityLifecycle(entity: DeepReadonly<Entity>): LifecycleModel {
  const states: LifecycleState[] = [];
  const idOf = (name: string): string => {
    if (name === START || name === END) return '[*]';
    let s = states.find((x) => x.label === name);
    if (s === undefined) {
      s = { id: `S${states.length + 1}`, label: name };
      states.push(s);
    }
    return s.id;
  };
  const transitions = entity.transitions.map((t) => ({ from: idOf(t.from), to: idOf(t.to), label: t.event }));
  // A lifecycle with no declared start begins at its first state, said so on the edge.
  if (!entity.transitions.some((t) => t.from === START) && states.length > 0)
    transitions.unshift({ from: '[*]', to: states[0]!.id, label: 'first declared state' });
  const cycles = transitions.some((t) => t.from === t.to && t.from !== '[*]') || hasCycle(transitions);
  return {
    kind: 'entity',
    entity: entity.name,
    title: `${entity.name} lifecycle`,
    states,
    transitions,
    has_cycle: cycles,
  };
}

function hasCycle(edges: readonly { from: string; to: string }[]): boolean {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (e.from === '[*]' || e.to === '[*]') continue;
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const state = new Map<string, 1 | 2>();
  const visit = (n: string): boolean => {
    if (state.get(n) === 1) return true;
    if (state.get(n) === 2) return false;
    state.set(n, 1);
    for (const m of next.get(n) ?? []) if (visit(m)) return true;
    state.set(n, 2);
    return false;
  };
  return [...next.keys()].some((n) => visit(n));
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
      { from: '[*]', to: 'S1', label: 'idea captured' },
      { from: 'S1', to: 'S2', label: 'prioritised into a milestone' },
      { from: 'S1', to: 'S6', label: "priority is won't" },
      { from: 'S2', to: 'S3', label: 'work starts' },
      { from: 'S3', to: 'S4', label: 'acceptance test cases pass' },
      { from: 'S4', to: 'S3', label: 'a test case fails' },
      { from: 'S4', to: 'S5', label: 'released' },
      { from: 'S5', to: '[*]', label: 'retired' },
      { from: 'S6', to: '[*]', label: 'closed' },
    ],
    has_cycle: true,
  };
}

export function buildLifecycle(spec: Spec): LifecycleModel {
  const main = mainEntity(spec);
  return main ? entityLifecycle(main) : featureLifecycle();
}
