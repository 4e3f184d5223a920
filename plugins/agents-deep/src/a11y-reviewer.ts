// studio:a11y-reviewer — WCAG 2.2 level AA checks for every user-facing feature. A feature is
// user-facing when its declared flow has a person exchanging messages with one of our services (the
// product model decides, never the feature's wording); which criteria apply follows the direction of
// those flows (a person entering data, the product showing or sending something to a person) and the
// threat model's controls (a person crossing a trust boundary signs in, and sessions expire).
import type { AgentContext, AgentDefinition, DeepReadonly, ProductModel } from '@studio/sdk';
import type { ReadonlySpec as Spec } from '@studio/sdk';
import { type Detail, detailFor } from './lib/emphasis.js';
import { type Message, msg } from './lib/message.js';

/** A WCAG 2.2 success criterion to verify in one feature. */
export interface A11yCheck {
  /** "<feature id>-A11Y-<n>": traceable into test cases. */
  id: string;
  /** Success criterion number, e.g. "2.5.8". */
  criterion: string;
  /** Its WCAG name, e.g. "Target Size (Minimum)" (message `a11y.sc.<criterion>`). */
  title: Message;
  level: 'A' | 'AA';
  /** New in WCAG 2.2. */
  new_in_22: boolean;
  /** What to verify, concretely, for this feature (message `a11y.check.<criterion>`). */
  check: Message;
}

/** One feature's checks. */
export interface A11yFeatureView {
  id: string;
  name: string;
  /** Why it counts as user-facing: the people in its flows (`a11y.reason*` with `people`); the template
   *  adds what they send and receive (`sent`, `received`: lists of `a11y.quoted_flow`). */
  reason: Message;
  /** Flows where a person sends to our service, and where one receives from it. */
  sent: { message: string; id: string }[];
  received: { message: string; id: string }[];
  /** The test plan's case for it. */
  test_id: string;
  checks: A11yCheck[];
}

/** The view-model under `a11y`. */
export interface A11yViewModel {
  detail: Detail;
  standard: 'WCAG 2.2 Level AA';
  features: A11yFeatureView[];
  /** Features with no person in their declared flow (or no flow: see the open questions). */
  not_user_facing: { id: string; name: string }[];
  /** Constraints, by id, to read for devices, browsers and law that shape testing. */
  platform_constraints: string[];
  /** Criterion numbers used anywhere, sorted, for the summary table. */
  criteria: {
    criterion: string;
    title: Message;
    level: 'A' | 'AA';
    new_in_22: boolean;
    features: string[];
  }[];
}

interface Criterion {
  criterion: string;
  level: 'A' | 'AA';
  new_in_22: boolean;
}

// The criterion's WCAG name and the check for a feature are catalog messages keyed by its number
// (`a11y.sc.2_5_8`, `a11y.check.2_5_8` with the feature's `name`), so a locale pack uses the W3C's
// authorised translation of the names.
const c = (criterion: string, level: 'A' | 'AA', newIn22: boolean): Criterion => ({
  criterion,
  level,
  new_in_22: newIn22,
});

const key = (criterion: string): string => criterion.replace(/\./g, '_');

// Every screen needs these.
const BASE: Criterion[] = [
  c('1.3.1', 'A', false), // Info and Relationships
  c('1.4.3', 'AA', false), // Contrast (Minimum)
  c('1.4.10', 'AA', false), // Reflow
  c('2.1.1', 'A', false), // Keyboard
  c('2.4.7', 'AA', false), // Focus Visible
  c('2.4.11', 'AA', true), // Focus Not Obscured (Minimum)
  c('4.1.2', 'A', false), // Name, Role, Value
];

// A person sends something to one of our services: input.
const INPUT: Criterion[] = [
  c('2.5.8', 'AA', true), // Target Size (Minimum)
  c('3.3.1', 'A', false), // Error Identification
  c('3.3.2', 'A', false), // Labels or Instructions
  c('3.3.7', 'A', true), // Redundant Entry
  c('2.5.7', 'AA', true), // Dragging Movements
];

