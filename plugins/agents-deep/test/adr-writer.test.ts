import { describe, expect, it } from 'vitest';
import adrWriter, { assignNumbers, numberFromId, padNumber } from '../src/adr-writer.js';
import { SlugAllocator, slugify } from '../src/lib/slug.js';
import { format } from './english.js';
import { exampleSpec, hostileSpec, runAgent } from './fixtures.js';

describe('ADR numbering', () => {
  it('reads the number from the id', () => {
    expect(numberFromId('ADR-0001')).toBe(1);
    expect(numberFromId('adr 12')).toBe(12);
    expect(numberFromId('0007')).toBe(7);
    for (const bad of ['whatever', 'ADR-0000', 'D-9', 'ADR-1a']) expect(numberFromId(bad), bad).toBeNull();
    expect(padNumber(7)).toBe('0007');
    expect(padNumber(12345)).toBe('12345');
  });

  it('keeps id numbers, gives the rest the smallest free numbers by position, never twice', () => {
    expect(assignNumbers(['ADR-0003', 'x', 'ADR-0001', 'ADR-0003', 'y'])).toEqual([3, 2, 1, 4, 5]);
    const n = assignNumbers(['a', 'b', 'ADR-0002']);
    expect(n).toEqual([1, 3, 2]);
  });
});

describe('slugs', () => {
  it('are lowercase ASCII, fold accents, fall back for non-Latin text, avoid Windows device names', () => {
    expect(slugify('Use a managed SMS gateway!', 'x')).toBe('use-a-managed-sms-gateway');
    expect(slugify('Café Ünïcødé Straße', 'x')).toBe('cafe-unicode-strasse');
    expect(slugify('日本語のみ', 'decision')).toBe('decision');
    expect(slugify('../../etc/passwd', 'x')).toBe('etc-passwd');
    for (const reserved of ['CON', 'nul', 'Com1', 'LPT9', 'aux'])
      expect(slugify(reserved, 'x')).toBe(`${reserved.toLowerCase()}-doc`);
    expect(slugify('a'.repeat(200), 'x').length).toBeLessThanOrEqual(60);
  });

  it('are unique within a family, case-insensitively', () => {
    const s = new SlugAllocator();
    expect([s.allocate('Same', 'x'), s.allocate('same', 'x'), s.allocate('SAME!', 'x')]).toEqual([
      'same',
      'same-2',
      'same-3',
    ]);
  });
});

describe('studio:adr-writer', () => {
  it('writes one Nygard record per decision with status and file path', async () => {
    const vm = await runAgent(adrWriter, exampleSpec('clinic-queue'));
    expect(vm.records.map((r) => r.path)).toEqual([
      'adr/ADR-0001-use-a-managed-sms-gateway.md',
      'adr/ADR-0002-server-sent-events-for-live-queue-updates.md',
    ]);
    expect(vm.records[1]).toMatchObject({ status: 'proposed', renumbered: false });
    expect(format(vm.records[1]!.status_label)).toBe('Proposed');
    expect(format(vm.records[1]!.status_label, 'fr-CA')).toBe('Proposée');
    // Counts agree in number in French: "1 proposée", "2 acceptées".
    const accepted = vm.by_status.find((s) => s.status === 'accepted')!;
    expect(format(accepted.count_label)).toBe(`${accepted.count} accepted`);
    expect(format({ msg: 'adr.count.accepted', args: { count: 2 } }, 'fr-CA')).toBe('2 acceptées');
    expect(format({ msg: 'adr.count.accepted', args: { count: 1 } }, 'fr-CA')).toBe('1 acceptée');
    expect(vm.records[0]!.alternatives).toEqual(['Email only', 'Push notifications through a native app']);
    expect(vm.by_status.map((s) => s.count)).toEqual([1, 1, 0]);
  });

  it('hostile decisions: colliding ids and titles, reserved and non-Latin titles give distinct safe files', async () => {
    const vm = await runAgent(adrWriter, hostileSpec());
    const paths = vm.records.map((r) => r.path);
    expect(new Set(paths.map((p) => p.toLowerCase())).size).toBe(paths.length);
    for (const p of paths) expect(p).toMatch(/^adr\/ADR-\d{4}-[a-z0-9-]{1,60}\.md$/);
    expect(vm.records.map((r) => [r.id, r.number])).toEqual([
      ['whatever', 1],
      ['ADR-0002', 2],
      ['ADR-0002', 3],
      ['D-9', 4],
    ]);
    expect(vm.records.find((r) => r.id === 'D-9')!.slug).toBe('decision');
    expect(vm.records.filter((r) => r.renumbered).map((r) => r.number)).toEqual([1, 3, 4]);
  });
});
