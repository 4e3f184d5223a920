import { describe, expect, it } from 'vitest';
import sre from '../src/sre.js';
import {
  burnRateAlerts,
  errorBudgetMinutes,
  formatBudget,
  parseObjective,
  parseWindow,
} from '../src/lib/slo-math.js';
import { exampleSpec, hostileSpec, minimalSpec, runAgent } from './fixtures.js';

function budget(objective: string, window: string): number {
  return errorBudgetMinutes(parseObjective(objective)!, parseWindow(window)!);
}

describe('error budget math', () => {
  it('is (1 − objective) × window minutes, exactly for decimal objectives', () => {
    expect(budget('99.9%', '30d')).toBe(43.2);
    expect(budget('99.5%', '28d')).toBe(201.6);
    expect(budget('99.95%', '30d')).toBe(21.6);
    expect(budget('99%', '4w')).toBe(403.2);
    expect(budget('0.999', '30 days')).toBe(43.2);
    expect(budget('99.99%', '1h')).toBeCloseTo(0.006, 10);
  });

  it('formats budgets in minutes, adding hours or seconds where they read better', () => {
    expect(formatBudget(43.2)).toBe('43.2 minutes');
    expect(formatBudget(403.2)).toBe('403.2 minutes (6.72 hours)');
    expect(formatBudget(0.432)).toBe('0.432 minutes (25.92 seconds)');
  });

  it('parses objectives and refuses what is not a percentage in (0, 100)', () => {
    expect(parseObjective('99.95%')?.percent).toBe(99.95);
    expect(parseObjective(' 99.9 % ')?.percent).toBe(99.9);
    for (const bad of ['100%', '0%', 'fast', '', '99.9.9%', '-1%', '1000%'])
      expect(parseObjective(bad), bad).toBeNull();
  });

  it('parses windows in minutes, hours, days, weeks and months', () => {
    expect(parseWindow('30d')).toEqual({ minutes: 43200, label: '30 days' });
    expect(parseWindow('28d')?.minutes).toBe(40320);
    expect(parseWindow('4w')).toEqual({ minutes: 40320, label: '4 weeks' });
    expect(parseWindow('1h')).toEqual({ minutes: 60, label: '1 hour' });
    expect(parseWindow('90 days')?.minutes).toBe(129600);
    expect(parseWindow('1 Month')?.minutes).toBe(43200);
    expect(parseWindow('45 min')?.minutes).toBe(45);
    for (const bad of ['forever', '30', 'd30', '0d', '30 lightyears'])
      expect(parseWindow(bad), bad).toBeNull();
  });

  it('burn-rate alerts: 14.4× over 1h and 6× over 6h page for 30 days, scaled for 28 days', () => {
    const thirty = burnRateAlerts(parseObjective('99.9%')!, parseWindow('30d')!);
    expect(thirty.map((a) => [a.severity, a.long_window, a.short_window, a.burn_rate])).toEqual([
      ['page', '1h', '5m', 14.4],
      ['page', '6h', '30m', 6],
      ['ticket', '3d', '6h', 1],
    ]);
    expect(thirty[0]!.error_rate_text).toBe('1.44%');
    const twentyEight = burnRateAlerts(parseObjective('99.9%')!, parseWindow('28d')!);
    expect(twentyEight.map((a) => a.burn_rate)).toEqual([13.44, 5.6, 0.9333]);
  });

  it('short SLO windows shrink the alert windows instead, keeping the 30-day burn rates', () => {
    const week = burnRateAlerts(parseObjective('99.9%')!, parseWindow('7d')!);
    expect(week.map((a) => a.burn_rate)).toEqual([14.4, 6, 1]);
    expect(week[0]!.long_window_minutes).toBeCloseTo(14, 10);
    expect(week[2]!.long_window).toBe('1008m');
    expect(week[2]!.short_window).toBe('84m');
  });

  it('flags alerts that cannot fire because the objective is too loose', () => {
    const loose = burnRateAlerts(parseObjective('90%')!, parseWindow('30d')!);
    expect(loose[0]!.unreachable).toBe(true);
    expect(loose[2]!.unreachable).toBe(false);
  });
});

describe('studio:sre', () => {
  it('computes each SLO of ledgerly with its runbook and metrics', async () => {
    const vm = await runAgent(sre, exampleSpec('ledgerly'));
    expect(vm.slos.map((s) => [s.id, s.error_budget_minutes, s.error_budget])).toEqual([
      ['SLO-1', 43.2, '43.2 minutes'],
      ['SLO-2', 21.6, '21.6 minutes'],
    ]);
    expect(vm.slos[0]!.metrics).toContain('webhook_lag_seconds');
    expect(vm.runbooks.slos.map((r) => r.slo_id)).toEqual(['SLO-1', 'SLO-2']);
  });

  it('writes a runbook per critical dependency: the external SMS gateway, the datastore and hosting', async () => {
    const vm = await runAgent(sre, exampleSpec('clinic-queue'));
    expect(vm.runbooks.dependencies.map((r) => r.dependency)).toEqual([
      'SMS gateway',
      'PostgreSQL',
      'Managed containers in one region',
    ]);
    const sms = vm.runbooks.dependencies[0]!;
    for (const part of [sms.symptoms, sms.checks, sms.mitigation, sms.escalation])
      expect(part.length).toBeGreaterThan(0);
    // The SMS gateway can break the text-delivery SLO, not the queue-latency one.
    expect(sms.slos).toEqual(['SLO-1']);
    expect(vm.runbooks.slos[1]!.checks.join(' ')).not.toContain('SMS gateway');
  });

  it('says what each metric answers', async () => {
    const vm = await runAgent(sre, exampleSpec('clinic-queue'));
    const byName = Object.fromEntries(vm.observability.metrics.map((m) => [m.name, m]));
    expect(byName['queue_length']).toMatchObject({ kind: 'gauge' });
    expect(byName['texts_failed']).toMatchObject({ kind: 'counter', is_error: true });
    expect(byName['estimate_error_minutes']).toMatchObject({ kind: 'histogram' });
    for (const m of vm.observability.metrics) expect(m.answers).toMatch(/\?$/);
    expect(vm.observability.redact).toEqual([{ entity: 'Patient', field: 'mobile' }]);
  });

  it('explains an SLO it cannot compute instead of failing', async () => {
    const vm = await runAgent(sre, hostileSpec());
    const bad = vm.slos.find((s) => s.id === 'SLO-2')!;
    expect(bad.error_budget).toBeNull();
    expect(bad.alerts).toEqual([]);
    expect(bad.problems).toHaveLength(2);
    expect(vm.runbooks.slos).toHaveLength(2);
  });

  it('the audience dial sets the depth; the minimal spec gives empty, valid sections', async () => {
    expect((await runAgent(sre, exampleSpec('ledgerly', 'Executive'))).detail).toBe('brief');
    expect((await runAgent(sre, exampleSpec('ledgerly', 'Engineering'))).detail).toBe('deep');
    const vm = await runAgent(sre, minimalSpec());
    expect(vm.slos).toEqual([]);
    expect(vm.runbooks).toEqual({ slos: [], dependencies: [] });
    expect(vm.highlights.join(' ')).toContain('No SLOs');
  });
});
