// Hand-built Source Specs in the normalized shape (packages/sdk/types.d.ts), so the agents can be tested
// without the SpecBuilder: the clinic-queue example as SpecBuilder would normalize it, and the smallest
// spec an Idea Card with only required fields turns into.
import type { AgentContext, DeepReadonly, Dials, Feature, Participant, SourceSpec } from '@studio/sdk';
import { agentContext } from 'spec-to-pack-studio';
import { migrateSpec } from '../../../src/spec/migrations/index.js';
import { undeclaredSections } from '../../../test/spec/helpers.js';
import { buildModel } from '../src/model/build-model.js';

/** The spec in today's format: hand-built fixtures are written in the 1.0 shape, so they go through
 *  the same migration a stored spec would (every declared fact "not declared"). */
export function current(spec: SourceSpec): SourceSpec {
  return migrateSpec(spec).spec as SourceSpec;
}

/** clinic-queue's flow participants declared with their kinds, in the zones given (else none). */
export function clinicParticipants(zones: Record<string, string> = {}): Participant[] {
  const kinds: [string, Participant['kind']][] = [
    ['Staff', 'person'],
    ['Queue service', 'internal'],
    ['SMS gateway', 'external'],
    ['Patient', 'person'],
  ];
  return kinds.map(([name, kind]) => ({
    name,
    kind,
    zone: zones[name] ?? null,
    language: null,
    framework: null,
    description: null,
  }));
}

/** The agent context the host builds around `spec` (a frozen copy), with the shared product model the
 *  agents declare they need. */
export function contextFor(spec: SourceSpec): AgentContext {
  const s = current(spec);
  return agentContext(s, { model: buildModel(s as DeepReadonly<SourceSpec>) });
}

/** Hand-built fixtures are written in the Source Spec 1.0 shape and typed as today's spec for the tests
 *  that edit them; `current` migrates them (every 1.1 fact "not declared") before any agent sees them. */
function v10<T>(value: unknown): T {
  return value as T;
}

function feature(
  id: string,
  name: string,
  description: string,
  priority: Feature['priority'],
  acceptance: string[],
  flow: [string, string, string][] = [],
): Feature {
  return v10<Feature>({
    id,
    name,
    description,
    priority,
    acceptance: acceptance.map((text, i) => ({ id: `${id}-AC-${i + 1}`, text })),
    flow: flow.map(([from, to, message]) => ({ from, to, message })),
  });
}

/** examples/clinic-queue, normalized. `dials` overrides the Decision Sheet's dials. */
export function clinicQueueSpec(dials: Partial<Dials> = {}): SourceSpec {
  return v10<SourceSpec>({
    meta: { spec_version: '1.0.0', locale: 'en-US', generator: 'spec-to-pack-studio 0.1.0' },
    title: 'Clinic Queue',
    one_liner: 'Walk-in patients wait anywhere and get a text when it is their turn.',
    problem:
      'Walk-in clinics keep patients in crowded waiting rooms for 40 to 90 minutes. Patients cannot leave without losing their place, and front-desk staff spend much of the day answering "how long until I\'m seen?".\n',
    audience: [
      {
        name: 'Walk-in patient',
        needs: [
          'Know their place in line and the estimated wait',
          'Wait outside the clinic without losing their turn',
        ],
      },
      {
        name: 'Front-desk staff',
        needs: ['Add, reorder and remove patients quickly', 'Fewer interruptions about wait times'],
      },
    ],
    goals: [
      'Cut the time patients spend in the waiting room by half',
      'Answer wait-time questions without staff involvement',
    ],
    non_goals: ['Booking scheduled appointments', 'Storing clinical records'],
    features: [
      feature(
        'F-1',
        'Join the queue',
        'Staff add a walk-in patient by name and mobile number; the patient gets a confirmation text with a link to a live status page.',
        'must',
        [
          'Given a valid mobile number, when staff add the patient, then a confirmation text is sent within 10 seconds',
          "The status page shows the patient's position and estimated wait",
        ],
        [
          ['Staff', 'Queue service', 'add patient'],
          ['Queue service', 'SMS gateway', 'send confirmation'],
          ['SMS gateway', 'Patient', 'confirmation text with status link'],
        ],
      ),
      feature(
        'F-2',
        'Turn notification',
        'When a patient is two places from the front, they get a "come back now" text.',
        'must',
        [
          'The text is sent when the patient reaches position 2',
          'A patient who does not confirm within 10 minutes is flagged to staff',
        ],
      ),
      feature(
        'F-3',
        'Wait-time estimate',
        "Estimate each patient's wait from the last two hours of visit durations.",
        'should',
        ['The estimate is within 15 minutes of the real wait for 80% of patients'],
      ),
      feature('F-4', 'Staff dashboard', 'One screen to add, reorder, pause and remove patients.', 'must', [
        'Every queue change is visible to all staff screens within 2 seconds',
      ]),
    ],
    metrics: [
      { name: 'Median time in waiting room', target: '< 15 min', window: '30 days' },
      { name: 'Wait-time calls to front desk', target: '-60%', window: '30 days' },
    ],
    constraints: [
      'Patient phone numbers are personal data and must be deleted 24 hours after the visit',
      "Must run on the clinic's existing tablets (modern browsers only)",
    ],
    assumptions: ['Most walk-in patients carry a mobile phone that receives texts'],
    risks: [
      {
        id: 'R-1',
        description: 'Patients miss the turn text and lose their place',
        likelihood: 'medium',
        impact: 'high',
        mitigation: 'Grace period of 10 minutes and a staff flag before removal',
      },
      {
        id: 'R-2',
        description: 'SMS provider outage',
        likelihood: 'low',
        impact: 'high',
        mitigation: 'Status page keeps working; staff see undelivered texts',
      },
    ],
    dials: { audience: 'Balanced', flow: 'Dual-Track', test: 'Pyramid', ...dials },
    decisions: [
      {
        id: 'ADR-0001',
        title: 'Use a managed SMS gateway',
        status: 'accepted',
        context: 'We need reliable text delivery in two countries without running telecom infrastructure.',
        choice: 'Use a managed SMS API behind our own notification interface.',
        alternatives: ['Email only', 'Push notifications through a native app'],
        consequences: ['Per-message cost', 'Delivery receipts are available for the staff screen'],
      },
    ],
    stack: {
      languages: ['TypeScript'],
      frameworks: ['Fastify', 'React'],
      datastores: ['PostgreSQL'],
      hosting: 'Managed containers in one region',
    },
    entities: [
      {
        name: 'Patient',
        description: 'A person waiting in a queue.',
        fields: [
          { name: 'id', type: 'uuid', required: true, values: [], pii: false },
          { name: 'display_name', type: 'string', required: true, values: [], pii: false },
          { name: 'mobile', type: 'string', required: true, values: [], pii: true },
          { name: 'joined_at', type: 'date-time', required: true, values: [], pii: false },
          {
            name: 'status',
            type: 'enum',
            required: true,
            values: ['waiting', 'called', 'seen', 'removed'],
            pii: false,
          },
        ],
      },
      {
        name: 'QueueEvent',
        description: 'An append-only record of a change to a queue.',
        fields: [
          { name: 'id', type: 'uuid', required: true, values: [], pii: false },
          {
            name: 'kind',
            type: 'enum',
            required: true,
            values: ['joined', 'moved', 'called', 'removed'],
            pii: false,
          },
        ],
      },
    ],
    ops: {
      ci: { provider: 'github-actions', runtime: 'node@20', steps: ['install', 'lint', 'test', 'build'] },
      environments: ['staging', 'production'],
      slos: [
        {
          id: 'SLO-1',
          name: 'Turn text delivered',
          sli: 'texts delivered within 60 s of trigger',
          objective: '99.5%',
          window: '28d',
        },
        {
          id: 'SLO-2',
          name: 'Queue update latency',
          sli: 'queue changes visible on staff screens within 2 s',
          objective: '99%',
          window: '28d',
        },
      ],
      observability: { logs: 'structured JSON', metrics: ['queue_length', 'texts_sent'], traces: true },
    },
    security: { data_classification: 'personal', threats_in_scope: ['spoofed SMS links'] },
    milestones: [
      {
        id: 'M-1',
        name: 'Pilot',
        goal: 'One clinic runs the queue for a week',
        duration_weeks: 4,
        deliverables: ['F-1', 'F-4'],
      },
      {
        id: 'M-2',
        name: 'Notifications',
        goal: 'Turn texts and estimates live',
        duration_weeks: 3,
        deliverables: ['F-2', 'F-3'],
      },
    ],
    open_questions: [],
  });
}

