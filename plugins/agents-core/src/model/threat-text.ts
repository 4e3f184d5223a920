// The words of STRIDE-per-element threats and their controls, kept together so a locale catalog can
// take them over. Which rows apply is decided by the element's declared type (Microsoft STRIDE per
// element), never by the words of a name.
import type { StrideCategory } from '@studio/sdk';

/** What a row may mention: the element, who it talks to, the data it carries. */
export interface ThreatWords {
  /** The element's name (or a flow's message). */
  name: string;
  /** Names it exchanges data with, joined. */
  peers: string;
  /** Classified fields in words, or "its data". */
  data: string;
  /** Flows only: sender and receiver. */
  from?: string;
  to?: string;
  /** Flows only: the receiver's kind. */
  to_kind?: string;
}

type Row = {
  category: StrideCategory;
  threat: (w: ThreatWords) => string;
  control: (w: ThreatWords) => string;
};

/** External entities (people, third-party systems): spoofing and repudiation. */
export const EXTERNAL_PERSON: Row[] = [
  {
    category: 'Spoofing',
    threat: (w) => `Someone acts as ${w.name} towards ${w.peers}.`,
    control: (w) =>
      `${w.peers} authenticate ${w.name} before acting on a request; sessions are bound to the device and expire.`,
  },
  {
    category: 'Repudiation',
    threat: (w) => `${w.name} denies an action they took through ${w.peers}.`,
    control: (w) =>
      `${w.peers} write an append-only audit event (actor, action, record id, time) for each action.`,
  },
];

export const EXTERNAL_SYSTEM: Row[] = [
  {
    category: 'Spoofing',
    threat: (w) =>
      `A forged ${w.name} sends messages to ${w.peers}, or a call meant for ${w.name} reaches an impostor.`,
    control: (w) =>
      `Verify ${w.name} on every exchange (signature or mutual TLS, pinned endpoint); reject unsigned or stale messages.`,
  },
  {
    category: 'Repudiation',
    threat: (w) => `${w.name} and the product disagree on what was sent or received.`,
    control: (w) => `Keep ${w.name}'s message ids and receipts beside our own records for reconciliation.`,
  },
];

/** Processes (internal services): all six categories. */
export const PROCESS: Row[] = [
  {
    category: 'Spoofing',
    threat: (w) =>
      `A caller impersonates ${w.name}, or ${w.name} accepts calls from an unauthenticated peer.`,
    control: (w) =>
      `Service identity between ${w.name} and ${w.peers} (mutual TLS or signed service tokens).`,
  },
  {
    category: 'Tampering',
    threat: (w) => `The code, configuration or state of ${w.name} is altered.`,
    control: () =>
      'Build once, promote the same signed artifact; read-only file system; configuration changes reviewed.',
  },
  {
    category: 'Repudiation',
    threat: (w) => `${w.name} cannot show who triggered a change.`,
    control: () => 'Audit events with actor, action, record id and time; classified values never in them.',
  },
  {
    category: 'Information disclosure',
    threat: (w) => `${w.name} exposes ${w.data} in responses, logs, traces or error messages.`,
    control: () =>
      'Return only the fields a caller needs; redact classified fields in logs, traces and errors.',
  },
  {
    category: 'Denial of service',
    threat: (w) => `${w.name} is exhausted by a flood of requests or stalled by a slow peer.`,
    control: (w) =>
      `Rate limits per caller; timeouts, bounded queues and circuit breakers towards ${w.peers}.`,
  },
  {
    category: 'Elevation of privilege',
    threat: (w) => `A caller of ${w.name} acts beyond their role or on records that are not theirs.`,
    control: () => 'Authorize every request on the server by role and record ownership; deny by default.',
  },
];

