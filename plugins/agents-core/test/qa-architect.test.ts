import { describe, expect, it } from 'vitest';
import type { SourceSpec, TestDial } from '@studio/sdk';
import qaArchitect from '../src/qa-architect.js';
import { assignLevels, keywordHits, quotas } from '../src/qa-levels.js';
import type { QaView, TestLevel } from '../src/types.js';
import { clinicQueueSpec, contextFor, minimalSpec, nastySpec } from './fixtures.js';

const run = (spec: SourceSpec = clinicQueueSpec()) => qaArchitect.run(contextFor(spec)) as QaView;

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
    })),
    flow: [],
  });
  return spec;
}

const share = (qa: QaView, level: TestLevel) =>
  qa.levels.find((l) => l.id === level)!.actual_count / qa.cases.length;

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

  it('shifts the mix in the direction of the test dial', () => {
    const pyramid = run(largeSpec('Pyramid'));
    const trophy = run(largeSpec('Trophy'));
    const diamond = run(largeSpec('Diamond'));
    // Pyramid: unit-heavy.
    expect(share(pyramid, 'unit')).toBeGreaterThan(share(pyramid, 'integration'));
    expect(share(pyramid, 'integration')).toBeGreaterThan(share(pyramid, 'e2e'));
    // Trophy: integration dominant, static checks as a layer of their own.
    expect(share(trophy, 'integration')).toBeGreaterThan(share(trophy, 'unit'));
    expect(share(trophy, 'integration')).toBeGreaterThan(share(trophy, 'e2e'));
    expect(trophy.static_checks.length).toBeGreaterThan(pyramid.static_checks.length);
    // Diamond: even more integration, fewer unit and e2e than the others.
    expect(share(diamond, 'integration')).toBeGreaterThan(share(trophy, 'integration'));
    expect(share(diamond, 'unit')).toBeLessThan(share(trophy, 'unit'));
    expect(share(diamond, 'e2e')).toBeLessThan(share(trophy, 'e2e'));
    expect(share(pyramid, 'unit')).toBeGreaterThan(share(trophy, 'unit'));
    expect(new Set([pyramid.strategy, trophy.strategy, diamond.strategy]).size).toBe(3);
  });

  it('reports target and actual mix that agree with the cases and the matrix', () => {
    for (const dial of ['Pyramid', 'Trophy', 'Diamond'] as const) {
      const qa = run(largeSpec(dial));
      expect(qa.levels.map((l) => l.target_pct).reduce((a, b) => a + b)).toBe(100);
      expect(qa.levels.map((l) => l.actual_count)).toEqual(qa.matrix.totals);
      expect(qa.matrix.total).toBe(qa.cases.length);
      for (const row of qa.matrix.rows) {
        expect(row.counts.reduce((a, b) => a + b)).toBe(row.total);
        expect(row.total).toBe(qa.cases.filter((c) => c.feature_id === row.feature_id).length);
      }
      for (const l of qa.levels) {
        expect(l.actual_count).toBe(qa.cases.filter((c) => c.level === l.id).length);
        // The quotas follow the target to within one case.
        expect(Math.abs(l.actual_count - (l.target_pct * qa.cases.length) / 100)).toBeLessThan(1);
      }
    }
  });

  it('sends a criterion to the level its words point to when the mix has room', () => {
    // Ten criteria under Pyramid leave room for exactly one end-to-end and two integration cases.
    const neutral = Array.from({ length: 9 }, (_, i) => `Report ${i} is correct`);
    const pyramid = assignLevels('Pyramid', ['The dashboard page shows the queue', ...neutral]);
    expect(pyramid[0]!.level).toBe('e2e');
    expect(pyramid[0]!.keywords).toEqual(expect.arrayContaining(['dashboard', 'page', 'shows']));
    expect(pyramid.slice(1).map((c) => c.level)).not.toContain('e2e');
    const sms = assignLevels('Pyramid', [
      ...neutral.slice(0, 2),
      'The SMS is sent to the gateway',
      ...neutral.slice(2),
    ]);
    expect(sms[2]!.level).toBe('integration');
    // Without any signal the dial alone decides: Diamond puts the same neutral criteria in integration.
    expect(assignLevels('Diamond', neutral).filter((c) => c.level === 'integration').length).toBeGreaterThan(
      6,
    );
    expect(keywordHits('Reminders stop within one minute of payment').integration).toEqual([
      'reminders',
      'payment',
    ]);
    expect(keywordHits('Totals match to the cent').unit).toEqual(['totals']);
    expect(quotas('Pyramid', 10)).toEqual({ unit: 7, integration: 2, e2e: 1 });
    expect(quotas('Diamond', 1)).toEqual({ unit: 0, integration: 1, e2e: 0 });
  });

  it('orders sections by the audience dial and lists entry and exit criteria from the spec', () => {
    const exec = run(clinicQueueSpec({ audience: 'Executive' }));
    expect(exec.sections.indexOf('mix')).toBeLessThan(exec.sections.indexOf('cases'));
    const eng = run(clinicQueueSpec({ audience: 'Engineering' }));
    expect(eng.sections.indexOf('criteria')).toBeLessThan(eng.sections.indexOf('cases'));
    expect(exec.exit_criteria.some((c) => c.includes('99.5%'))).toBe(true);
    expect(exec.exit_criteria.some((c) => c.includes('R-1'))).toBe(true);
    expect(exec.exit_criteria.some((c) => c.includes('R-2'))).toBe(false);
    expect(run(minimalSpec()).entry_criteria.some((c) => c.includes('1 open'))).toBe(true);
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
});
