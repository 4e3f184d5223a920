// studio:a11y-reviewer — WCAG 2.2 level AA checks for every user-facing feature. Which success criteria
// apply depends on what the feature does (forms, live updates, reordering, messages, time limits), read
// from its name, description, acceptance criteria and flow.
import type { AgentContext, AgentDefinition, DeepReadonly, Feature, ReadonlySpec as Spec } from '@studio/sdk';
import { type Detail, detailFor } from './lib/emphasis.js';
import { participants } from './lib/participants.js';
import { mentions, wordHit } from './lib/text.js';

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
  /** Why it counts as user-facing. */
  reason: string;
  checks: A11yCheck[];
}

/** The view-model under `a11y`. */
export interface A11yViewModel {
  detail: Detail;
  standard: 'WCAG 2.2 Level AA';
  features: A11yFeatureView[];
  /** Features with no user interface of their own. */
  not_user_facing: { id: string; name: string }[];
  /** Constraints about devices and browsers that shape testing. */
  platform_constraints: string[];
  /** Criterion numbers used anywhere, sorted, for the summary table. */
  criteria: { criterion: string; title: string; level: 'A' | 'AA'; new_in_22: boolean; features: string[] }[];
}

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
  c('2.1.1', 'Keyboard', 'A', false, (n) => `Every action in "${n}" works with the keyboard alone.`),
  c('2.4.7', 'Focus Visible', 'AA', false, (n) => `Keyboard focus is always visible in "${n}".`),
  c(
    '2.4.11',
    'Focus Not Obscured (Minimum)',
    'AA',
    true,
    (n) => `Sticky headers, banners or dialogs never fully hide the focused element in "${n}".`,
  ),
  c(
    '2.5.8',
    'Target Size (Minimum)',
    'AA',
    true,
    (n) => `Buttons and links in "${n}" are at least 24 by 24 CSS px or spaced to match.`,
  ),
  c(
    '4.1.2',
    'Name, Role, Value',
    'A',
    false,
    (n) => `Every control in "${n}" exposes an accessible name, role and state to screen readers.`,
  ),
];

