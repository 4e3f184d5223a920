import { type English, english } from './english.js';
import { describe, expect, it } from 'vitest';
import type { SourceSpec, TestDial } from '@studio/sdk';
import qaArchitect from '../src/qa-architect.js';
import type { QaView } from '../src/types.js';
import { clinicQueueSpec, contextFor, current, minimalSpec, nastySpec } from './fixtures.js';
import { clinicParticipants } from './fixtures.js';

const run = (spec: SourceSpec = clinicQueueSpec()) => english(qaArchitect.run(contextFor(spec)) as QaView);

/** Clinic queue plus enough neutral criteria for the mix to show, with a few clear signals. */
function largeSpec(test: TestDial): SourceSpec {
  const spec = clinicQueueSpec({ test });
  spec.features.push({
    id: 'F-9',
    name: 'Reports',
    description: 'Monthly reports.',
    priority: 'could',
    acceptance: Array.from({ length: 24 }, (_, i) => ({
      id: `F-9-AC-${i + 1}`,
      text: `Report ${i + 1} is correct`,
      level: null,
    })),
    flow: [],
  });
  return spec;
}

describe('studio:qa-architect', () => {
  it('declares the agent contract', () => {
    expect(qaArchitect.id).toBe('studio:qa-architect');
    expect(qaArchitect.produces).toBe('qa');
  });

  it('turns every acceptance criterion into exactly one test case with an id derived from it', () => {
    const spec = clinicQueueSpec();
    const qa = run(spec);
    const acs = spec.features.flatMap((f) => f.acceptance.map((a) => ({ f: f.id, a })));
    expect(qa.cases).toHaveLength(acs.length);
    expect(qa.cases.map((c) => c.ac_id)).toEqual(acs.map(({ a }) => a.id));
    expect(qa.cases.map((c) => c.feature_id)).toEqual(acs.map(({ f }) => f));
    expect(qa.cases.map((c) => c.criterion)).toEqual(acs.map(({ a }) => a.text));
    expect(qa.cases[0]!.id).toBe('TC-F-1-AC-1');
    for (const c of qa.cases) expect(c.id).toBe(`TC-${c.ac_id}`);
  });

  it('never gives two cases one id, even when the author reused a criterion id', () => {
    const spec = clinicQueueSpec();
    spec.features[1]!.acceptance[0]!.id = 'F-1-AC-1';
    const ids = run(spec).cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps ids stable across runs, dials and feature order', () => {
    const ids = (spec: SourceSpec) =>
      run(spec)
        .cases.map((c) => `${c.ac_id}=${c.id}`)
        .sort();
    const reference = ids(clinicQueueSpec());
    expect(ids(clinicQueueSpec())).toEqual(reference);
    expect(ids(clinicQueueSpec({ test: 'Diamond' }))).toEqual(reference);
    const reordered = clinicQueueSpec();
    reordered.features.reverse();
    expect(ids(reordered)).toEqual(reference);
  });

  it('chooses each level from what the criterion needs, and reports the mix as a result', () => {
    // F-9 has no flow: the dial's widest layer is the stated default (unit for Pyramid, integration
    // for Trophy and Diamond); F-1's flow reaches an undeclared gateway, never guessed from its name.
    const pyramid = run(largeSpec('Pyramid'));
    const diamond = run(largeSpec('Diamond'));
    const f9 = (qa: English<QaView>) => qa.cases.filter((c) => c.feature_id === 'F-9');
    expect(f9(pyramid).every((c) => c.level === 'unit' && c.reason.includes('Pyramid default'))).toBe(true);
    expect(f9(diamond).every((c) => c.level === 'integration')).toBe(true);
    // The same criterion text gets the same level whatever its words: no keyword reading.
    const spec = current(clinicQueueSpec());
    spec.features[0]!.acceptance[0] = { ...spec.features[0]!.acceptance[0]!, level: 'e2e' };
    const declared = run(spec).cases.find((c) => c.ac_id === spec.features[0]!.acceptance[0]!.id)!;
    expect(declared.level).toBe('e2e');
    expect(declared.reason).toBe('Level declared in the Idea Card.');
    for (const qa of [pyramid, diamond]) {
      expect(qa.levels.map((l) => l.target_pct).reduce((a, b) => a + b)).toBe(100);
      expect(qa.levels.map((l) => l.actual_count)).toEqual(qa.matrix.totals);
      expect(qa.matrix.total).toBe(qa.cases.length);
      for (const l of qa.levels) expect(l.gap).toBe(l.actual_pct - l.target_pct);
    }
    expect(pyramid.mix_note).toMatch(/Pyramid/);
    expect(new Set([pyramid.strategy, run(largeSpec('Trophy')).strategy, diamond.strategy]).size).toBe(3);
  });

  it('reads the flow by declared kind: a step into an external system or data store is integration', () => {
    const spec = current(clinicQueueSpec());
    spec.participants = clinicParticipants();
    const cases = run(spec).cases.filter((c) => c.feature_id === 'F-1');
    expect(cases.every((c) => c.level === 'integration')).toBe(true);
    expect(cases[0]!.reason).toContain('SMS gateway');
    expect(cases[0]!.steps).toHaveLength(3);
    expect(cases[0]!.preconditions.some((p) => p.includes('contract stub'))).toBe(true);
    // Without on_failure on any step the missing negative path is said, not invented.
    expect(cases[0]!.negative[0]).toContain('No failure is declared');
    // A person driving one service only is proved end to end.
    spec.participants[2] = { ...spec.participants[2]!, kind: 'internal' };
    spec.features[0]!.flow = spec.features[0]!.flow.slice(0, 1);
    expect(run(spec).cases.find((c) => c.feature_id === 'F-1')!.level).toBe('e2e');
  });

  it('orders sections by the audience dial and lists entry and exit criteria from the spec', () => {
    const exec = run(clinicQueueSpec({ audience: 'Executive' }));
    expect(exec.sections.indexOf('mix')).toBeLessThan(exec.sections.indexOf('cases'));
    expect(exec.case_detail).toBe(false);
    const eng = run(clinicQueueSpec({ audience: 'Engineering' }));
    expect(eng.sections.indexOf('criteria')).toBeLessThan(eng.sections.indexOf('cases'));
    expect(eng.case_detail).toBe(true);
    expect(exec.exit_criteria.some((c) => c.includes('99.5%'))).toBe(true);
    expect(exec.exit_criteria.some((c) => c.includes('R-1'))).toBe(true);
    expect(exec.exit_criteria.some((c) => c.includes('R-2'))).toBe(false);
    expect(run(minimalSpec()).entry_criteria.some((c) => /\d+ open: Q-1/.test(c))).toBe(true);
  });

  it("cites the shared model's security cases in the catalog's words", () => {
    const spec = current(clinicQueueSpec());
    spec.participants = clinicParticipants();
    const cases = run(spec).other_cases;
    const staff = cases.find((c) => c.id === 'TC-SEC-P-1')!;
    expect(staff.title).toBe('Security controls of Staff (person)');
    expect(staff.steps[0]).toMatch(
      /^TH-\d+: Attempt: Someone acts as Staff towards .+\. Expect the control to hold: .+ authenticate Staff before acting on a request; sessions are bound to the device and expire\.$/,
    );
    const decision = cases.find((c) => c.kind === 'decision')!;
    expect(decision.title).toMatch(/^Consequences of ADR-\d+ are handled: .+$/);
    // The step names the consequence itself, not the whole obligation sentence.
    expect(decision.steps[0]).not.toContain('is in force but');
  });

  it('is deterministic and never mutates the frozen spec', () => {
    for (const test of ['Pyramid', 'Trophy', 'Diamond'] as const) {
      const spec = nastySpec({ test });
      const before = JSON.stringify(spec);
      const a = JSON.stringify(run(spec));
      expect(JSON.stringify(run(spec))).toBe(a);
      expect(JSON.stringify(spec)).toBe(before);
    }
  });

  it('prints a long classified-field list once, so the view-model grows with cases + fields, not their product', () => {
    const withEntities = (features: number, entities: number): SourceSpec => {
      const spec = largeSpec('Trophy');
      const template = spec.features[0]!;
      spec.features = Array.from({ length: features }, (_, i) => ({
        ...template,
        id: `F-${i + 1}`,
        acceptance: template.acceptance.map((a, j) => ({ ...a, id: `F-${i + 1}-AC-${j + 1}` })),
      }));
      const patient = spec.entities[0]!;
      spec.entities = Array.from({ length: entities }, (_, i) => ({ ...patient, name: `Entity${i + 1}` }));
      return spec;
    };
    const small = run(clinicQueueSpec());
    expect(small.data_note).toBeNull();
    expect(small.cases[0]!.data[0]).toMatch(/^Synthetic values only for Patient\.mobile/);

    const qa = run(withEntities(40, 40));
    expect(qa.data_note).toContain('Entity40.mobile');
    expect(qa.cases.every((c) => c.data[0] === qa.cases[0]!.data[0])).toBe(true);
    expect(qa.cases[0]!.data[0]).toMatch(
      /^Synthetic values only for the \d+ classified fields listed under Test data/,
    );
    const size = (f: number, e: number) => JSON.stringify(run(withEntities(f, e))).length;
    // Doubling the entities adds only their names; doubling features doubles at most.
    expect(size(40, 80) - size(40, 40)).toBeLessThan(size(40, 40) / 5);
    expect(size(80, 80)).toBeLessThan(2.1 * size(40, 80));
  });

  it('prints a long flow in the first case of its feature and level, and has the others cite it', () => {
    const spec = largeSpec('Trophy');
    expect(run(spec).cases.every((c) => c.same_as === null)).toBe(true);
    const f = spec.features.find((x) => x.acceptance.length > 1 && x.flow.length > 0)!;
    const step = f.flow[0]!;
    f.flow = Array.from({ length: 20 }, (_, i) => ({ ...step, message: `${'m'.repeat(100)} ${i}` }));
    const cases = run(spec).cases.filter((c) => c.feature_id === f.id);
    const [first, ...rest] = cases;
    expect(first!.same_as).toBeNull();
    expect(first!.steps).toHaveLength(20);
    expect(rest.some((c) => c.same_as === first!.id)).toBe(true);
    for (const c of rest) {
      expect(c.level === first!.level ? c.same_as : first!.id).toBe(first!.id);
      if (c.same_as !== null)
        expect([c.steps, c.preconditions, c.negative, c.reason]).toEqual([
          [],
          [],
          [],
          `Chosen as for ${first!.id}.`,
        ]);
    }
  });
});
