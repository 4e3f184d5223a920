import { describe, expect, it } from 'vitest';
import a11yReviewer from '../src/a11y-reviewer.js';
import threatModeler from '../src/threat-modeler.js';
import { playbookFor } from '../src/lib/stride.js';
import { exampleSpec, hostileSpec, minimalSpec, runAgent } from './fixtures.js';

describe('studio:threat-modeler', () => {
  it('STRIDE per data flow: one flow per feature flow step, threats by element kind', async () => {
    const vm = await runAgent(threatModeler, exampleSpec('clinic-queue'));
    expect(vm.flows.map((f) => f.id)).toEqual(['F-1-DF-1', 'F-1-DF-2', 'F-1-DF-3']);
    const categories = (i: number) => vm.flows[i]!.threats.map((t) => t.category);
    // A person calling our service: all six; our service calling a third party: T, I, D only.
    expect(categories(0)).toHaveLength(6);
    expect(categories(1)).toEqual(['Tampering', 'Information disclosure', 'Denial of service']);
    expect(vm.flows.every((f) => f.crosses_boundary)).toBe(true);
  });

  it('STRIDE per entity, with personal-data fields called out', async () => {
    const vm = await runAgent(threatModeler, exampleSpec('clinic-queue'));
    expect(vm.entities.map((e) => [e.name, e.pii_fields])).toEqual([
      ['Patient', ['mobile']],
      ['QueueEvent', []],
    ]);
    expect(
      vm.entities[0]!.threats.find((t) => t.category === 'Information disclosure')!.mitigation,
    ).toContain('mobile');
    expect(vm.pii).toEqual([{ entity: 'Patient', field: 'mobile', type: 'string', required: true }]);
  });

  it('addresses every threat in scope with mitigations and the flows or entities it concerns', async () => {
    const vm = await runAgent(threatModeler, exampleSpec('clinic-queue'));
    expect(vm.in_scope.map((t) => [t.id, t.categories])).toEqual([
      ['T-1', ['Spoofing']],
      ['T-2', ['Tampering']],
      ['T-3', ['Information disclosure']],
    ]);
    for (const t of vm.in_scope) expect(t.mitigations.length).toBeGreaterThan(0);
    expect(vm.in_scope[0]!.flows).toContain('F-1-DF-3');
    expect(vm.in_scope[2]!.entities).toEqual(['Patient']);
  });

  it('an unrecognised threat still gets a next step, and short words match whole words only', () => {
    expect(playbookFor('something unknown')).toMatchObject({ matched: false, categories: [] });
    expect(playbookFor('wrong doses given').categories).not.toContain('Denial of service');
    expect(playbookFor('DoS on the API').categories).toContain('Denial of service');
    expect(playbookFor('forged webhooks').mitigations.join(' ')).toContain('nonce');
  });

  it('hostile and minimal specs', async () => {
    const hostile = await runAgent(threatModeler, hostileSpec());
    expect(hostile.in_scope).toHaveLength(2);
    expect(hostile.entities.map((e) => e.label)).toEqual(['CON', 'con (2)', '日本']);
    const minimal = await runAgent(threatModeler, minimalSpec());
    expect(minimal.flows).toEqual([]);
    expect(minimal.totals.every((t) => t.count === 0)).toBe(true);
  });
});

describe('studio:a11y-reviewer', () => {
  it('checks every user-facing feature against WCAG 2.2 AA, picking criteria by what it does', async () => {
    const vm = await runAgent(a11yReviewer, exampleSpec('clinic-queue'));
    expect(vm.features.map((f) => f.id)).toEqual(['F-1', 'F-2', 'F-4']);
    expect(vm.not_user_facing.map((f) => f.id)).toEqual(['F-3']);
    const criteria = (id: string) => vm.features.find((f) => f.id === id)!.checks.map((c) => c.criterion);
    // Reordering patients on the dashboard needs a non-drag alternative (new in 2.2).
    expect(criteria('F-4')).toContain('2.5.7');
    expect(criteria('F-1')).not.toContain('2.5.7');
    // Adding a patient is a form; the live status page announces changes.
    expect(criteria('F-1')).toEqual(expect.arrayContaining(['3.3.1', '3.3.2', '4.1.3']));
    // "does not confirm within 10 minutes" is a time limit.
    expect(criteria('F-2')).toContain('2.2.1');
    for (const f of vm.features) {
      expect(f.checks.map((c) => c.id)).toEqual(f.checks.map((_, i) => `${f.id}-A11Y-${i + 1}`));
      expect(f.checks.every((c) => c.level === 'A' || c.level === 'AA')).toBe(true);
    }
    // Only device and browser constraints shape testing; "phone numbers" is about data, not devices.
    expect(vm.platform_constraints).toEqual([
      "Must run on the clinic's existing tablets (modern browsers only)",
    ]);
  });

  it('lists criteria in numeric order (1.4.10 after 1.4.3)', async () => {
    const vm = await runAgent(a11yReviewer, exampleSpec('ledgerly'));
    const numbers = vm.criteria.map((c) => c.criterion);
    expect(numbers.indexOf('1.4.10')).toBeGreaterThan(numbers.indexOf('1.4.3'));
  });
});
