import { describe, expect, it } from 'vitest';
import architect from '../src/architect.js';
import { english } from './english.js';
import { exampleSpec, minimalSpec, runAgent } from './fixtures.js';

describe('studio:architect', () => {
  it('takes kinds, zones and references from the declarations, never from names', async () => {
    const vm = english(await runAgent(architect, exampleSpec('ledgerly')));
    expect(vm.participants.find((p) => p.name === 'Payment provider')).toMatchObject({
      kind: 'external system',
      zone: 'Payment provider',
    });
    expect(vm.relations).toEqual([{ from: 'Payment', field: 'invoice_id', to: 'Invoice' }]);
    // Renaming the field does not change the relation: it is declared, not read from "<entity>_id".
    const renamed = exampleSpec('ledgerly');
    renamed.entities[1]!.fields[1]!.name = 'paid_against';
    expect((await runAgent(architect, renamed)).relations).toEqual([
      { from: 'Payment', field: 'paid_against', to: 'Invoice' },
    ]);
  });

  it('derives interfaces with replies and error paths, dependencies with runbooks, NFRs by id', async () => {
    const vm = english(await runAgent(architect, exampleSpec('ledgerly')));
    const provider = vm.interfaces.find((i) => i.provider === 'Payment provider')!;
    expect(provider.kind).toBe('external system');
    expect(provider.operations[0]).toMatchObject({ message: 'create charge', reply: 'charge pending' });
    expect(provider.operations[0]!.on_failure).toContain('card declined');
    // People receive messages but offer no interface to design.
    expect(vm.interfaces.map((i) => i.provider)).not.toContain('Freelancer');
    const deps = vm.dependencies.filter((d) => d.critical);
    expect(deps.map((d) => d.kind)).toEqual(
      expect.arrayContaining(['external system', 'data store', 'hosting']),
    );
    expect(deps.every((d) => d.runbook !== null)).toBe(true);
    expect(vm.dependencies.filter((d) => d.kind === 'language').map((d) => d.critical)).toEqual([false]);
    expect(vm.nfrs.map((n) => [n.category, n.source])).toEqual([
      ['Constraint', 'C-1, verified by TC-C-1'],
      ['Constraint', 'C-2, verified by TC-C-2'],
      ['Reliability', 'SLO-1, verified by TC-SLO-1'],
      ['Reliability', 'SLO-2, verified by TC-SLO-2'],
      ['Security', 'security'],
      ['Privacy', 'entities'],
    ]);
    expect(vm.features_without_flow.map((f) => f.id)).toEqual(['F-1', 'F-4']);
    // The same rows in the fr-CA locale pack: categories and sources in French, ids unchanged.
    const fr = english(await runAgent(architect, exampleSpec('ledgerly')), 'fr-CA');
    expect(fr.nfrs.map((n) => [n.id, n.category, n.source])[0]).toEqual([
      'NFR-1',
      'Contrainte',
      'C-1, vérifiée par TC-C-1',
    ]);
    expect(fr.rollout.stages.at(-1)!.watch).toContain('Alertes de taux de consommation de SLO-1');
  });

  it('the audience dial reorders and trims: Engineering interfaces first, Executive rollout first', async () => {
    const eng = await runAgent(architect, exampleSpec('ledgerly', 'Engineering'));
    const exec = await runAgent(architect, exampleSpec('ledgerly', 'Executive'));
    expect(eng.detail).toBe('deep');
    expect(exec.detail).toBe('brief');
    expect(eng.sections.slice(0, 3)).toEqual(['summary', 'interfaces', 'data_model']);
    expect(exec.sections.slice(0, 2)).toEqual(['summary', 'rollout']);
  });

  it('handles a spec with nothing optional', async () => {
    const vm = english(await runAgent(architect, minimalSpec()));
    expect(vm.interfaces).toEqual([]);
    // Hosting is always a dependency, stated as not declared.
    expect(vm.dependencies).toEqual([
      { name: 'not declared', kind: 'hosting', critical: true, features: [], runbook: 'RB-HOSTING' },
    ]);
    expect(vm.rollout).toEqual({ stages: [], milestones: [] });
    expect(vm.summary.features).toBe(1);
  });
});
