// SLO arithmetic: objectives, windows, error budgets and multiwindow burn-rate alerts.
// Objectives are parsed as exact decimals so 99.9% over 30d gives 43.2 minutes, not 43.20000000000004.
import { type Message, msg } from './message.js';
import { formatNumber } from './text.js';

/** A parsed objective: percent = units / scale (e.g. 99.95% → 9995 / 100). */
export interface Objective {
  /** Objective as a percentage, e.g. 99.95. */
  percent: number;
  /** Allowed bad fraction as an exact rational: badUnits / totalUnits (0.05% → 5 / 10000). */
  badUnits: number;
  totalUnits: number;
}

/** Parse "99.9%", "99.9", "99.9 %" or a fraction like "0.999". Null when not a percentage in (0, 100). */
export function parseObjective(text: string): Objective | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,6}))?\s*(%?)\s*$/u.exec(text);
  if (m === null) return null;
  const [, whole = '', frac = '', percentSign] = m;
  let digits = `${whole}${frac}`;
  let decimals = frac.length;
  // "0.999" without a percent sign is a ratio: shift it into percent.
  if (percentSign === '' && whole === '0') decimals -= 2;
  if (decimals < 0) {
    digits += '0'.repeat(-decimals);
    decimals = 0;
  }
  const scale = 10 ** decimals;
  const units = Number.parseInt(digits, 10);
  const totalUnits = 100 * scale;
  if (!(units > 0 && units < totalUnits)) return null;
  return { percent: units / scale, badUnits: totalUnits - units, totalUnits };
}

/** A parsed window. */
export interface Window {
  /** Length in minutes. */
  minutes: number;
  /** Human label, e.g. "30 days", "4 weeks", "1 hour" (message `sre.window.<unit>` with `amount`). */
  label: Message;
}

const UNITS: { pattern: RegExp; minutes: number; unit: string }[] = [
  { pattern: /^(?:m|min|mins|minute|minutes)$/u, minutes: 1, unit: 'minute' },
  { pattern: /^(?:h|hr|hrs|hour|hours)$/u, minutes: 60, unit: 'hour' },
  { pattern: /^(?:d|day|days)$/u, minutes: 1440, unit: 'day' },
  { pattern: /^(?:w|wk|wks|week|weeks)$/u, minutes: 10080, unit: 'week' },
  // Calendar months vary; SLO tooling conventionally treats a month as 30 days.
  { pattern: /^(?:mo|month|months)$/u, minutes: 43200, unit: 'month' },
];

/** Parse "30d", "28d", "4w", "1h", "90 days", "30 Days", "1 week", "45m". Null when not understood. */
export function parseWindow(text: string): Window | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/iu.exec(text);
  if (m === null) return null;
  const amount = Number(m[1]);
  const unitText = (m[2] ?? '').toLowerCase();
  const unit = UNITS.find((u) => u.pattern.test(unitText));
  if (unit === undefined || !(amount > 0)) return null;
  return { minutes: amount * unit.minutes, label: msg(`sre.window.${unit.unit}`, { amount }) };
}

/** Error budget in minutes: (1 − objective) × window. Exact for decimal objectives. */
export function errorBudgetMinutes(objective: Objective, window: Window): number {
  return (objective.badUnits * window.minutes) / objective.totalUnits;
}

/** "43.2 minutes", "403.2 minutes (6.72 hours)", "0.432 minutes (25.92 seconds)" (in English). */
export function formatBudget(minutes: number): Message {
  if (minutes < 1) return msg('sre.budget.seconds', { minutes, seconds: minutes * 60 });
  if (minutes >= 120) return msg('sre.budget.hours', { minutes, hours: minutes / 60 });
  return msg('sre.budget.minutes', { minutes });
}

/** A duration in the compact form alert rules use: "5m", "1h", "3d", "90s". */
export function formatDuration(minutes: number): string {
  const seconds = Math.round(minutes * 60);
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** One multiwindow burn-rate alert. */
export interface BurnRateAlert {
  /** page: wake someone up; ticket: handle in working hours. */
  severity: 'page' | 'ticket';
  /** Share of the whole error budget this alert catches being spent, in percent (2, 5, 10). */
  budget_percent: number;
  /** Long window, in minutes and formatted. */
  long_window_minutes: number;
  long_window: string;
  /** Short window (1/12 of the long one): the alert stops as soon as the burn stops. */
  short_window_minutes: number;
  short_window: string;
  /** Burn rate (multiple of the sustainable error rate) that fires the alert, e.g. 14.4. */
  burn_rate: number;
  /** "14.4×" (message `sre.burn_rate`). */
  burn_rate_text: Message;
  /** Error rate that fires it, in percent: burn_rate × (100 − objective). */
  error_rate_percent: number;
  /** "1.44%" (message `sre.percent_3`). */
  error_rate_text: Message;
  /** True when the error rate needed exceeds 100%: the objective is too loose for this alert to fire. */
  unreachable: boolean;
}

// The SRE workbook's recommended policy for a 30-day window: 2% of budget in 1h and 5% in 6h page,
// 10% in 3d opens a ticket.
const POLICY: { severity: 'page' | 'ticket'; budget_percent: number; long_minutes: number }[] = [
  { severity: 'page', budget_percent: 2, long_minutes: 60 },
  { severity: 'page', budget_percent: 5, long_minutes: 360 },
  { severity: 'ticket', budget_percent: 10, long_minutes: 4320 },
];
const THIRTY_DAYS = 43200;

/**
 * Burn-rate alerts scaled to the SLO window. When the window is long enough to hold the 3-day alert
 * window four times (≥ 12 days), the alert windows stay 1h/6h/3d — detection time is about wall-clock —
 * and the burn rate scales: budget share × window / long window (30d → 14.4, 6, 1; 28d → 13.44, 5.6,
 * 0.93). Shorter SLO windows cannot hold those, so the alert windows shrink in proportion instead and the
 * burn rates stay 14.4, 6 and 1.
 */
export function burnRateAlerts(objective: Objective, window: Window): BurnRateAlert[] {
  const fixedWindows = window.minutes >= 4 * 4320;
  const badPercent = (objective.badUnits * 100) / objective.totalUnits;
  return POLICY.map((p) => {
    const long = fixedWindows ? p.long_minutes : (p.long_minutes * window.minutes) / THIRTY_DAYS;
    const burn = ((p.budget_percent / 100) * window.minutes) / long;
    const errorRate = burn * badPercent;
    return {
      severity: p.severity,
      budget_percent: p.budget_percent,
      long_window_minutes: long,
      long_window: formatDuration(long),
      short_window_minutes: long / 12,
      short_window: formatDuration(long / 12),
      burn_rate: Number(formatNumber(burn, 4)),
      burn_rate_text: msg('sre.burn_rate', { rate: burn }),
      error_rate_percent: Number(formatNumber(errorRate, 6)),
      error_rate_text: msg('sre.percent_3', { value: errorRate }),
      unreachable: errorRate > 100,
    };
  });
}