/** Data stores: tampering, information disclosure, denial of service. */
export const DATA_STORE: Row[] = [
  {
    category: 'Tampering',
    threat: (w) => `Records in ${w.name} are changed by something other than ${w.peers}.`,
    control: (w) =>
      `Only ${w.peers} hold write credentials; schema constraints on every table; restores tested.`,
  },
  {
    category: 'Information disclosure',
    threat: (w) => `${w.data} in ${w.name} is read by someone not entitled to it, or leaks through a backup.`,
    control: (w) =>
      `Encrypt at rest and in backups; least-privilege credentials for ${w.peers}; access to classified fields logged.`,
  },
  {
    category: 'Denial of service',
    threat: (w) => `${w.name} fills up, or expensive queries lock it.`,
    control: () =>
      'Capacity alerts; query timeouts; indexes on queried fields; connection limits per client.',
  },
];

/** Data flows that cross a trust boundary: tampering, information disclosure, denial of service. */
export const DATA_FLOW: Row[] = [
  {
    category: 'Tampering',
    threat: (w) => `"${w.name}" is altered between ${w.from} and ${w.to}.`,
    control: (w) =>
      w.to_kind === 'person'
        ? 'The message carries no action itself: links hold only a short-lived signed token checked on our side.'
        : `TLS 1.2+ on the link; ${w.to} validates every field against its contract on receipt.`,
  },
  {
    category: 'Information disclosure',
    threat: (w) =>
      w.to_kind === 'person'
        ? `"${w.name}" is read by someone other than ${w.to} (shared device, lock screen, forwarding).`
        : `"${w.name}" is read in transit, or carries more than ${w.to} needs.`,
    control: (w) =>
      w.to_kind === 'person'
        ? 'No classified data in the message body; details shown only after the token is checked.'
        : `Encrypt in transit; send ${w.to} only the fields it needs.`,
  },
  {
    category: 'Denial of service',
    threat: (w) =>
      w.to_kind === 'external system'
        ? `${w.to} throttles or is down, so "${w.name}" is lost.`
        : w.to_kind === 'person'
          ? `${w.to} is flooded with "${w.name}", or never receives it.`
          : `A flood of "${w.name}" from ${w.from} exhausts ${w.to}.`,
    control: (w) =>
      w.to_kind === 'external system'
        ? `Queue calls to ${w.to} with retries, backoff and a dead-letter list people can see.`
        : w.to_kind === 'person'
          ? `Cap and deduplicate "${w.name}" per recipient; track delivery and show failures.`
          : `Rate-limit "${w.name}" per caller; size limits and timeouts at ${w.to}.`,
  },
];

/** Controls for a declared in-scope threat without a declared mitigation, by category. */
export const SCOPED_CONTROL: Record<StrideCategory, string> = {
  Spoofing: 'Authenticate the sender of every request or message and verify signatures before acting.',
  Tampering: 'Authorize every write on the server; validate input against the contract; keep an audit trail.',
  Repudiation: 'Keep signed, timestamped records of who did what, retained for the dispute window.',
  'Information disclosure':
    'Minimise the data; encrypt it at rest and in transit; restrict and log reads of classified fields.',
  'Denial of service': 'Rate limits and quotas per caller; timeouts and circuit breakers.',
  'Elevation of privilege': 'Least privilege per role; server-side authorization by role and ownership.',
};

export const OBLIGATION = {
  constraint: (id: string, text: string) => `${id} is not enforced, or is bypassed: ${text}`,
  constraintControl: (id: string) =>
    `Enforce ${id} in code or configuration, and fail the build when its test fails.`,
  decision: (id: string, consequence: string) =>
    `${id} is in force but its consequence is not handled: ${consequence}`,
  decisionControl: (id: string) =>
    `Turn each consequence of ${id} into a backlog item with a test before release.`,
  undeclared: 'Declare its STRIDE categories and target in the Decision Sheet (security.threats_in_scope).',
};

/** Owners are roles derived from the element, stated so a reviewer can reassign them. */
export const OWNER = {
  of: (name: string) => `${name} owner`,
  integration: (name: string) => `Owner of the ${name} integration`,
  security: 'Security lead',
  tech: 'Tech lead',
};
