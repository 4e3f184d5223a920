// Stage progress for a terminal: a spinner on stderr naming the current pipeline stage, shown only when
// stderr is a TTY, the output is not --json, and the run has already taken about a second (a warm run
// finishes before anything is drawn). The stages are read from the audit log, which every stage writes.
import { ux } from '@oclif/core';
import type { AuditLog } from '../pipeline/audit-log.js';

/** Wait before drawing anything; STUDIO_PROGRESS_DELAY_MS overrides it (0 draws at once). */
export function progressDelayMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.STUDIO_PROGRESS_DELAY_MS);
  return env.STUDIO_PROGRESS_DELAY_MS !== undefined && Number.isFinite(n) && n >= 0 ? n : 1000;
}

export interface StageProgress {
  /** End the display (a no-op when nothing was drawn). */
  stop(outcome: 'done' | 'failed'): void;
}

export function showStageProgress(
  audit: AuditLog,
  options: { enabled: boolean; title: string; delayMs?: number },
): StageProgress {
  if (!options.enabled) return { stop: () => undefined };
  let stage = '';
  let shown = false;
  const unsubscribe = audit.subscribe((event) => {
    if (event.event !== 'entered' || event.stage === stage) return;
    stage = event.stage;
    if (shown) ux.action.status = stage;
  });
  const timer = setTimeout(() => {
    shown = true;
    ux.action.start(options.title, stage || undefined, { stdout: false });
  }, options.delayMs ?? progressDelayMs());
  timer.unref();
  return {
    stop(outcome) {
      clearTimeout(timer);
      unsubscribe();
      if (shown) ux.action.stop(outcome);
    },
  };
}
