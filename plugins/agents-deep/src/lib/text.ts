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

export { compareCodePoints } from '@studio/sdk';

// One pattern per list of fragments, compiled once: a Unicode-aware lookbehind takes about a millisecond
// to compile, and the agents test a few hundred fragments per run.
const WORD_START = new Map<readonly string[], RegExp>();

/** Whether a word in `text` starts with one of `words` (regex fragments; `\\b` ends a whole word). */
export function wordHit(text: string, words: readonly string[]): boolean {
  let re = WORD_START.get(words);
  if (re === undefined) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})`, 'u');
    WORD_START.set(words, re);
  }
  return re.test(text);
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
