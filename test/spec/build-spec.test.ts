import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import type { StudioError } from '../../src/errors/studio-error.js';
import { readDocument } from '../../src/inputs/read-document.js';
import { validateSchema } from '../../src/schemas/validate.js';
import {
  ENGINE_SPEC_VERSION,
  buildSpec,
  decisionsProblems,
  ideaProblems,
} from '../../src/spec/build-spec.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { MINIMAL_IDEA, clone, example } from './helpers.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { thrown } from '../errors/studio-failure.js';

const failure = (fn: () => unknown): StudioError => thrown(fn);

const rootVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('buildSpec on the bundled examples', () => {
  it('builds a schema-valid spec carrying every input field, without placeholders', async () => {
    const { idea, decisions } = await example('clinic-queue');
    const { spec, overrides } = buildSpec({ idea: idea.data, decisions: decisions.data });
    expect(validateSchema('source_spec', spec)).toEqual([]);
    expect(overrides).toEqual([]);
    expect(spec.open_questions).toEqual([]);
    expect(spec.meta).toEqual({
      spec_version: ENGINE_SPEC_VERSION,
      locale: 'en-US',
      generator: `spec-to-pack-studio ${rootVersion}`,
    });
    expect(spec.title).toBe('Clinic Queue');
    // Folded YAML ends with a newline; the spec holds trimmed text.
    expect(spec.problem.endsWith('"how long until I\'m seen?".')).toBe(true);
    expect(spec.features.map((f) => f.id)).toEqual(['F-1', 'F-2', 'F-3', 'F-4']);
    expect(spec.features[0]!.acceptance.map((a) => a.id)).toEqual(['F-1-AC-1', 'F-1-AC-2']);
    expect(spec.features[0]!.flow).toHaveLength(4);
    expect(spec.features[0]!.flow[0]).toEqual({
      from: 'Staff',
      to: 'Queue service',
      message: 'add patient',
      reply: 'position and estimate',
      on_failure: 'invalid mobile number is refused with a message to staff',
    });
    expect(spec.features[2]!.flow).toEqual([]);
    expect(spec.features[1]!.acceptance.map((a) => a.level)).toEqual([null, 'integration']);
    expect(spec.entities[0]!.fields[2]).toEqual({
      name: 'mobile',
      type: 'string',
      required: true,
      values: [],
      pii: true,
      classification: 'PII',
      pattern: '^\\+[1-9][0-9]{6,14}$',
      minimum: null,
      maximum: null,
      max_length: null,
      example: '+447700900123',
      references: null,
    });
    expect(spec.entities[1]!.fields[1]!.references).toBe('Patient');
    expect(spec.entities[0]!.transitions[0]).toEqual({
      from: '[start]',
      to: 'waiting',
      event: 'staff add the patient',
    });
    expect(spec.participants.find((p) => p.name === 'SMS gateway')).toMatchObject({
      kind: 'external',
      zone: 'SMS provider',
    });
    expect(spec.stack).toMatchObject({
      hosting_model: 'cloud',
      regions: ['eu-west-1'],
      deploy_target: 'managed containers',
    });
    expect(spec.ops.slos[0]!.measured_at).toContain('delivery receipts');
    expect(spec.ops.observability.metrics[0]).toBe('queue_length');
    expect(spec.ops.observability.instruments[0]).toEqual({
      name: 'queue_length',
      type: 'gauge',
      description: 'Patients waiting per clinic',
    });
    expect(spec.entities[0]!.fields[4]!.values).toEqual(['waiting', 'called', 'seen', 'removed']);
    expect(spec.ops.slos.map((s) => s.id)).toEqual(['SLO-1', 'SLO-2']);
    expect(spec.milestones.map((m) => [m.id, m.deliverables])).toEqual([
      ['M-1', ['F-1', 'F-4']],
      ['M-2', ['F-2', 'F-3']],
    ]);
    expect(spec.metrics[0]).toEqual({
      name: 'Median time in waiting room',
      target: '< 15 min',
      window: '30 days',
    });
    expect(spec.assumptions).toHaveLength(1);
  });

  it('reflects the sheet dials, and --dials beat the sheet', async () => {
    const { idea, decisions } = await example('ledgerly');
    expect(buildSpec({ idea: idea.data, decisions: decisions.data }).spec.dials).toEqual({
      audience: 'Engineering',
      flow: 'Scrum',
      test: 'Trophy',
    });
    const overridden = buildSpec({ idea: idea.data, decisions: decisions.data, dials: { flow: 'Kanban' } });
    expect(overridden.spec.dials).toEqual({ audience: 'Engineering', flow: 'Kanban', test: 'Trophy' });
  });

  it('is deterministic: same inputs, deep-equal spec and identical canonical JSON bytes', async () => {
    const { idea, decisions } = await example('ledgerly');
    const a = buildSpec({ idea: clone(idea.data), decisions: clone(decisions.data) });
    const b = buildSpec({ idea: clone(idea.data), decisions: clone(decisions.data) });
    expect(b).toEqual(a);
    expect(canonicalJson(b.spec)).toBe(canonicalJson(a.spec));
  });

  it('does not change its inputs', async () => {
    const { idea } = await example('clinic-queue');
    const before = clone(idea.data);
    buildSpec({ idea: idea.data });
    expect(idea.data).toEqual(before);
  });
});

