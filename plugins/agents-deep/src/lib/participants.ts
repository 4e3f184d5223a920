// Who takes part in the product's flows, and which of them the system depends on. Several deep agents
// need the same answer, so it is computed here once, deterministically, from the spec alone.
import type { ReadonlySpec as Spec } from '@studio/sdk';
import { mentions } from './text.js';

/** What a flow participant is. */
export type ParticipantKind = 'actor' | 'internal' | 'external';

/** One participant of the feature flows. */
export interface Participant {
  /** Name as first written in a flow. */
  name: string;
  /** actor: a person or role; internal: a part of the product; external: a third-party system. */
  kind: ParticipantKind;
  /** Ids of features whose flow mentions it, in spec order. */
  features: string[];
}

/** Something the product needs at run time or build time. */
export interface Dependency {
  /** Name as written. */
  name: string;
  /** external: third-party service from a flow; datastore; hosting; language; framework. */
  kind: 'external' | 'datastore' | 'hosting' | 'language' | 'framework';
  /** Whether an outage of it takes a feature or SLO down (gets a runbook). */
  critical: boolean;
  /** Ids of features that use it (flows), empty when it is used by all or unknown. */
  features: string[];
}

// Words that mark a third-party system, checked before the internal ones ("Payment provider" is external
// even though "Payment page" is ours).
const EXTERNAL_HINTS = [
  'gateway',
  'provider',
  'vendor',
  'third-party',
  'third party',
  'external',
  'partner',
  'bank',
  'stripe',
  'twilio',
  'paypal',
  'sendgrid',
  'identity provider',
  'idp',
  'oauth',
  'carrier',
  'registry',
  'webhook sender',
];
const INTERNAL_HINTS = [
  'service',
  'api',
  'server',
  'backend',
  'frontend',
  'app',
  'page',
  'screen',
  'dashboard',
  'portal',
  'ui',
  'worker',
  'job',
  'scheduler',
  'database',
  'db',
  'store',
  'cache',
  'queue',
  'ledger',
  'system',
  'engine',
  'website',
  'site',
  'console',
  'bot',
  'cron',
  'function',
];

function hasWord(text: string, hints: readonly string[]): boolean {
  const lower = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return hints.some((h) => lower.includes(` ${h} `));
}

/** Classify a participant name; audience segment names are always actors. */
export function classifyParticipant(name: string, audienceNames: readonly string[]): ParticipantKind {
  const lower = name.trim().toLowerCase();
  if (audienceNames.some((a) => a.trim().toLowerCase() === lower)) return 'actor';
  if (hasWord(name, EXTERNAL_HINTS)) return 'external';
  if (hasWord(name, INTERNAL_HINTS)) return 'internal';
  return 'actor';
}

/** Every participant of every feature flow, first-seen order, merged case-insensitively. */
export function participants(spec: Spec): Participant[] {
  const audience = spec.audience.map((a) => a.name);
  const byKey = new Map<string, Participant>();
  for (const feature of spec.features) {
    for (const step of feature.flow) {
      for (const name of [step.from, step.to]) {
        const key = name.trim().toLowerCase();
        let p = byKey.get(key);
        if (p === undefined) {
          p = { name: name.trim(), kind: classifyParticipant(name, audience), features: [] };
          byKey.set(key, p);
        }
        if (!p.features.includes(feature.id)) p.features.push(feature.id);
      }
    }
  }
  return [...byKey.values()];
}

/** Kind of a named participant (by case-insensitive name), `actor` when unknown. */
export function kindOf(all: readonly Participant[], name: string): ParticipantKind {
  const key = name.trim().toLowerCase();
  return all.find((p) => p.name.toLowerCase() === key)?.kind ?? 'actor';
}

/**
 * Dependencies: external flow participants and datastores are critical (an outage stops a feature);
 * hosting is critical too when named; languages and frameworks are build-time and not critical.
 * Order: critical first (external, datastore, hosting), then build-time, each in spec order.
 */
export function dependencies(spec: Spec): Dependency[] {
  const out: Dependency[] = [];
  const seen = new Set<string>();
  const push = (dep: Dependency): void => {
    const key = dep.name.trim().toLowerCase();
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    out.push(dep);
  };
  for (const p of participants(spec)) {
    if (p.kind === 'external')
      push({ name: p.name, kind: 'external', critical: true, features: [...p.features] });
  }
  for (const d of spec.stack.datastores) {
    const users = spec.features
      .filter((f) => f.flow.some((s) => mentions(`${s.from} ${s.to}`, [d.toLowerCase()])))
      .map((f) => f.id);
    push({ name: d, kind: 'datastore', critical: true, features: users });
  }
  if (spec.stack.hosting !== null)
    push({ name: spec.stack.hosting, kind: 'hosting', critical: true, features: [] });
  for (const l of spec.stack.languages) push({ name: l, kind: 'language', critical: false, features: [] });
  for (const f of spec.stack.frameworks) push({ name: f, kind: 'framework', critical: false, features: [] });
  return out;
}

/** Critical dependencies only, in the order of `dependencies`. */
export function criticalDependencies(spec: Spec): Dependency[] {
  return dependencies(spec).filter((d) => d.critical);
}
