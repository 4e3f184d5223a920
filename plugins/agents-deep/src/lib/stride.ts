// STRIDE, applied per element the way the Microsoft SDL does it: data flows are exposed to tampering,
// information disclosure and denial of service; a flow that starts at a person or third party adds
// spoofing and repudiation; one that reaches our system from outside adds elevation of privilege.
// Entities (data stores) are exposed to tampering, repudiation, information disclosure and DoS.
import type { ParticipantKind } from './participants.js';
import { wordHit } from './text.js';

/** The six STRIDE categories. */
export type StrideCategory =
  | 'Spoofing'
  | 'Tampering'
  | 'Repudiation'
  | 'Information disclosure'
  | 'Denial of service'
  | 'Elevation of privilege';

/** One threat against one element, with its mitigation. */
export interface StrideThreat {
  category: StrideCategory;
  threat: string;
  mitigation: string;
}

/** Threats for a flow step `from → to: message`. */
export function flowThreats(
  from: string,
  fromKind: ParticipantKind,
  to: string,
  toKind: ParticipantKind,
  message: string,
): StrideThreat[] {
  const out: StrideThreat[] = [];
  const untrustedSender = fromKind !== 'internal';
  // A message delivered to a person (text, email, screen) leaves our control: different threats apply.
  const toPerson = toKind === 'actor';
  if (untrustedSender) {
    out.push({
      category: 'Spoofing',
      threat: toPerson
        ? `Someone sends ${to} a fake "${message}" that looks like it comes from ${from}.`
        : `Someone pretends to be ${from} when sending "${message}" to ${to}.`,
      mitigation: toPerson
        ? `Use one registered sender identity; link only to our own domain; tell ${to} what genuine messages look like.`
        : fromKind === 'external'
          ? `Verify ${from}'s signature or mutual TLS on every message; reject unsigned or stale ones.`
          : `Authenticate ${from} before accepting "${message}"; bind the session to the device and expire it.`,
    });
  }
  out.push({
    category: 'Tampering',
    threat: `"${message}" is altered between ${from} and ${to}.`,
    mitigation: toPerson
      ? 'Keep actions out of the message itself: links carry only a short-lived, signed token checked on our side.'
      : 'TLS 1.2+ on the link; validate every field against its contract on receipt.',
  });
  if (untrustedSender) {
    out.push({
      category: 'Repudiation',
      threat: `${from} denies having sent "${message}".`,
      mitigation: `Record an append-only audit event with who, what and when for "${message}".`,
    });
  }
  out.push({
    category: 'Information disclosure',
    threat: toPerson
      ? `"${message}" is read by someone other than ${to} (shared device, lock screen, forwarded message).`
      : `"${message}" exposes more data than ${to} needs, or leaks in logs.`,
    mitigation: toPerson
      ? 'Put no personal or sensitive data in the message body; show details only after the token is checked.'
      : `Send only the fields ${to} needs; redact personal data in logs and traces.`,
  });
  out.push({
    category: 'Denial of service',
    threat: toPerson
      ? `${to} is flooded with "${message}" (a retry loop or abuse), or never receives it.`
      : toKind === 'external'
        ? `${to} throttles or is down, so "${message}" is lost.`
        : `A flood of "${message}" exhausts ${to}.`,
    mitigation: toPerson
      ? `Cap and deduplicate "${message}" per recipient; track delivery and show failures to staff.`
      : toKind === 'external'
        ? `Queue calls to ${to} with retries, backoff and a dead-letter list staff can see.`
        : `Rate-limit "${message}" per caller; set timeouts and size limits.`,
  });
  if (untrustedSender && toKind === 'internal') {
    out.push({
      category: 'Elevation of privilege',
      threat: `${from} uses "${message}" to act beyond their role in ${to}.`,
      mitigation: `Check authorization on the server for every "${message}", by role and by record ownership.`,
    });
  }
  return out;
}