describe('buildSpec defaults', () => {
  it('treats a missing Decision Sheet as all defaults', () => {
    const { spec } = buildSpec({ idea: MINIMAL_IDEA });
    expect(spec.dials).toEqual({ audience: 'Balanced', flow: 'Dual-Track', test: 'Pyramid' });
    expect(spec.meta.locale).toBe('en-US');
    expect(spec.decisions).toEqual([]);
    expect(spec.stack).toEqual({
      languages: [],
      frameworks: [],
      datastores: [],
      hosting: null,
      hosting_model: null,
      regions: [],
      deploy_target: null,
    });
    expect(spec.ops).toEqual({
      ci: null,
      environments: [],
      slos: [],
      observability: { logs: null, metrics: [], traces: false, instruments: [] },
    });
    expect(spec.participants).toEqual([]);
    expect(spec.security).toEqual({ data_classification: null, threats_in_scope: [], threats: [] });
    expect(buildSpec({ idea: MINIMAL_IDEA, decisions: {} }).spec).toEqual(spec);
  });

  it('takes the locale from --locale over the sheet, with canonical casing', () => {
    expect(buildSpec({ idea: MINIMAL_IDEA, decisions: { locale: 'fr-ca' } }).spec.meta.locale).toBe('fr-CA');
    expect(
      buildSpec({ idea: MINIMAL_IDEA, decisions: { locale: 'fr-CA' }, locale: 'de' }).spec.meta.locale,
    ).toBe('de');
    const error = failure(() => buildSpec({ idea: MINIMAL_IDEA, locale: 'not a locale' }));
    expect(error.code).toBe(ErrorCodes.FLAG_INVALID);
  });

  it('refuses dial values outside the allowed set (e.g. from a config file)', () => {
    const error = failure(() => buildSpec({ idea: MINIMAL_IDEA, dials: { flow: 'Waterfall' as never } }));
    expect(error.code).toBe(ErrorCodes.FLAG_INVALID);
    expect(error.message).toContain('Dual-Track, Scrum, Kanban');
  });

  it('keeps numbers written where text is expected as text', () => {
    const idea = { ...MINIMAL_IDEA, metrics: [{ name: 'Uptime', target: 99.9, window: 30 }] };
    const decisions = { ops: { slos: [{ name: 'A', sli: 'ok', objective: 99.5, window: '30d' }] } };
    const { spec } = buildSpec({ idea, decisions });
    expect(spec.metrics).toEqual([{ name: 'Uptime', target: '99.9', window: '30' }]);
    expect(spec.ops.slos[0]!.objective).toBe('99.5');
  });

  it('keeps enum values only on enum fields', () => {
    const decisions = {
      entities: [
        {
          name: 'E',
          fields: [
            { name: 'a', type: 'string', values: ['x'] },
            { name: 'b', type: 'enum', values: ['y'] },
          ],
        },
      ],
    };
    const fields = buildSpec({ idea: MINIMAL_IDEA, decisions }).spec.entities[0]!.fields;
    expect(fields.map((f) => f.values)).toEqual([[], ['y']]);
    expect(fields.map((f) => [f.required, f.pii])).toEqual([
      [false, false],
      [false, false],
    ]);
  });
});

