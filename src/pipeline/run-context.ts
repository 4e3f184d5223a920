import { randomUUID } from 'node:crypto';
import { positiveFromEnv } from '../util/env-number.js';
import { AuditLog } from './audit-log.js';
import { type Clock, systemClock } from './clock.js';

export { type Clock, systemClock };

/** Limits that stop a run which has gone wrong instead of letting it hang. */
export interface Budgets {
  /** Most steps (stages + agent runs) a run may take. */
  maxSteps: number;
  /** Longest a single step may take, in ms. */
  stepTimeoutMs: number;
  /** Longest the whole run may take, in ms. */
  totalMs: number;
}

export const DEFAULT_BUDGETS: Budgets = { maxSteps: 500, stepTimeoutMs: 60_000, totalMs: 300_000 };

/** Read budget overrides from the environment (STUDIO_MAX_STEPS, STUDIO_STEP_TIMEOUT_MS, STUDIO_TOTAL_BUDGET_MS). */
export function budgetsFromEnv(env: NodeJS.ProcessEnv = process.env): Budgets {
  return {
    maxSteps: positiveFromEnv(env.STUDIO_MAX_STEPS, DEFAULT_BUDGETS.maxSteps),
    stepTimeoutMs: positiveFromEnv(env.STUDIO_STEP_TIMEOUT_MS, DEFAULT_BUDGETS.stepTimeoutMs),
    totalMs: positiveFromEnv(env.STUDIO_TOTAL_BUDGET_MS, DEFAULT_BUDGETS.totalMs),
  };
}

/** Everything a run carries besides its data. */
export interface RunContext {
  /** Random id of this run (audit log and report only; never in artifacts). */
  runId: string;
  /** When true (the default) no stage may open a network connection. */
  offline: boolean;
  budgets: Budgets;
  clock: Clock;
  audit: AuditLog;
  /** Cache root (validation passes, compiled templates); undefined = default, null disables caching. */
  cacheDir: string | null | undefined;
}

export function createRunContext(options: Partial<Omit<RunContext, 'audit'>> = {}): RunContext {
  const runId = options.runId ?? randomUUID();
  const clock = options.clock ?? systemClock;
  return {
    runId,
    offline: options.offline ?? true,
    budgets: options.budgets ?? budgetsFromEnv(),
    clock,
    audit: new AuditLog(runId, clock),
    cacheDir: options.cacheDir,
  };
}
