/** Time source: injectable so tests can drive budgets without sleeping. */
export interface Clock {
  /** Wall-clock time (audit timestamps, generated_at). */
  now(): Date;
  /** Monotonic milliseconds (durations and budgets). */
  monotonic(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  monotonic: () => performance.now(),
};