describe('buildSpec ids', () => {
  it('assigns feature ids in order, skipping ids the author used', () => {
    const idea = {
      ...MINIMAL_IDEA,
      features: [
        { name: 'a', priority: 'must' },
        { id: 'F-1', name: 'b', priority: 'must' },
        { name: 'c', priority: 'must' },
        { id: 'F-3', name: 'd', priority: 'must' },
        { name: 'e', priority: 'must' },
      ],
    };
    expect(buildSpec({ idea }).spec.features.map((f) => f.id)).toEqual(['F-2', 'F-1', 'F-4', 'F-3', 'F-5']);
  });

  it('numbers acceptance criteria by position, keeping author ids and skipping taken ones', () => {
    const idea = {
      ...MINIMAL_IDEA,
      features: [
        {
          id: 'LOGIN',
          name: 'a',
          priority: 'must',
          acceptance: ['one', { id: 'LOGIN-AC-3', text: 'x' }, { text: 'three' }],
        },
        { name: 'b', priority: 'must', acceptance: [{ text: 'only' }] },
      ],
    };
    const features = buildSpec({ idea }).spec.features;
    expect(features[0]!.acceptance).toEqual([
      { id: 'LOGIN-AC-1', text: 'one', level: null },
      { id: 'LOGIN-AC-3', text: 'x', level: null },
      { id: 'LOGIN-AC-4', text: 'three', level: null },
    ]);
    expect(features[1]!.acceptance).toEqual([{ id: 'F-1-AC-1', text: 'only', level: null }]);
  });

  it('assigns R-n, ADR-000n, SLO-n and M-n the same way', () => {
    const idea = {
      ...MINIMAL_IDEA,
      risks: [
        { description: 'x', likelihood: 'low', impact: 'low', mitigation: 'm' },
        { id: 'R-1', description: 'y', likelihood: 'low', impact: 'low', mitigation: 'm' },
      ],
    };
    const decision = { title: 't', status: 'proposed', context: 'c', choice: 'c' };
    const decisions = {
      decisions: [decision, { ...decision, id: 'ADR-0001' }],
      ops: { slos: [{ name: 'a', sli: 'b', objective: '99%', window: '7d' }] },
      milestones: [
        { name: 'a', goal: 'b' },
        { id: 'M-1', name: 'c', goal: 'd' },
      ],
    };
    const { spec } = buildSpec({ idea, decisions });
    expect(spec.risks.map((r) => r.id)).toEqual(['R-2', 'R-1']);
    expect(spec.decisions.map((d) => d.id)).toEqual(['ADR-0002', 'ADR-0001']);
    expect(spec.ops.slos.map((s) => s.id)).toEqual(['SLO-1']);
    expect(spec.milestones.map((m) => m.id)).toEqual(['M-2', 'M-1']);
  });
});

