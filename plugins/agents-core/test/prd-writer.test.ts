import { english } from './english.js';
import { describe, expect, it } from 'vitest';
import prdWriter from '../src/prd-writer.js';
import diagrammer from '../src/diagrammer.js';
import type { PrdView } from '../src/types.js';
import type { DiagramsView } from '../src/types.js';
import { clinicQueueSpec, contextFor, minimalSpec, nastySpec } from './fixtures.js';

const run = (spec = clinicQueueSpec()) => english(prdWriter.run(contextFor(spec)) as PrdView);

describe('studio:prd-writer', () => {
  it('declares the agent contract', () => {
    expect(prdWriter.id).toBe('studio:prd-writer');
    expect(prdWriter.produces).toBe('prd');
  });

  it('orders sections by the audience dial', () => {
    const balanced = run(clinicQueueSpec({ audience: 'Balanced' }));
    const exec = run(clinicQueueSpec({ audience: 'Executive' }));
    const eng = run(clinicQueueSpec({ audience: 'Engineering' }));
    // Executive: outcomes before features, and shorter.
    expect(exec.sections.indexOf('goals')).toBeLessThan(exec.sections.indexOf('features'));
    expect(exec.sections.indexOf('milestones')).toBeLessThan(exec.sections.indexOf('features'));
    expect(exec.sections.length).toBeLessThan(balanced.sections.length);
    expect(exec.feature_detail).toBe(false);
    // The executive brief is rewritten, not reordered: the ask and cost drivers replace solution and scope.
    expect(exec.brief_sections[0]).toBe('ask');
    expect(exec.brief_sections).toContain('cost');
    expect(exec.brief_sections).not.toContain('solution');
    expect(balanced.brief_sections).toContain('solution');
    expect(balanced.brief_sections).not.toContain('ask');
    // Engineering: interfaces, data and operations before the features.
    const featuresAt = eng.sections.indexOf('features');
    for (const s of ['interfaces', 'data', 'operations'] as const) {
      expect(eng.sections.indexOf(s)).toBeGreaterThan(-1);
      expect(eng.sections.indexOf(s)).toBeLessThan(featuresAt);
    }
    expect(eng.brief_sections).toContain('interfaces');
    expect(balanced.sections).not.toContain('interfaces');
    expect(new Set([balanced.sections.join(), exec.sections.join(), eng.sections.join()]).size).toBe(3);
  });

  it('drops engineering sections that would be empty but always keeps open questions', () => {
    const eng = run(minimalSpec({ audience: 'Engineering' }));
    expect(eng.sections).not.toContain('interfaces');
    expect(eng.sections).not.toContain('data');
    expect(eng.sections).toContain('open_questions');
    expect(run(clinicQueueSpec({ audience: 'Engineering' })).sections).toContain('data');
  });

  it('keeps every acceptance criterion with its id and orders features by priority', () => {
    const spec = clinicQueueSpec();
    const prd = run(spec);
    expect(prd.features.map((f) => f.id)).toEqual(['F-1', 'F-2', 'F-4', 'F-3']);
    const ids = prd.features.flatMap((f) => f.acceptance.map((a) => a.id)).sort();
    expect(ids).toEqual(spec.features.flatMap((f) => f.acceptance.map((a) => a.id)).sort());
    expect(prd.acceptance_count).toBe(6);
    expect(prd.features.find((f) => f.id === 'F-3')?.milestone).toEqual({ id: 'M-2', name: 'Notifications' });
    expect(prd.priority_counts).toEqual([
      { priority: 'must', label: 'Must', count: 3 },
      { priority: 'should', label: 'Should', count: 1 },
    ]);
  });

  it('links each feature with a flow to the sequence diagram the diagrammer draws', () => {
    const spec = nastySpec();
    const prd = run(spec);
    const diagrams = diagrammer.run(contextFor(spec)) as DiagramsView;
    const linked = prd.features.filter((f) => f.sequence_file !== null).map((f) => [f.id, f.sequence_file]);
    expect(linked.sort()).toEqual(
      diagrams.sequences.map((s) => [s.feature_id, `sequence_${s.slug}.mmd`]).sort(),
    );
    expect(
      run()
        .features.filter((f) => f.sequence_file)
        .map((f) => f.sequence_file),
    ).toEqual(['sequence_join-the-queue.mmd']);
  });

  it('scores risks likelihood × impact and lists the worst first', () => {
    const spec = clinicQueueSpec();
    spec.risks.reverse();
    const prd = run(spec);
    expect(prd.risks.map((r) => [r.id, r.score, r.severity])).toEqual([
      ['R-1', 6, 'High'],
      ['R-2', 3, 'Medium'],
    ]);
  });

  it("lays milestones end to end and names unscheduled features, never won't-haves", () => {
    const spec = clinicQueueSpec();
    spec.milestones[1]!.deliverables = ['F-2', 'F-404'];
    spec.milestones[1]!.duration_weeks = null;
    spec.features.push({ ...spec.features[2]!, id: 'F-5', priority: 'wont', acceptance: [] });
    const prd = run(spec);
    expect(prd.milestones.map((m) => [m.id, m.start_week, m.end_week, m.weeks_assumed])).toEqual([
      ['M-1', 1, 4, false],
      ['M-2', 5, 6, true],
    ]);
    expect(prd.milestones[1]!.deliverables.map((d) => [d.id, d.known])).toEqual([
      ['F-2', true],
      ['F-404', false],
    ]);
    expect(prd.unscheduled.map((f) => f.id)).toEqual(['F-3']);
  });

  it('is deterministic and never mutates the frozen spec', () => {
    const spec = nastySpec({ audience: 'Engineering' });
    const before = JSON.stringify(spec);
    const a = JSON.stringify(run(spec));
    expect(JSON.stringify(run(spec))).toBe(a);
    expect(JSON.stringify(spec)).toBe(before);
    expect(Object.isFrozen(contextFor(spec).spec.features[0]!.acceptance)).toBe(true);
  });
});
