import type { Clock } from './clock.js';
import { scrub } from '../util/scrub.js';

export type AuditLevel = 'debug' | 'info' | 'warn' | 'error';

/** One line of audit.jsonl. */
export interface AuditEvent {
  time_iso: string;
  level: AuditLevel;
  run_id: string;
  stage: string;
  event: string;
  duration_ms?: number;
  data?: Record<string, unknown>;
}

/** The record of one run: every state transition, override and finding. Scrubbed of absolute paths,
 *  e-mail addresses and phone numbers as events are added, so nothing personal reaches the file. */
export class AuditLog {
  readonly events: AuditEvent[] = [];
  private readonly listeners: ((event: AuditEvent) => void)[] = [];

  constructor(
    private readonly runId: string,
    private readonly clock: Clock,
  ) {}

  log(
    level: AuditLevel,
    stage: string,
    event: string,
    extra: { duration_ms?: number; data?: Record<string, unknown> } = {},
  ): void {
    const entry: AuditEvent = {
      time_iso: this.clock.now().toISOString(),
      level,
      run_id: this.runId,
      stage,
      event,
    };
    if (extra.duration_ms !== undefined) entry.duration_ms = Math.round(extra.duration_ms * 1000) / 1000;
    if (extra.data !== undefined) entry.data = scrub(extra.data) as Record<string, unknown>;
    this.events.push(entry);
    for (const listener of this.listeners) listener(entry);
  }

  /** Call `listener` with every event added from now on (progress display); returns the unsubscribe. */
  subscribe(listener: (event: AuditEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i !== -1) this.listeners.splice(i, 1);
    };
  }

  info(stage: string, event: string, extra?: { duration_ms?: number; data?: Record<string, unknown> }): void {
    this.log('info', stage, event, extra);
  }

  warn(stage: string, event: string, extra?: { duration_ms?: number; data?: Record<string, unknown> }): void {
    this.log('warn', stage, event, extra);
  }

  /** JSON Lines, one event a line, keys in a fixed order. */
  toJsonl(): string {
    return this.events.map((e) => JSON.stringify(e)).join('\n') + (this.events.length > 0 ? '\n' : '');
  }
}