describe('buildSpec errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-build-'));

  it('lists every schema error of both files with pointer, file, line, column, message and hint', async () => {
    writeFileSync(
      join(dir, 'idea.yaml'),
      [
        'title: T',
        'one_liner: x',
        'problem: x',
        'audience: []',
        'goals: []',
        'features:',
        '  - name: A',
        '    priorty: must',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'decisions.yaml'), 'dials:\n  flow: scrum\nlocale: 12\n');
    const idea = await readDocument(join(dir, 'idea.yaml'));
    const decisions = await readDocument(join(dir, 'decisions.yaml'));
    const error = failure(() =>
      buildSpec({
        idea: idea.data,
        decisions: decisions.data,
        ideaFile: 'in/idea.yaml',
        decisionsFile: 'in/decisions.yaml',
        locateIdea: idea.locate,
        locateDecisions: decisions.locate,
      }),
    );
    expect(error.code).toBe(ErrorCodes.SPEC_INVALID);
    expect(error.exitCode).toBe(2);
    expect(error.details).toEqual([
      {
        file: 'in/idea.yaml',
        line: 7,
        column: 5,
        pointer: '/features/0',
        message: 'missing required key "priority"',
        hint: 'Add "priority" here.',
      },
      {
        file: 'in/idea.yaml',
        line: 8,
        column: 5,
        pointer: '/features/0/priorty',
        message: 'unknown key "priorty" — did you mean "priority"?',
        hint: 'Rename "priorty" to "priority".',
      },
      {
        file: 'in/decisions.yaml',
        line: 2,
        column: 3,
        pointer: '/dials/flow',
        message: 'must be one of: Dual-Track, Scrum, Kanban',
        hint: 'Did you mean "Scrum"? Values are case-sensitive.',
      },
      expect.objectContaining({
        file: 'in/decisions.yaml',
        line: 3,
        column: 1,
        pointer: '/locale',
        message: 'must be a string',
      }),
    ]);
    expect(error.message).toBe('in/idea.yaml and in/decisions.yaml: 4 problems');
  });

  it('refuses a milestone deliverable naming no feature, pointing into the Decision Sheet', async () => {
    const { idea } = await example('clinic-queue');
    writeFileSync(
      join(dir, 'd.yaml'),
      'milestones:\n  - name: One\n    goal: Ship\n    deliverables: [F-1, F-9]\n',
    );
    const decisions = await readDocument(join(dir, 'd.yaml'));
    const error = failure(() =>
      buildSpec({
        idea: idea.data,
        decisions: decisions.data,
        decisionsFile: 'd.yaml',
        locateDecisions: decisions.locate,
      }),
    );
    expect(error.code).toBe(ErrorCodes.SPEC_INVALID);
    expect(error.details).toEqual([
      {
        file: 'd.yaml',
        line: 4,
        column: 25,
        pointer: '/milestones/0/deliverables/1',
        message: 'deliverable "F-9" is not the id of a feature',
        hint: 'Deliverables name feature ids from the Idea Card: F-1, F-2, F-3, F-4.',
      },
    ]);
  });

  it('suggests the id when only the case differs', async () => {
    const { idea } = await example('clinic-queue');
    const error = failure(() =>
      buildSpec({
        idea: idea.data,
        decisions: { milestones: [{ name: 'a', goal: 'b', deliverables: ['f-2'] }] },
      }),
    );
    expect(error.details[0]!.message).toBe(
      'deliverable "f-2" is not the id of a feature — did you mean "F-2"?',
    );
  });

  it('refuses duplicate ids of every kind, pointing at the second one', async () => {
    const { idea } = await example('clinic-queue');
    const data = clone(idea.data) as {
      features: { id: string; acceptance: unknown[] }[];
      risks: { id: string }[];
    };
    data.features[1]!.id = 'F-1';
    data.features[2]!.acceptance = [
      { id: 'X', text: 'a' },
      { id: 'X', text: 'b' },
    ];
    data.risks[1]!.id = 'R-1';
    const decision = { id: 'D', title: 't', status: 'accepted', context: 'c', choice: 'c' };
    const field = { name: 'a', type: 'string' };
    const decisions = {
      decisions: [decision, decision],
      entities: [
        { name: 'E', fields: [field, field] },
        { name: 'E', fields: [field] },
      ],
      ops: { slos: [1, 2].map(() => ({ id: 'S', name: 'n', sli: 's', objective: '9', window: 'w' })) },
      milestones: [
        { id: 'M', name: 'a', goal: 'b' },
        { id: 'M', name: 'c', goal: 'd' },
      ],
    };
    const error = failure(() =>
      buildSpec({ idea: data, decisions, ideaFile: 'idea.yaml', decisionsFile: 'decisions.yaml' }),
    );
    expect(error.details.map((d) => `${d.file} ${d.pointer}`)).toEqual([
      'idea.yaml /features/1/id',
      'idea.yaml /features/2/acceptance/1/id',
      'idea.yaml /risks/1/id',
      'decisions.yaml /decisions/1/id',
      'decisions.yaml /entities/1/name',
      'decisions.yaml /entities/0/fields/1/name',
      'decisions.yaml /ops/slos/1/id',
      'decisions.yaml /milestones/1/id',
    ]);
    expect(error.details[0]!.message).toBe('feature id "F-1" is used twice (first at /features/0/id)');
  });

  it('refuses inputs that are not mappings', () => {
    for (const idea of [null, 'text', [1, 2], 42]) {
      const error = failure(() => buildSpec({ idea }));
      expect(error.code).toBe(ErrorCodes.SPEC_INVALID);
      expect(error.details[0]).toMatchObject({ pointer: '', message: 'must be a mapping of keys to values' });
    }
    expect(failure(() => buildSpec({ idea: MINIMAL_IDEA, decisions: null })).details[0]!.pointer).toBe('');
  });
});

describe('ideaProblems / decisionsProblems', () => {
  it('check one file on its own', () => {
    expect(ideaProblems(MINIMAL_IDEA)).toEqual([]);
    expect(ideaProblems({ ...MINIMAL_IDEA, title: '' }, { file: 'i.yaml' })[0]).toMatchObject({
      file: 'i.yaml',
      pointer: '/title',
    });
    expect(decisionsProblems({ milestones: [{ name: 'a', goal: 'b', deliverables: ['F-404'] }] })).toEqual(
      [],
    );
    const duplicate = { id: 'D', title: 't', status: 'accepted', context: 'c', choice: 'c' };
    expect(decisionsProblems({ decisions: [duplicate, duplicate] })).toEqual([
      expect.objectContaining({ pointer: '/decisions/1/id' }),
    ]);
    expect(decisionsProblems({ dials: { flow: 'x' } })).toEqual([
      expect.objectContaining({ pointer: '/dials/flow' }),
    ]);
  });
});
