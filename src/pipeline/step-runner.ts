import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import type { RunContext } from './run-context.js';
import { interruptAll } from '../util/interrupt.js';

/** Runs every unit of work (a stage, an agent) under the run's budgets and records it in the audit log. */
export class StepRunner {
  private steps = 0;
  private readonly startedAt: number;

  constructor(private readonly ctx: RunContext) {
    this.startedAt = ctx.clock.monotonic();
  }

  /** Milliseconds since the run started. */
  elapsed(): number {
    return this.ctx.clock.monotonic() - this.startedAt;
  }

  /** The time a step starting now may take (the per-step timeout, or less when the total budget is
   *  nearly spent): the sandbox stops an agent at this limit. */
  stepLimitMs(): number {
    return Math.max(1, Math.min(this.ctx.budgets.stepTimeoutMs, this.ctx.budgets.totalMs - this.elapsed()));
  }

  /** Run `fn` as one step of `stage`. A step that overruns the per-step timeout or the total budget
   *  fails with StepTimeout / BudgetExceeded. An async step is abandoned at its deadline; a synchronous
   *  one cannot be interrupted, so its overrun is detected when it returns. */
  async run<T>(
    stage: string,
    name: string,
    fn: () => T | Promise<T>,
    data?: Record<string, unknown>,
    /** A container step (a stage whose work is made of its own steps) is bounded by the total
     *  budget only, so that the per-step timeout names the inner step that overran. */
    container = false,
  ): Promise<T> {
    const { budgets, audit, clock } = this.ctx;
    this.steps += 1;
    if (this.steps > budgets.maxSteps) {
      throw new StudioError(
        ErrorCodes.BUDGET_EXCEEDED,
        `the run needs more than ${budgets.maxSteps} steps (at ${stage}/${name})`,
        {
          hint: 'Raise STUDIO_MAX_STEPS if the pack is really that large.',
        },
      );
    }
    const remaining = budgets.totalMs - this.elapsed();
    if (remaining <= 0) throw this.totalExceeded(stage, name);
    const limit = container ? remaining : Math.min(budgets.stepTimeoutMs, remaining);
    const limitIsTotal = container || remaining < budgets.stepTimeoutMs;
    const start = clock.monotonic();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          // Work off the main thread (validation workers) is stopped at the limit, not abandoned.
          interruptAll();
          reject(limitIsTotal ? this.totalExceeded(stage, name) : this.stepTimeout(stage, name));
        }, limit);
        timer.unref?.();
      });
      const result = await Promise.race([Promise.resolve().then(fn), timeout]);
      const took = clock.monotonic() - start;
      if (took > limit) throw limitIsTotal ? this.totalExceeded(stage, name) : this.stepTimeout(stage, name);
      audit.info(stage, name, { duration_ms: took, ...(data ? { data } : {}) });
      return result;
    } catch (error) {
      audit.log('error', stage, `${name} failed`, {
        duration_ms: clock.monotonic() - start,
        data: { code: (error as StudioError).code ?? 'E_INTERNAL', message: (error as Error).message },
      });
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private stepTimeout(stage: string, name: string): StudioError {
    return new StudioError(
      ErrorCodes.STEP_TIMEOUT,
      `${stage}/${name} took longer than the per-step limit of ${this.ctx.budgets.stepTimeoutMs} ms`,
      { hint: 'A plugin may be stuck; raise STUDIO_STEP_TIMEOUT_MS only if the work is legitimately slow.' },
    );
  }

  private totalExceeded(stage: string, name: string): StudioError {
    return new StudioError(
      ErrorCodes.BUDGET_EXCEEDED,
      `the run exceeded its total budget of ${this.ctx.budgets.totalMs} ms (at ${stage}/${name})`,
      { hint: 'Raise STUDIO_TOTAL_BUDGET_MS if the work is legitimately slow.' },
    );
  }
}
