import { describe, expect, it } from 'vitest';
import { StepRunner } from '../../src/pipeline/step-runner.js';
import { createRunContext } from '../../src/pipeline/run-context.js';
import type { StudioError } from '../../src/errors/studio-error.js';

const ctx = (budgets: Partial<{ maxSteps: number; stepTimeoutMs: number; totalMs: number }>) =>
  createRunContext({
    cacheDir: null,
    budgets: { maxSteps: 10, stepTimeoutMs: 1000, totalMs: 10_000, ...budgets },
  });

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as StudioError).code;
  }
}

describe('StepRunner', () => {
  it('runs a step, returns its value and records its duration', async () => {
    const c = ctx({});
    const steps = new StepRunner(c);
    expect(await steps.run('Render', 'x', () => 42)).toBe(42);
    const ev = c.audit.events.at(-1)!;
    expect(ev).toMatchObject({ stage: 'Render', event: 'x', level: 'info' });
    expect(typeof ev.duration_ms).toBe('number');
  });

  it('abandons an async step at the per-step timeout', async () => {
    const steps = new StepRunner(ctx({ stepTimeoutMs: 50 }));
    const started = Date.now();
    expect(await codeOf(steps.run('RunAgents', 'slow', () => new Promise((r) => setTimeout(r, 2000))))).toBe(
      'E_STEP_TIMEOUT',
    );
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('fails with BudgetExceeded past the step count or the total time', async () => {
    const steps = new StepRunner(ctx({ maxSteps: 2 }));
    await steps.run('A', 'one', () => 1);
    await steps.run('A', 'two', () => 2);
    expect(await codeOf(steps.run('A', 'three', () => 3))).toBe('E_BUDGET_EXCEEDED');
    const timed = new StepRunner(ctx({ totalMs: 60 }));
    expect(await codeOf(timed.run('A', 'slow', () => new Promise((r) => setTimeout(r, 1000))))).toBe(
      'E_BUDGET_EXCEEDED',
    );
  });

  it('records a failing step as an error event and rethrows the original error', async () => {
    const c = ctx({});
    const steps = new StepRunner(c);
    await expect(steps.run('Plan', 'boom', () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    expect(c.audit.events.at(-1)).toMatchObject({ level: 'error', stage: 'Plan', event: 'boom failed' });
  });
});

describe('StepRunner with an injected clock', () => {
  /** A clock whose monotonic time only moves when the test says so. */
  function manualClock(start = 1000) {
    let now = start;
    return { clock: { now: () => new Date(0), monotonic: () => now }, advance: (ms: number) => (now += ms) };
  }
  const runner = (budgets: { maxSteps?: number; stepTimeoutMs?: number; totalMs?: number }) => {
    const m = manualClock();
    const c = createRunContext({
      cacheDir: null,
      clock: m.clock,
      budgets: { maxSteps: 10, stepTimeoutMs: 100, totalMs: 1000, ...budgets },
    });
    return { ctx: c, steps: new StepRunner(c), advance: m.advance };
  };

  it('elapsed() counts from the runner start', async () => {
    const { steps, advance } = runner({});
    advance(30);
    expect(steps.elapsed()).toBe(30);
    await steps.run('A', 'x', () => advance(20));
    expect(steps.elapsed()).toBe(50);
  });

  it('a synchronous step over the per-step limit fails when it returns; exactly at the limit passes', async () => {
    const { steps, advance } = runner({ stepTimeoutMs: 100 });
    await expect(steps.run('A', 'at-limit', () => advance(100))).resolves.toBe(1100);
    const error = await codeOf(steps.run('A', 'over', () => advance(101)));
    expect(error).toBe('E_STEP_TIMEOUT');
  });

  it('a container step is bounded by the remaining total budget, not the per-step limit', async () => {
    const { steps, advance } = runner({ stepTimeoutMs: 100, totalMs: 1000 });
    await expect(steps.run('RunAgents', 'completed', () => advance(500), undefined, true)).resolves.toBe(
      1500,
    );
    expect(await codeOf(steps.run('RunAgents', 'completed', () => advance(600), undefined, true))).toBe(
      'E_BUDGET_EXCEEDED',
    );
  });

  it('with the total budget used up, the next step is refused before it runs', async () => {
    const { steps, advance } = runner({ totalMs: 100, stepTimeoutMs: 1000 });
    advance(100);
    let ran = false;
    const failure = steps.run('A', 'late', () => {
      ran = true;
    });
    await expect(failure).rejects.toMatchObject({
      code: 'E_BUDGET_EXCEEDED',
      message: expect.stringContaining('100 ms'),
    });
    expect(ran).toBe(false);
  });

  it('budget errors say which step and carry a hint naming the setting', async () => {
    const { steps } = runner({ maxSteps: 0 });
    await expect(steps.run('Render', 'prd', () => 1)).rejects.toMatchObject({
      code: 'E_BUDGET_EXCEEDED',
      message: expect.stringContaining('Render/prd'),
      hint: expect.stringContaining('STUDIO_MAX_STEPS'),
    });
    const slow = runner({ stepTimeoutMs: 10 });
    await expect(slow.steps.run('RunAgents', 'fx:slow', () => slow.advance(11))).rejects.toMatchObject({
      message: expect.stringContaining('RunAgents/fx:slow'),
      hint: expect.stringContaining('STUDIO_STEP_TIMEOUT_MS'),
    });
  });

  it('a failed step is audited with its code, E_INTERNAL for plain errors, and its duration', async () => {
    const { ctx, steps, advance } = runner({});
    await expect(
      steps.run('Plan', 'boom', () => {
        advance(7);
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    expect(ctx.audit.events.at(-1)).toMatchObject({
      level: 'error',
      duration_ms: 7,
      data: { code: 'E_INTERNAL', message: 'nope' },
    });
  });
});
