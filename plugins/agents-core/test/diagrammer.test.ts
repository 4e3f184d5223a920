import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import diagrammer from '../src/diagrammer.js';
import type { DiagramsView } from '../src/types.js';
import { slugify, uniqueSlugs } from '../src/util/slug.js';
import { clinicQueueSpec, contextFor, minimalSpec, nastySpec } from './fixtures.js';

const run = (spec = clinicQueueSpec()) => diagrammer.run(contextFor(spec)) as DiagramsView;
const SAFE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

describe('studio:diagrammer', () => {
  it('declares the agent contract', () => {
    expect(diagrammer.id).toBe('studio:diagrammer');
    expect(diagrammer.produces).toBe('diagrams');
  });

  it("draws the main entity's status values, with exit states branching off the main path", () => {
    const { lifecycle } = run();
    expect(lifecycle.kind).toBe('entity');
    expect(lifecycle.entity).toBe('Patient');
    const label = new Map(lifecycle.states.map((s) => [s.id, s.label]));
    label.set('[*]', '[*]');
    const edges = lifecycle.transitions.map((t) => `${label.get(t.from)}>${label.get(t.to)}`);
    expect(lifecycle.states.map((s) => s.label)).toEqual(['waiting', 'called', 'seen', 'removed']);
    expect(edges.sort()).toEqual(
      [
        '[*]>waiting',
        'waiting>called',
        'called>seen',
        'seen>[*]',
        'waiting>removed',
        'called>removed',
        'removed>[*]',
      ].sort(),
    );
  });

  it('falls back to the feature lifecycle when no entity has an enum status', () => {
    const spec = clinicQueueSpec();
    spec.entities[0]!.fields[4]!.type = 'string';
    const { lifecycle } = run(spec);
    expect(lifecycle.kind).toBe('feature');
    expect(lifecycle.entity).toBeNull();
    const labels = lifecycle.states.map((s) => s.label);
    expect(labels[0]).toBe('Proposed');
    expect(labels).toContain('Shipped');
    expect(run(minimalSpec()).lifecycle).toEqual(lifecycle);
  });

  it('draws one sequence per feature with a flow, participants aliased in order of appearance', () => {
    const { sequences } = run();
    expect(sequences).toHaveLength(1);
    const [seq] = sequences;
    expect(seq!.slug).toBe('join-the-queue');
    expect(seq!.feature_id).toBe('F-1');
    expect(seq!.participants).toEqual([
      { alias: 'P1', label: 'Staff' },
      { alias: 'P2', label: 'Queue service' },
      { alias: 'P3', label: 'SMS gateway' },
      { alias: 'P4', label: 'Patient' },
    ]);
    expect(seq!.messages).toEqual([
      { from: 'P1', to: 'P2', text: 'add patient' },
      { from: 'P2', to: 'P3', text: 'send confirmation' },
      { from: 'P3', to: 'P4', text: 'confirmation text with status link' },
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

  it('keeps slugs unique and safe for any names (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 12 }), (pairs) => {
        const entries = pairs.map(([id, name], i) => ({ id: id || `F-${i}`, name }));
        const slugs = uniqueSlugs(entries);
        expect(new Set(slugs).size).toBe(slugs.length);
        for (const s of slugs) {
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