/** Threats for an entity stored by the product; `pii` lists its personal-data fields. */
export function entityThreats(entity: string, pii: readonly string[]): StrideThreat[] {
  const disclosure =
    pii.length > 0
      ? `Encrypt at rest; restrict reads of ${pii.join(', ')} to the roles that need them; mask them in exports and logs; delete them on schedule.`
      : 'Encrypt at rest; grant read access per role; keep it out of logs beyond its id.';
  return [
    {
      category: 'Tampering',
      threat: `A ${entity} record is changed by someone not entitled to change it.`,
      mitigation:
        'Write only through the service layer with authorization checks; validate against the contract.',
    },
    {
      category: 'Repudiation',
      threat: `No one can tell who changed a ${entity} record, or when.`,
      mitigation: 'Keep an append-only change history with actor, time and before/after values.',
    },
    {
      category: 'Information disclosure',
      threat: `${entity} data${pii.length > 0 ? ` (including ${pii.join(', ')})` : ''} is read by someone who should not see it.`,
      mitigation: disclosure,
    },
    {
      category: 'Denial of service',
      threat: `Bulk or expensive queries on ${entity} starve other requests.`,
      mitigation: 'Paginate, index the queried fields, and set per-caller quotas and query timeouts.',
    },
  ];
}

// In-scope threats: word prefixes (regex fragments matched at a word start) → STRIDE categories and
// mitigations, checked in order; a threat may match several rows and gets all their mitigations.
const PLAYBOOK: { words: string[]; category: StrideCategory; mitigations: string[] }[] = [
  {
    words: ['spoof', 'phish', 'forged', 'forge', 'fake', 'impersonat', 'fraudulent link'],
    category: 'Spoofing',
    mitigations: [
      'Sign what others must trust (links, webhooks, messages) and verify the signature before acting.',
    ],
  },
  {
    words: ['link', 'url', 'qr'],
    category: 'Spoofing',
    mitigations: ['Use short-lived, single-use tokens in links; never put guessable ids in them.'],
  },
  {
    words: ['tamper', 'manipulat', 'modif', 'alter'],
    category: 'Tampering',
    mitigations: [
      'Authorize every write on the server by role and record ownership; never trust client-side state.',
      'Keep an append-only audit trail of changes so tampering is detectable and reversible.',
    ],
  },
  {
    words: ['leak', 'disclos', 'expos', 'phone', 'email', 'personal', 'pii', 'privacy', 'scrap', 'enumerat'],
    category: 'Information disclosure',
    mitigations: [
      'Collect the minimum; encrypt personal data at rest; mask it on screens and in exports.',
      'Redact personal data from logs, traces and error reports; delete it on the retention schedule.',
    ],
  },
  {
    words: ['takeover', 'account', 'credential', 'password', 'session', 'brute', 'stuffing', 'login'],
    category: 'Spoofing',
    mitigations: [
      'Offer multi-factor authentication and rate-limit sign-in attempts per account and per address.',
      'Rotate sessions on sign-in and privilege change; alert users to new-device sign-ins.',
    ],
  },
  {
    words: ['replay', 'duplicate', 'webhook'],
    category: 'Tampering',
    mitigations: [
      'Reject repeats: check a nonce or event id and a timestamp window, and make handlers idempotent.',
    ],
  },
  {
    words: ['denial', 'dos\\b', 'ddos', 'flood', 'spam', 'abuse', 'outage', 'exhaust'],
    category: 'Denial of service',
    mitigations: ['Rate-limit per caller and per tenant; set quotas, timeouts and circuit breakers.'],
  },
  {
    words: ['inject', 'xss', 'sql', 'script', 'csrf', '\\w*sql'],
    category: 'Tampering',
    mitigations: [
      'Parameterize queries, encode output for its context, and send CSRF tokens with state-changing requests.',
    ],
  },
  {
    words: ['privilege', 'escalat', 'admin', 'insider', 'role'],
    category: 'Elevation of privilege',
    mitigations: ['Least privilege per role; review role grants; log and alert on administrative actions.'],
  },
  {
    words: ['repudiat', 'deny\\b', 'dispute', 'chargeback'],
    category: 'Repudiation',
    mitigations: ['Keep signed, timestamped records of who did what, retained for the dispute window.'],
  },
];

/** STRIDE categories and mitigations for a threat the team put in scope. */
export function playbookFor(threat: string): {
  categories: StrideCategory[];
  mitigations: string[];
  matched: boolean;
} {
  const lower = threat.toLowerCase();
  const categories: StrideCategory[] = [];
  const mitigations: string[] = [];
  for (const row of PLAYBOOK) {
    if (!wordHit(lower, row.words)) continue;
    if (!categories.includes(row.category)) categories.push(row.category);
    for (const m of row.mitigations) if (!mitigations.includes(m)) mitigations.push(m);
  }
  if (mitigations.length > 0) return { categories, mitigations, matched: true };
  return {
    categories: [],
    mitigations: [
      'Name an owner, write the abuse case as a test that fails today, and choose controls in the next threat-model review.',
    ],
    matched: false,
  };
}
