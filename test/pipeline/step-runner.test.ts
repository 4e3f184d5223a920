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
