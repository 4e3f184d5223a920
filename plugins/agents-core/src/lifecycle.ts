// The lifecycle state diagram, drawn from declared transitions (entities[].transitions: from, to,
// event): states in order of first appearance, every transition labelled with its event, loops and
// cycles kept. Nothing is inferred from state names. When no entity declares transitions the generic
// feature lifecycle is drawn and the product model raises an open question.
import { type DeepReadonly, type Entity, type ReadonlySpec as Spec, msg } from '@studio/sdk';
import type { LifecycleModel, LifecycleState } from './types.js';

/** Markers in `from` / `to` for creation and exit. */
export const START = '[start]';
export const END = '[end]';

/** The first entity (in the author's order) that declares transitions. */
export function mainEntity(spec: Spec): DeepReadonly<Entity> | null {
  return spec.entities.find((e) => e.transitions.length > 0) ?? null;
}

function entityLifecycle(entity: DeepReadonly<Entity>): LifecycleModel {
  const states: LifecycleState[] = [];
  const names: string[] = [];
  const idOf = (name: string): string => {
    if (name === START || name === END) return '[*]';
    let i = names.indexOf(name);
    if (i < 0) {
      i = names.push(name) - 1;
      states.push({ id: `S${i + 1}`, label: msg('common.verbatim', { text: name }) });
    }
    return states[i]!.id;
  };
  const transitions = entity.transitions.map((t) => ({
    from: idOf(t.from),
    to: idOf(t.to),
    label: msg('common.verbatim', { text: t.event }),
  }));
  // A lifecycle with no declared start begins at its first state, said so on the edge.
  if (!entity.transitions.some((t) => t.from === START) && states.length > 0)
    transitions.unshift({ from: '[*]', to: states[0]!.id, label: msg('diagram.lifecycle.first_state') });
  const cycles = transitions.some((t) => t.from === t.to && t.from !== '[*]') || hasCycle(transitions);
  return {
    kind: 'entity',
    entity: entity.name,
    title: msg('diagram.lifecycle.entity_title', { name: entity.name }),
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
  const states: LifecycleState[] = ['proposed', 'planned', 'in_progress', 'verified', 'shipped', 'wont'].map(
    (name, i) => ({ id: `S${i + 1}`, label: msg(`diagram.feature_state.${name}`) }),
  );
  const edge = (from: string, to: string, event: string) => ({
    from,
    to,
    label: msg(`diagram.feature_event.${event}`),
  });
  return {
    kind: 'feature',
    entity: null,
    title: msg('diagram.lifecycle.feature_title'),
    states,
    transitions: [
      edge('[*]', 'S1', 'captured'),
      edge('S1', 'S2', 'prioritised'),
      edge('S1', 'S6', 'wont'),
      edge('S2', 'S3', 'started'),
      edge('S3', 'S4', 'passed'),
      edge('S4', 'S3', 'failed'),
      edge('S4', 'S5', 'released'),
      edge('S5', '[*]', 'retired'),
      edge('S6', '[*]', 'closed'),
    ],
    has_cycle: true,
  };
}

export function buildLifecycle(spec: Spec): LifecycleModel {
  const main = mainEntity(spec);
  return main ? entityLifecycle(main) : featureLifecycle();
}