/** What an Idea Card with only the required fields becomes: Framer-lite placeholders, empty optionals. */
export function minimalSpec(dials: Partial<Dials> = {}): SourceSpec {
  return v10<SourceSpec>({
    meta: { spec_version: '1.0.0', locale: 'en-US', generator: 'spec-to-pack-studio 0.1.0' },
    title: 'Tiny',
    one_liner: 'A tiny product.',
    problem: 'Something is hard.',
    audience: [{ name: 'Someone', needs: [] }],
    goals: ['Make it easy'],
    non_goals: [],
    features: [
      {
        id: 'F-1',
        name: 'The feature',
        description: 'Does the thing.',
        priority: 'must',
        acceptance: [{ id: 'F-1-AC-1', text: 'TODO: acceptance criterion for F-1' }],
        flow: [],
      },
    ],
    metrics: [],
    constraints: [],
    assumptions: [],
    risks: [],
    dials: { audience: 'Balanced', flow: 'Dual-Track', test: 'Pyramid', ...dials },
    ...undeclaredSections(),
    open_questions: [
      {
        pointer: '/features/0/acceptance/0/text',
        question: 'How will we know F-1 works?',
        placeholder: 'TODO: acceptance criterion for F-1',
      },
    ],
  });
}

/** Text a hostile or careless author could write; every template must keep it literal. */
export const NASTY =
  '{{ spec.title }} <script>alert(1)</script> | `tick` "quote" \'single\' end; graph TD --> [x] #1 *bold* ../../etc';

/** Features and text chosen to stress slugs and escaping. */
export function nastySpec(dials: Partial<Dials> = {}): SourceSpec {
  const spec = clinicQueueSpec(dials);
  const flow: [string, string, string][] = [
    [NASTY, 'end', NASTY],
    ['participant', 'B "quoted"', 'note over A: hi'],
  ];
  spec.title = NASTY;
  spec.features = [
    feature('F-1', 'CON', NASTY, 'must', [NASTY, 'second'], flow),
    feature('F-2', 'Con!', 'again', 'should', ['x'], flow),
    feature('F-3', '日本語', 'non-latin name', 'could', ['y'], flow),
    feature('F-4', NASTY, NASTY, 'wont', [NASTY], flow),
  ];
  spec.risks[0]!.description = NASTY;
  spec.goals.push(NASTY);
  spec.metrics.push({ name: NASTY, target: '| 5 |', window: null });
  spec.entities[0]!.fields[4]!.values = ['new', NASTY, 'closed', 'cancelled'];
  spec.milestones.push({ id: 'M-3', name: NASTY, goal: NASTY, duration_weeks: null, deliverables: ['F-1'] });
  spec.open_questions.push({ pointer: '/problem', question: NASTY, placeholder: NASTY });
  return spec;
}