// One of our services shows or sends something to a person: output.
const OUTPUT: Criterion[] = [
  c('4.1.3', 'AA', false), // Status Messages
  c('2.4.4', 'A', false), // Link Purpose (In Context)
  c('3.1.1', 'A', false), // Language of Page
];

// A person reaching our service across a trust boundary is authenticated, and sessions expire
// (the threat model's spoofing controls).
const SIGN_IN: Criterion[] = [
  c('3.3.8', 'AA', true), // Accessible Authentication (Minimum)
  c('2.2.1', 'A', false), // Timing Adjustable
];

function run(ctx: AgentContext): A11yViewModel {
  const spec: Spec = ctx.spec;
  const model = ctx.inputs.model as DeepReadonly<ProductModel>;
  const kind = new Map(model.participants.map((p) => [p.id, p]));
  const features: A11yFeatureView[] = [];
  const notUserFacing: { id: string; name: string }[] = [];
  for (const f of spec.features) {
    if (f.priority === 'wont') continue;
    const flows = model.flows.filter((x) => x.feature_id === f.id);
    const input = flows.filter(
      (x) => kind.get(x.from)?.kind === 'person' && kind.get(x.to)?.kind !== 'person',
    );
    const output = flows.filter(
      (x) => kind.get(x.to)?.kind === 'person' && kind.get(x.from)?.kind !== 'person',
    );
    const signIn = input.filter((x) => x.boundary !== null);
    if (input.length === 0 && output.length === 0) {
      notUserFacing.push({ id: f.id, name: f.name });
      continue;
    }
    const people = [...new Set([...input.map((x) => x.from_name), ...output.map((x) => x.to_name)])];
    const ref = (x: (typeof flows)[number]) => ({ message: x.message, id: x.id });
    const reason = msg(
      `a11y.reason${input.length > 0 ? '_send' : ''}${output.length > 0 ? '_receive' : ''}`,
      {
        people: people.join(', '),
      },
    );
    const criteria = [
      ...BASE,
      ...(input.length > 0 ? INPUT : []),
      ...(output.length > 0 ? OUTPUT : []),
      ...(signIn.length > 0 ? SIGN_IN : []),
    ];
    features.push({
      id: f.id,
      name: f.name,
      reason,
      sent: input.map(ref),
      received: output.map(ref),
      test_id: `TC-A11Y-${f.id}`,
      checks: criteria.map((cr, i) => ({
        id: `${f.id}-A11Y-${i + 1}`,
        criterion: cr.criterion,
        title: msg(`a11y.sc.${key(cr.criterion)}`),
        level: cr.level,
        new_in_22: cr.new_in_22,
        check: msg(`a11y.check.${key(cr.criterion)}`, { name: f.name }),
      })),
    });
  }
  const byCriterion = new Map<string, A11yViewModel['criteria'][number]>();
  for (const f of features) {
    for (const ch of f.checks) {
      const entry = byCriterion.get(ch.criterion) ?? {
        criterion: ch.criterion,
        title: ch.title,
        level: ch.level,
        new_in_22: ch.new_in_22,
        features: [],
      };
      entry.features.push(f.id);
      byCriterion.set(ch.criterion, entry);
    }
  }
  return {
    detail: detailFor(spec.dials.audience),
    standard: 'WCAG 2.2 Level AA',
    features,
    not_user_facing: notUserFacing,
    // Constraints are listed by id; the reader decides which shape testing (none is picked by its words).
    platform_constraints: model.constraints.map((x) => `${x.id}: ${x.text}`),
    criteria: [...byCriterion.values()].sort((a, b) => compareCriterion(a.criterion, b.criterion)),
  };
}

/** Numeric order of "1.4.10" vs "1.4.3" (10 after 3). */
function compareCriterion(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const agent: AgentDefinition<A11yViewModel> = {
  id: 'studio:a11y-reviewer',
  produces: 'a11y',
  needs: ['model'],
  description: 'WCAG 2.2 AA checks per user-facing feature, chosen from the direction of its declared flows.',
  run,
};

export default agent;
