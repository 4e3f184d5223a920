// What a metric is (counter, gauge, histogram) and which question it answers, from its name alone.
import { keywords } from './text.js';

/** The metric types Prometheus/OpenTelemetry users expect. */
export type MetricKind = 'counter' | 'gauge' | 'histogram';

/** A metric name read as words. */
export interface MetricReading {
  kind: MetricKind;
  /** What the metric measures, in words ("texts failed"). */
  subject: string;
  /** Whether it counts or measures failures. */
  is_error: boolean;
  /** The question the metric answers on a dashboard. */
  answers: string;
}

const DURATION_UNITS = [
  'seconds',
  'second',
  'ms',
  'milliseconds',
  'minutes',
  'minute',
  'hours',
  'latency',
  'duration',
  'lag',
  'age',
];
const LEVEL_WORDS = [
  'length',
  'size',
  'depth',
  'backlog',
  'inflight',
  'active',
  'open',
  'current',
  'ratio',
  'utilization',
  'usage',
  'connections',
  'pending',
];
const ERROR_WORDS = [
  'failed',
  'failure',
  'failures',
  'error',
  'errors',
  'rejected',
  'dropped',
  'timeout',
  'timeouts',
  'bounced',
];

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && w !== 'total' && w !== 'count');
}

/** Read a metric name like `texts_failed`, `queue_length` or `webhook_lag_seconds`. */
export function readMetric(name: string): MetricReading {
  const ws = words(name);
  const last = ws[ws.length - 1] ?? '';
  const isError = ws.some((w) => ERROR_WORDS.includes(w));
  const unit = DURATION_UNITS.includes(last) ? last : null;
  const subjectWords =
    unit !== null && ['seconds', 'second', 'ms', 'milliseconds', 'minutes', 'minute', 'hours'].includes(last)
      ? ws.slice(0, -1)
      : ws;
  const subject = subjectWords.join(' ') || name;
  if (unit !== null || ws.some((w) => ['latency', 'duration', 'lag'].includes(w))) {
    const unitText =
      unit !== null && !['latency', 'duration', 'lag', 'age'].includes(unit)
        ? `, in ${unit === 'ms' ? 'milliseconds' : unit}`
        : '';
    const answers = isError
      ? `What is the ${subject}${unitText}, at p50, p95 and p99, and is the spread getting wider?`
      : `What is the ${subject}${unitText}, at p50, p95 and p99, and is the tail getting worse?`;
    return { kind: 'histogram', subject, is_error: isError, answers };
  }
  if (ws.some((w) => LEVEL_WORDS.includes(w))) {
    return {
      kind: 'gauge',
      subject,
      is_error: isError,
      answers: `What is the ${subject} right now, and is it growing?`,
    };
  }
  const answers = isError
    ? `How many ${subject} per minute, and what share of all attempts is that?`
    : `How many ${subject} per minute, and does the rate match normal demand?`;
  return { kind: 'counter', subject, is_error: isError, answers };
}

/** Metric names whose words overlap the text (used to point SLOs and runbooks at dashboards). */
export function relatedMetrics(metricNames: readonly string[], text: string): string[] {
  const k = keywords(text);
  return metricNames.filter((m) => [...keywords(m)].some((w) => k.has(w)));
}
