import fc from 'fast-check';
import { english } from './english.js';
import { describe, expect, it } from 'vitest';
import diagrammer from '../src/diagrammer.js';
import type { DiagramsView } from '../src/types.js';
import { slugify, uniqueSlugs } from '../src/util/slug.js';
import {
  clinicParticipants,
  clinicQueueSpec,
  contextFor,
  current,
  minimalSpec,
  nastySpec,
} from './fixtures.js';

const run = (spec = clinicQueueSpec()) => english(diagrammer.run(contextFor(spec)) as DiagramsView);
const SAFE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

describe('studio:diagrammer', () => {
  it('declares the agent contract', () => {
    expect(diagrammer.id).toBe('studio:diagrammer');
    expect(diagrammer.produces).toBe('diagrams');
  });

  it('draws the declared transitions with their events, loops and cycles, in order of appearance', () => {
    const spec = current(clinicQueueSpec());
    spec.entities[0]!.transitions = [
      { from: '[start]', to: 'waiting', event: 'staff add the patient' },
      { from: 'waiting', to: 'waiting', event: 'staff reorder the queue' },
      { from: 'waiting', to: 'called', event: 'patient reaches the front' },
      { from: 'called', to: 'waiting', event: 'patient asks for more time' },
      { from: 'called', to: '[end]', event: 'seen' },
    ];
    const { lifecycle } = run(spec);
    expect(lifecycle.kind).toBe('entity');
    expect(lifecycle.entity).toBe('Patient');
    expect(lifecycle.has_cycle).toBe(true);
    expect(lifecycle.states.map((s) => s.label)).toEqual(['waiting', 'called']);
    expect(lifecycle.transitions).toEqual([
      { from: '[*]', to: 'S1', label: 'staff add the patient' },
      { from: 'S1', to: 'S1', label: 'staff reorder the queue' },
      { from: 'S1', to: 'S2', label: 'patient reaches the front' },
      { from: 'S2', to: 'S1', label: 'patient asks for more time' },
      { from: 'S2', to: '[*]', label: 'seen' },
    ]);
  });

  it('never reads a lifecycle from enum values: without declared transitions it draws the feature lifecycle', () => {
    // The fixture has a status enum but declares no transitions.
    const { lifecycle } = run();
    expect(lifecycle.kind).toBe('feature');
    expect(lifecycle.entity).toBeNull();
    const labels = lifecycle.states.map((s) => s.label);
    expect(labels[0]).toBe('Proposed');
    expect(labels).toContain('Shipped');
    expect(lifecycle.transitions.every((t) => t.label !== '')).toBe(true);
    expect(run(minimalSpec()).lifecycle).toEqual(lifecycle);
  });

  it('draws one sequence per feature with a flow, by declared kind and zone, with replies and failures', () => {
    const undeclared = run().sequences;
    expect(undeclared).toHaveLength(1);
    // Nothing is declared: every participant is in the "Undeclared" zone and none is drawn as a person.
    expect(undeclared[0]!.boxes).toHaveLength(1);
    expect(undeclared[0]!.boxes[0]!.participants.every((p) => !p.actor)).toBe(true);
    const spec = current(clinicQueueSpec());
    spec.participants = clinicParticipants({
      Staff: 'Clinic',
      'Queue service': 'Cloud',
      Patient: 'Internet',
    });
    spec.features[0]!.flow[1] = {
      ...spec.features[0]!.flow[1]!,
      reply: 'accepted',
      on_failure: 'shown to staff',
    };
    const [seq] = run(spec).sequences;
    expect(seq!.slug).toBe('join-the-queue');
    expect(seq!.feature_id).toBe('F-1');
    expect(seq!.boxes).toEqual([
      { zone: 'Clinic', participants: [{ alias: 'P1', label: 'Staff', actor: true }] },
      { zone: 'Cloud', participants: [{ alias: 'P2', label: 'Queue service', actor: false }] },
      {
        zone: 'SMS gateway (third party)',
        participants: [{ alias: 'P3', label: 'SMS gateway', actor: false }],
      },
      { zone: 'Internet', participants: [{ alias: 'P4', label: 'Patient', actor: true }] },
    ]);
    expect(seq!.steps).toEqual([
      { from: 'P1', to: 'P2', text: 'add patient', reply: null, failure: null, flow_id: 'F-1-DF-1' },
      {
        from: 'P2',
        to: 'P3',
        text: 'send confirmation',
        reply: 'accepted',
        failure: 'shown to staff',
        flow_id: 'F-1-DF-2',
      },
      {
        from: 'P3',
        to: 'P4',
        text: 'confirmation text with status link',
        reply: null,
        failure: null,
        flow_id: 'F-1-DF-3',
      },
    ]);
    expect(run(minimalSpec()).sequences).toEqual([]);
  });

  it('gives colliding, reserved and non-Latin names unique file-safe slugs', () => {
    const slugs = run(nastySpec()).sequences.map((s) => s.slug);
    expect(slugs).toHaveLength(4);
    expect(new Set(slugs).size).toBe(4);
    for (const s of slugs) {
      expect(s).toMatch(SAFE);
      expect(s).not.toMatch(RESERVED);
    }
    // "CON" and "Con!" collide after slugging; the first keeps the plain slug.
    expect(slugs[0]).toBe('con-doc');
    expect(slugs[1]).toBe('con-doc-f-2');
    expect(slugs[2]).toBe('f-3');
  });

  it('keeps long names that share their first 60 characters apart, within the slug length', () => {
    const long = 'n'.repeat(70);
    const slugs = uniqueSlugs([
      { id: 'F-1', name: `${long}1` },
      { id: 'F-2', name: `${long}2` },
      { id: 'F-3', name: `${long}3` },
    ]);
    expect(new Set(slugs).size).toBe(3);
    for (const s of slugs) expect(slugify(s)).toBe(s);
    expect(slugs[1]).toMatch(/-f-2$/);
  });

  it('keeps slugs unique and safe for any names (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 12 }), (pairs) => {
        const entries = pairs.map(([id, name], i) => ({ id: id || `F-${i}`, name }));
        const slugs = uniqueSlugs(entries);
        expect(new Set(slugs).size).toBe(slugs.length);
        for (const s of slugs) {
          // The engine slugs a path placeholder again: a slug must come through unchanged.
          expect(slugify(s)).toBe(s);
          expect(s).toMatch(SAFE);
          expect(s).not.toMatch(RESERVED);
        }
        expect(uniqueSlugs(entries)).toEqual(slugs);
      }),
    );
    expect(slugify('Ünïcödé  Café!')).toBe('unicode-cafe');
    expect(slugify('LPT1')).toBe('lpt1-doc');
  });

  it('is deterministic and never mutates the frozen spec', () => {
    const spec = nastySpec();
    const before = JSON.stringify(spec);
    const a = JSON.stringify(run(spec));
    expect(JSON.stringify(run(spec))).toBe(a);
    expect(JSON.stringify(spec)).toBe(before);
  });
});
