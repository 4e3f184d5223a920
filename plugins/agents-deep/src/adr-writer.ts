// studio:adr-writer — one Architecture Decision Record per decision in MADR shape (status, date,
// deciders; context and problem; decision drivers; considered options; outcome with good and bad
// consequences; pros and cons), with the threats and the test case that hold it to its consequences
// (from the shared product model), and an index.
import type { AgentContext, AgentDefinition, Decision, DeepReadonly, ProductModel } from '@studio/sdk';
import { type Detail, detailFor } from './lib/emphasis.js';
import { type Message, msg } from './lib/message.js';
import { SlugAllocator } from './lib/slug.js';

/** One ADR file. */
export interface AdrRecord {
  /** The decision id as written in the spec (e.g. "ADR-0001"). */
  id: string;
  /** ADR number: from the id when it carries one ("ADR-0001" → 1), else the next free number. */
  number: number;
  /** Zero-padded to at least 4 digits ("0001"), as used in the file name. */
  number_padded: string;
  /** File-name-safe slug of the title. */
  slug: string;
  /** Path of the ADR file within the pack. */
  path: string;
  title: string;
  status: Decision['status'];
  /** "Accepted", "Proposed", "Superseded" (message `adr.status.<status>`). */
  status_label: Message;
  context: string;
  /** The choice made. */
  decision: string;
  alternatives: string[];
  consequences: string[];
  /** Whether the id had to be renumbered (no number in it, or a number another decision already had). */
  renumbered: boolean;
  /** YYYY-MM-DD, or null when not recorded. */
  date: string | null;
  deciders: string[];
  drivers: string[];
  pros: string[];
  cons: string[];
  /** Threat ids the model derives from this decision's consequences. */
  threats: string[];
  /** Test case that proves the consequences are handled, or null (superseded decisions have none). */
  test_id: string | null;
}

/** The view-model under `adrs`. */
export interface AdrsViewModel {
  detail: Detail;
  /** Records in number order. */
  records: AdrRecord[];
  /** Counts per status, in lifecycle order. */
  by_status: { status: Decision['status']; label: Message; count: number; count_label: Message }[];
}

const statusLabel = (status: Decision['status']): Message => msg(`adr.status.${status}`);

/** The number an id carries: "ADR-0007", "adr 7", "ADR7", "0007" → 7; anything else → null. */
export function numberFromId(id: string): number | null {
  const m = /^\s*(?:adr[\s_-]*)?0*(\d{1,6})\s*$/iu.exec(id);
  if (m === null) return null;
  const n = Number.parseInt(m[1] ?? '', 10);
  return n >= 1 ? n : null;
}

/** Pad to 4 digits; larger numbers keep all their digits. */
export function padNumber(n: number): string {
  return String(n).padStart(4, '0');
}

/**
 * Numbers for decisions: an id's own number wins when no earlier decision claimed it; the others get, by
 * position, the smallest number not taken, so files never collide and existing ADR numbers stay put.
 */
export function assignNumbers(ids: readonly string[]): number[] {
  const claimed = new Set<number>();
  const out: (number | null)[] = ids.map((id) => {
    const n = numberFromId(id);
    if (n === null || claimed.has(n)) return null;
    claimed.add(n);
    return n;
  });
  let next = 1;
  return out.map((n) => {
    if (n !== null) return n;
    while (claimed.has(next)) next += 1;
    claimed.add(next);
    return next;
  });
}

function record(
  d: DeepReadonly<Decision>,
  number: number,
  slugs: SlugAllocator,
  model: DeepReadonly<ProductModel>,
): AdrRecord {
  const padded = padNumber(number);
  const slug = slugs.allocate(d.title, 'decision');
  return {
    id: d.id,
    number,
    number_padded: padded,
    slug,
    path: `adr/ADR-${padded}-${slug}.md`,
    title: d.title,
    status: d.status,
    status_label: statusLabel(d.status),
    context: d.context,
    decision: d.choice,
    alternatives: [...d.alternatives],
    consequences: [...d.consequences],
    renumbered: numberFromId(d.id) !== number,
    date: d.date,
    deciders: [...d.deciders],
    drivers: [...d.drivers],
    pros: [...d.pros],
    cons: [...d.cons],
    threats: model.threats.filter((t) => t.source === 'decision' && t.element === d.id).map((t) => t.id),
    test_id: model.tests.find((t) => t.kind === 'decision' && t.id === `TC-${d.id}`)?.id ?? null,
  };
}

function run(ctx: AgentContext): AdrsViewModel {
  const spec = ctx.spec;
  const numbers = assignNumbers(spec.decisions.map((d) => d.id));
  // Slugs are unique too, so two ADRs with the same title are still told apart in listings by name.
  const slugs = new SlugAllocator();
  const records = spec.decisions
    .map((d, i) => record(d, numbers[i] ?? i + 1, slugs, ctx.inputs.model as DeepReadonly<ProductModel>))
    .sort((a, b) => a.number - b.number);
  return {
    detail: detailFor(spec.dials.audience),
    records,
    by_status: (['accepted', 'proposed', 'superseded'] as const).map((status) => {
      const count = records.filter((r) => r.status === status).length;
      // "2 accepted": the count with its status in running text (French agrees it in number).
      return {
        status,
        label: statusLabel(status),
        count,
        count_label: msg(`adr.count.${status}`, { count }),
      };
    }),
  };
}

const agent: AgentDefinition<AdrsViewModel> = {
  id: 'studio:adr-writer',
  produces: 'adrs',
  needs: ['model'],
  description:
    'One MADR-shaped ADR per decision, numbered from its id, with its threats and test, plus the ADR index.',
  run,
};

export default agent;