// Extra criteria keyed by what a feature does.
const BY_TRAIT: { words: string[]; criteria: Criterion[] }[] = [
  {
    // Forms and data entry.
    words: [
      'add\\b',
      'create',
      'enter',
      'form',
      'join',
      'sign',
      'register',
      'number',
      'name',
      'edit',
      'input',
      'pay',
      'search',
      'filter',
      'book',
    ],
    criteria: [
      c(
        '1.3.5',
        'Identify Input Purpose',
        'AA',
        false,
        (n) => `Personal fields in "${n}" (name, phone, email) carry the right autocomplete tokens.`,
      ),
      c(
        '3.3.1',
        'Error Identification',
        'A',
        false,
        (n) => `Input errors in "${n}" are described in text next to the field, not by colour alone.`,
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
    ],
  },
  {
    // Sign-in and payment steps.
    words: [
      'login',
      'log in',
      'sign in',
      'sign-in',
      'password',
      'card',
      'verif',
      'one-time code',
      'otp\\b',
      '2fa',
      'mfa\\b',
    ],
    criteria: [
      c(
        '3.3.8',
        'Accessible Authentication (Minimum)',
        'AA',
        true,
        (n) =>
          `"${n}" needs no cognitive test (memorizing, transcribing codes) without an alternative such as paste or a password manager.`,
      ),
    ],
  },
  {
    // Content that changes while the user watches.
    words: [
      'live',
      'status',
      'update',
      'real-time',
      'realtime',
      'refresh',
      'position',
      'visible',
      'dashboard',
      'notif',
      'progress',
      'estimate',
    ],
    criteria: [
      c(
        '4.1.3',
        'Status Messages',
        'AA',
        false,
        (n) =>
          `Changes in "${n}" (position, status, confirmations) are announced to screen readers without moving focus.`,
      ),
      c(
        '2.2.2',
        'Pause, Stop, Hide',
        'A',
        false,
        (n) => `Auto-updating content in "${n}" can be paused, or updates only on request.`,
      ),
    ],
  },
  {
    // Reordering and drag.
    words: ['reorder', 'drag', 'sort', 'move', 'rearrange', 'prioriti'],
    criteria: [
      c(
        '2.5.7',
        'Dragging Movements',
        'AA',
        true,
        (n) =>
          `Anything reordered by dragging in "${n}" can also be moved with single clicks or taps (e.g. up/down buttons).`,
      ),
    ],
  },
  {
    // Time limits.
    words: ['timeout', 'time limit', 'expire', 'confirm\\b', 'grace', 'session', 'deadline'],
    criteria: [
      c(
        '2.2.1',
        'Timing Adjustable',
        'A',
        false,
        (n) =>
          `Any time limit in "${n}" can be turned off, adjusted or extended, or is essential and explained.`,
      ),
    ],
  },
  {
    // Messages and links sent to people.
    words: ['text', 'sms', 'email', 'link', 'message', 'notification', 'reminder'],
    criteria: [
      c(
        '2.4.4',
        'Link Purpose (In Context)',
        'A',
        false,
        (n) => `Links sent or shown by "${n}" say where they lead; messages make sense read aloud.`,
      ),
      c(
        '3.1.1',
        'Language of Page',
        'A',
        false,
        (n) => `Pages opened from "${n}" declare their language so screen readers pronounce them correctly.`,
      ),
    ],
  },
  {
    // Data tables and exports.
    words: ['export', 'table', 'list\\b', 'report', 'csv'],
    criteria: [
      c(
        '1.3.2',
        'Meaningful Sequence',
        'A',
        false,
        (n) => `Rows and columns in "${n}" read in a meaningful order with table headers announced.`,
      ),
    ],
  },
];

const UI_WORDS = [
  'screen',
  'page',
  'dashboard',
  'view',
  'form',
  'display',
  'shows',
  'show',
  'click',
  'tap',
  'button',
  'status page',
  'app',
  'portal',
  'ui\\b',
  'link',
  'text',
  'email',
  'notification',
  'receives',
  'sees',
];

// Constraints about devices and browsers (not "phone numbers", which is about data).
const PLATFORM_WORDS = [
  'browser',
  'tablet',
  'device',
  'smartphone',
  'desktop',
  'screen reader',
  'ios\\b',
  'android',
];

function featureText(f: DeepReadonly<Feature>): string {
  return ` ${[f.name, f.description, ...f.acceptance.map((a) => a.text), ...f.flow.map((s) => `${s.from} ${s.to} ${s.message}`)].join(' ')} `.toLowerCase();
}

function userFacingReason(spec: Spec, f: DeepReadonly<Feature>, actorNames: Set<string>): string | null {
  const actor = f.flow.find(
    (s) => actorNames.has(s.from.trim().toLowerCase()) || actorNames.has(s.to.trim().toLowerCase()),
  );
  if (actor !== undefined) {
    const who = actorNames.has(actor.from.trim().toLowerCase()) ? actor.from : actor.to;
    return `a person (${who.trim()}) takes part in its flow`;
  }
  const audience = spec.audience.find((a) => mentions(featureText(f), [a.name.toLowerCase()]));
  if (audience !== undefined) return `it names an audience (${audience.name})`;
  if (wordHit(featureText(f), UI_WORDS)) return 'it describes something people see or use';
  return null;
}

function run(ctx: AgentContext): A11yViewModel {
  const spec = ctx.spec;
  const actorNames = new Set(
    participants(spec)
      .filter((p) => p.kind === 'actor')
      .map((p) => p.name.toLowerCase()),
  );
  for (const a of spec.audience) actorNames.add(a.name.trim().toLowerCase());
  const features: A11yFeatureView[] = [];
  const notUserFacing: { id: string; name: string }[] = [];
  for (const f of spec.features) {
    const reason = userFacingReason(spec, f, actorNames);
    if (reason === null) {
      notUserFacing.push({ id: f.id, name: f.name });
      continue;
    }
    const text = featureText(f);
    const criteria = [...BASE];
    for (const trait of BY_TRAIT) {
      if (!wordHit(text, trait.words)) continue;
      for (const cr of trait.criteria)
        if (!criteria.some((x) => x.criterion === cr.criterion)) criteria.push(cr);
    }
    criteria.sort((a, b) => compareCriterion(a.criterion, b.criterion));
    features.push({
      id: f.id,
      name: f.name,
      reason,
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
    platform_constraints: spec.constraints.filter((x) => wordHit(x.toLowerCase(), PLATFORM_WORDS)),
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
  description: 'WCAG 2.2 AA checks per user-facing feature, chosen by what each feature does.',
  run,
};

export default agent;
