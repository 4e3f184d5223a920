// Small text helpers shared by the deep agents. Agents keep user text raw in their view-models (templates
// escape it per output format); these helpers only format numbers and single-line copies.

/** Collapse all whitespace (including newlines) to single spaces and trim. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Trim a number to at most `digits` decimals without trailing zeros ("43.2", "13.44", "6"). */
export function formatNumber(value: number, digits = 2): string {
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/0+$/u, '').replace(/\.$/u, '') : fixed;
}

/** "1 item" / "2 items". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Compare by UTF-16 code units, independent of the process locale (same order as the host's). */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Labels for headings that must differ (markdownlint MD024): repeats get " (2)", " (3)"… */
export function uniqueLabels(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const key = oneLine(name).toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}
