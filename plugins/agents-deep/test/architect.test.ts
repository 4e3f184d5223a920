import { describe, expect, it } from 'vitest';
import architect from '../src/architect.js';
import { classifyParticipant, dependencies } from '../src/lib/participants.js';
import { exampleSpec, minimalSpec, runAgent } from './fixtures.js';

describe('participants and dependencies', () => {
  it('tells people, our components and third parties apart', () => {
    expect(classifyParticipant('SMS gateway', [])).toBe('external');
    expect(classifyParticipant('Payment provider', [])).toBe('external');
    expect(classifyParticipant('Queue service', [])).toBe('internal');
    expect(classifyParticipant('Payment page', [])).toBe('internal');
    expect(classifyParticipant('Staff', [])).toBe('actor');
    expect(classifyParticipant('Front-desk staff', ['Front-desk staff'])).toBe('actor');
  });

  it('external flow participants, datastores and hosting are critical; languages are not', () => {
    const deps = dependencies(exampleSpec('clinic-queue'));
    expect(deps.filter((d) => d.critical).map((d) => [d.name, d.kind])).toEqual([
      ['SMS gateway', 'external'],
      ['PostgreSQL', 'datastore'],
      ['Managed containers in one region', 'hosting'],
    ]);
    expect(deps.find((d) => d.name === 'TypeScript')).toMatchObject({ critical: false, kind: 'language' });
  });
});

describe('studio:architect', () => {
  it('derives interfaces from flows, relations from <entity>_id fields and NFRs from constraints and SLOs', async () => {
    const vm = await runAgent(architect, exampleSpec('ledgerly'));
    expect(vm.interfaces.map((i) => [i.provider, i.kind, i.operations.map((o) => o.message)])).toEqual([
      ['Payment page', 'internal', ['pay invoice']],
      ['Payment provider', 'external', ['create charge']],
      ['Ledger service', 'internal', ['payment succeeded webhook']],
    ]);
    expect(vm.relations).toEqual([{ from: 'Payment', field: 'invoice_id', to: 'Invoice' }]);
    expect(vm.nfrs.map((n) => [n.category, n.source])).toEqual([
      ['Security', 'constraint'],
      ['Data integrity', 'constraint'],
      ['Reliability', 'slo SLO-1'],
      ['Reliability', 'slo SLO-2'],
      ['Security', 'security'],
      ['Privacy', 'entities'],
    ]);
    expect(vm.features_without_flow.map((f) => f.id)).toEqual(['F-1', 'F-2', 'F-4']);
    expect(vm.rollout.stages.map((s) => s.environment)).toEqual(['staging', 'production']);
    expect(vm.rollout.stages[1]!.watch).toContain('SLO-1, SLO-2');
  });

  it('the audience dial reorders sections: Engineering interfaces first, Executive rollout first', async () => {
    const eng = await runAgent(architect, exampleSpec('ledgerly', 'Engineering'));
    const exec = await runAgent(architect, exampleSpec('ledgerly', 'Executive'));
    expect(eng.detail).toBe('deep');
    expect(exec.detail).toBe('brief');
    expect(eng.sections.slice(0, 3)).toEqual(['summary', 'interfaces', 'data_model']);
    expect(exec.sections.slice(0, 2)).toEqual(['summary', 'rollout']);
    expect([...exec.sections].sort()).toEqual([...eng.sections].sort());
  });

  it('handles a spec with nothing optional', async () => {
    const vm = await runAgent(architect, minimalSpec());
    expect(vm.interfaces).toEqual([]);
    expect(vm.dependencies).toEqual([]);
    expect(vm.rollout).toEqual({ stages: [], milestones: [] });
    expect(vm.summary.features).toBe(1);
  });
});
