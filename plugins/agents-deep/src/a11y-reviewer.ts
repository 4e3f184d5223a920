// studio:a11y-reviewer — WCAG 2.2 level AA checks for every user-facing feature. A feature is
// user-facing when its declared flow has a person exchanging messages with one of our services (the
// product model decides, never the feature's wording); which criteria apply follows the direction of
// those flows (a person entering data, the product showing or sending something to a person) and the
// threat model's controls (a person crossing a trust boundary signs in, and sessions expire).
import type { AgentContext, AgentDefinition, DeepReadonly, ProductModel, ReadonlySpec } from '@studio/sdk';
import { type Detail, detailFor } from './lib/emphasis.js';

/** A WCAG 2.2 success criterion to verify in one feature. */
export interface A11yCheck {
  /** "<feature id>-A11Y-<n>": traceable into test cases. */
  id: string;
  /** Success criterion number, e.g. "2.5.8". */
  criterion: string;
  /** Its WCAG name, e.g. "Target Size (Minimum)". */
  title: string;
  level: 'A' | 'AA';
  /** New in WCAG 2.2. */
  new_in_22: boolean;
  /** What to verify, concretely, for this feature. */
  check: string;
}

/** One feature's checks. */
export interface A11yFeatureView {
  id: string;
  name: string;
  /** Why it counts as user-facing (its flows with people). */
  reason: string;
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
  criteria: { criterion: string; title: string; level: 'A' | 'AA'; new_in_22: boolean; features: string[] }[];
}

type Spec = ReadonlySpec;

interface Criterion {
  criterion: string;
  title: string;
  level: 'A' | 'AA';
  new_in_22: boolean;
  check: (name: string) => string;
}

const c = (
  criterion: string,
  title: string,
  level: 'A' | 'AA',
  newIn22: boolean,
  check: (n: string) => string,
): Criterion => ({
  criterion,
  title,
  level,
  new_in_22: newIn22,
  check,
});

// Every screen needs these.
const BASE: Criterion[] = [
  c(
    '1.3.1',
    'Info and Relationships',
    'A',
    false,
    (n) => `Headings, lists, tables and form groups in "${n}" are marked up as such, not only styled.`,
  ),
  c(
    '1.4.3',
    'Contrast (Minimum)',
    'AA',
    false,
    (n) => `Text in "${n}" has at least 4.5:1 contrast (3:1 for large text).`,
  ),
  c('1.4.10', 'Reflow', 'AA', false, (n) => `"${n}" works at 320 CSS px wide without horizontal scrolling.`),
  c('2.1.1', 'Keyboard', 'A', false, (n) => `Everything in "${n}" can be done with the keyboard alone.`),
  c('2.4.7', 'Focus Visible', 'AA', false, (n) => `Keyboard focus is always visible in "${n}".`),
  c(
    '2.4.11',
    'Focus Not Obscured (Minimum)',
    'AA',
    true,
    (n) => `Sticky headers, banners or dialogs never hide the focused element in "${n}".`,
  ),
  c(
    '4.1.2',
    'Name, Role, Value',
    'A',
    false,
    (n) => `Every control in "${n}" exposes its name, role and state to assistive technology.`,
  ),
];

// A person sends something to one of our services: input.
const INPUT: Criterion[] = [
  c(
    '2.5.8',
    'Target Size (Minimum)',
    'AA',
    true,
    (n) => `Controls in "${n}" are at least 24 × 24 CSS px or spaced apart.`,
  ),
  c(
    '3.3.1',
    'Error Identification',
    'A',
    false,
    (n) => `Input errors in "${n}" are described in text next to the field.`,
  ),
  c(
    '3.3.2',
    'Labels or Instructions',
    'A',
    false,
    (n) => `Every field in "${n}" has a visible label and any format hint.`,
  ),
  c(
    '3.3.7',
    'Redundant Entry',
    'A',
    true,
    (n) => `"${n}" never asks for the same information twice in one process.`,
  ),
  c(
    '2.5.7',
    'Dragging Movements',
    'AA',
    true,
    (n) => `Anything that can be dragged in "${n}" can also be moved with single clicks or taps.`,
  ),
];

// One of our services shows or sends something to a person: output.
const OUTPUT: Criterion[] = [
  c(
    '4.1.3',
    'Status Messages',
    'AA',
    false,
    (n) => `Changes and confirmations in "${n}" are announced to screen readers without moving focus.`,
  ),
  c(
    '2.4.4',
    'Link Purpose (In Context)',
    'A',
    false,
    (n) => `Links shown or sent by "${n}" say where they lead; messages make sense read aloud.`,
  ),
  c('3.1.1', 'Language of Page', 'A', false, (n) => `Pages and messages of "${n}" declare their language.`),
];

// A person reaching our service across a trust boundary is authenticated, and sessions expire
// (the threat model's spoofing controls).
const SIGN_IN: Criterion[] = [
  c(
    '3.3.8',
    'Accessible Authentication (Minimum)',
    'AA',
    true,
    (n) =>
      `Signing in for "${n}" needs no cognitive test without an alternative such as paste or a password manager.`,
  ),
  c(
    '2.2.1',
    'Timing Adjustable',
    'A',
    false,
    (n) => `Session time limits in "${n}" can be extended before they expire, with a warning.`,
  ),
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
    const reason = [
      `people in its flow: ${people.join(', ')}`,
      ...(input.length > 0 ? [`they send ${input.map((x) => `"${x.message}" (${x.id})`).join(', ')}`] : []),
      ...(output.length > 0
        ? [`they receive ${output.map((x) => `"${x.message}" (${x.id})`).join(', ')}`]
        : []),
    ].join('; ');
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
      test_id: `TC-A11Y-${f.id}`,
      checks: criteria.map((cr, i) => ({
        id: `${f.id}-A11Y-${i + 1}`,
        criterion: cr.criterion,
        title: cr.title,
        level: cr.level,
        new_in_22: cr.new_in_22,
        check: cr.check(f.name),
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
