// Small text helpers shared by the deep agents. Agents keep user text raw in their view-models (templates
// escape it per output format); these helpers only derive *matching keys* and single-line copies.

/** Collapse all whitespace (including newlines) to single spaces and trim. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

// Words too common to link two pieces of text together.
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'has',
  'have',
  'in',
  'into',
  'is',
  'it',
  'its',
  'of',
  'on',
  'or',
  'our',
  'the',
  'their',
  'them',
  'then',
  'they',
  'this',
  'to',
  'was',
  'we',
  'when',
  'with',
  'within',
  'without',
  'all',
  'any',
  'each',
  'every',
  'no',
  'not',
  'one',
  'two',
  'per',
  'than',
  'that',
  'what',
  'who',
  'will',
  'can',
  'new',
  'get',
  'gets',
  'data',
  'service',
  'services',
]);

/** Crude singular form, enough to match "texts" with "text" and "links" with "link". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Significant, stemmed, lowercase words of a text (snake_case and camelCase split too). */
export function keywords(text: string): Set<string> {
  const spaced = text.replace(/([a-z0-9])([A-Z])/gu, '$1 $2').replace(/[_-]+/gu, ' ');
  const out = new Set<string>();
  for (const raw of spaced.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOP_WORDS.has(raw) || /^\d+$/u.test(raw)) continue;
    out.add(stem(raw));
  }
  return out;
}

/** Whether two texts share at least one significant word. */
export function sharesKeyword(a: string | Set<string>, b: string | Set<string>): boolean {
  const ka = typeof a === 'string' ? keywords(a) : a;
  const kb = typeof b === 'string' ? keywords(b) : b;
  for (const w of ka) if (kb.has(w)) return true;
  return false;
}

/** Whether `text` contains any of the given lowercase fragments. */
export function mentions(text: string, fragments: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return fragments.some((f) => lower.includes(f));
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
