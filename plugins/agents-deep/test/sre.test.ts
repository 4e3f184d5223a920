import { describe, expect, it } from 'vitest';
import sre from '../src/sre.js';
import {
  burnRateAlerts,
  errorBudgetMinutes,
  formatBudget,
  parseObjective,
  parseWindow,
} from '../src/lib/slo-math.js';
import { english, format, text } from './english.js';
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
    expect(format(formatBudget(43.2))).toBe('43.2 minutes');
    expect(format(formatBudget(403.2))).toBe('403.2 minutes (6.72 hours)');
    expect(format(formatBudget(0.432))).toBe('0.432 minutes (25.92 seconds)');
  });

  it('formats budgets for the locale: fr-CA writes 43,2 min', () => {
    expect(format(formatBudget(43.2), 'fr-CA')).toBe('43,2\u00a0min');
    expect(format(formatBudget(403.2), 'fr-CA')).toBe('403,2\u00a0min (6,72\u00a0h)');
    expect(format(parseWindow('30d')!.label, 'fr-CA')).toBe('30 jours');
    expect(format(parseWindow('1 week')!.label, 'fr-CA')).toBe('1 semaine');
  });

  it('parses objectives and refuses what is not a percentage in (0, 100)', () => {
    expect(parseObjective('99.95%')?.percent).toBe(99.95);
    expect(parseObjective(' 99.9 % ')?.percent).toBe(99.9);
    for (const bad of ['100%', '0%', 'fast', '', '99.9.9%', '-1%', '1000%'])
      expect(parseObjective(bad), bad).toBeNull();
  });

  it('parses windows in minutes, hours, days, weeks and months', () => {
    expect(english(parseWindow('30d'))).toEqual({ minutes: 43200, label: '30 days' });
    expect(parseWindow('28d')?.minutes).toBe(40320);
    expect(english(parseWindow('4w'))).toEqual({ minutes: 40320, label: '4 weeks' });
    expect(english(parseWindow('1h'))).toEqual({ minutes: 60, label: '1 hour' });
    expect(english(parseWindow('1.5 days'))).toEqual({ minutes: 2160, label: '1.5 days' });
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
    expect(format(thirty[0]!.error_rate_text)).toBe('1.44%');
    expect(format(thirty[0]!.burn_rate_text)).toBe('14.4×');
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
  it('computes each SLO of ledgerly: budgets in time and events, SLI specification and implementation', async () => {
    const vm = await runAgent(sre, exampleSpec('ledgerly'));
    expect(
      english(
        vm.slos.map((s) => [s.id, s.objective, s.error_budget_minutes, s.error_budget, s.bad_per_100k]),
      ),
    ).toEqual([
      ['SLO-1', '99.9%', 43.2, '43.2 minutes', 100],
      ['SLO-2', '99.95%', 21.6, '21.6 minutes', 50],
    ]);
    expect(vm.slos[0]!.allowed_bad).toBeCloseTo(0.1, 10);
    expect(vm.slos[0]!.good_events).toContain('applied to the ledger');
    expect(vm.slos[0]!.measured_at).toContain('ledger service');
    expect(vm.slos[0]!.counters).toEqual({
      good: 'payment_webhook_processing_good_total',
      valid: 'payment_webhook_processing_valid_total',
    });
    expect(vm.runbooks.slos.map((r) => r.slo_id)).toEqual(['SLO-1', 'SLO-2']);
    expect(vm.budget_policy.length).toBeGreaterThan(2);
  });

  it('keeps the percent sign of an objective written as a bare number', async () => {
    const spec = exampleSpec('clinic-queue');
    spec.ops.slos[1]!.objective = '99';
    expect(format((await runAgent(sre, spec)).slos[1]!.objective)).toBe('99%');
  });

  it('writes a runbook per declared external system and data store, and for hosting, after a shared section', async () => {
    const vm = await runAgent(sre, exampleSpec('clinic-queue'));
    expect(vm.runbooks.dependencies.map((r) => format(r.dependency!))).toEqual([
      'SMS gateway',
      'PostgreSQL',
      'Managed containers in one region',
    ]);
    // Declared names stay as written in every locale; undeclared hosting is named in the locale.
    expect(format(vm.runbooks.dependencies[0]!.dependency!, 'fr-CA')).toBe('SMS gateway');
    const undeclared = exampleSpec('clinic-queue');
    undeclared.stack.hosting = null;
    undeclared.stack.hosting_model = null;
    const hosting = (await runAgent(sre, undeclared)).runbooks.dependencies.at(-1)!.dependency!;
    expect([format(hosting), format(hosting, 'fr-CA')]).toEqual(['not declared', 'non déclaré']);
    const sms = vm.runbooks.dependencies[0]!;
    for (const part of [sms.symptoms, sms.checks, sms.mitigation, sms.escalation])
      expect(part.length).toBeGreaterThan(0);
    // SLO-1 declares F-1 and F-2, whose flows reach the gateway; SLO-2 covers F-4, which does not.
    expect(sms.slos).toEqual(['SLO-1']);
    expect(text(vm.runbooks.slos[1]!.checks)).not.toContain('SMS gateway');
    expect(text(vm.runbooks.slos[0]!.checks)).toContain('SMS gateway (RB-');
    expect(vm.runbooks.shared.first_steps.length).toBeGreaterThan(2);
    // Cloud in one region: zone failover, and the regional limit said plainly.
    expect(text(vm.runbooks.shared.platform)).toContain('availability zones');
  });

  it('gives on-premises advice for on-premises hosting, never a cloud region failover', async () => {
    const spec = exampleSpec('clinic-queue');
    spec.stack.hosting_model = 'on-prem';
    const vm = await runAgent(sre, spec);
    const words = JSON.stringify(english(vm.runbooks));
    expect(words).toContain('data-centre');
    expect(words).not.toMatch(/another region|cross-region|status page for eu/);
  });

  it('uses the declared metric types and a query that suits each; classified fields are never logged', async () => {
    const vm = await runAgent(sre, exampleSpec('clinic-queue'));
    const byName = Object.fromEntries(vm.observability.metrics.map((m) => [m.name, m]));
    expect(byName['queue_length']).toMatchObject({ type: 'gauge' });
    expect(byName['queue_length']!.query).not.toContain('rate(');
    expect(byName['texts_failed_total']).toMatchObject({ type: 'counter' });
    expect(byName['texts_failed_total']!.query).toContain('rate(');
    expect(byName['estimate_error_minutes']!.query).toContain('histogram_quantile');
    expect(vm.observability.redact).toEqual([{ entity: 'Patient', field: 'mobile', classification: 'PII' }]);
    // A metric without a declared type gets no query and points to the open question.
    const spec = exampleSpec('clinic-queue');
    spec.ops.observability.instruments[0] = { name: 'queue_length', type: null, description: null };
    const untyped = await runAgent(sre, spec);
    expect(untyped.observability.metrics[0]).toMatchObject({ type: null, query: null });
    expect(untyped.observability.untyped_question).toMatch(/^Q-\d+$/);
  });

  it('queries a declared metric by its PromQL identifier, whatever its name holds', async () => {
    const spec = exampleSpec('clinic-queue');
    spec.ops.observability.instruments[0] = {
      name: 'Texts | sent `today`',
      type: 'counter',
      description: null,
    };
    const vm = await runAgent(sre, spec);
    expect(vm.observability.metrics[0]!.query).toBe('sum(rate(texts_sent_today[5m]))');
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
    expect(vm.runbooks.slos).toEqual([]);
    // Only the hosting platform remains, stated as not declared.
    expect(vm.runbooks.dependencies.map((r) => r.id)).toEqual(['RB-HOSTING']);
    expect(text(vm.highlights)).toContain('No SLOs');
  });
});
