// Choosing a test level for each acceptance criterion. The test dial sets a target mix; keywords in
// the criterion say which level proves it most naturally. Quotas from the mix are filled by the
// criteria with the clearest preference first, so the result is stable for the same input and
// follows both the text and the dial.
import type { TestDial } from '@studio/sdk';
import type { TestLevel } from './types.js';

export const LEVELS: readonly TestLevel[] = ['unit', 'integration', 'e2e'];

/** Target percentages per dial, in LEVELS order. */
export const TARGET_MIX: Record<TestDial, Record<TestLevel, number>> = {
  Pyramid: { unit: 70, integration: 20, e2e: 10 },
  // The trophy's base is static analysis (not per criterion); of the remaining tests, integration dominates.
  Trophy: { unit: 20, integration: 55, e2e: 25 },
  Diamond: { unit: 10, integration: 80, e2e: 10 },
};

// A spelled-out or numeric amount, for "within 10 seconds" / "within one minute".
const AMOUNT = String.raw`(?:\d+|one|two|three|four|five|ten|fifteen|thirty|sixty)`;

const KEYWORDS: Record<TestLevel, RegExp> = {
  unit: new RegExp(
    String.raw`\b(calculat\w*|comput\w*|estimat\w*|valid\w*|invalid|format\w*|pars\w*|round\w*|totals?|tax\w*|rules?|percent\w*|ratio|sort\w*|rank\w*|position|priorit\w*|score\w*|threshold|limit\w*|flag\w*|within ${AMOUNT} (?:minutes?|hours?|days?|places|characters|cents?))\b|\d+\s?%`,
    'gi',
  ),
  integration: new RegExp(
    String.raw`\b(send|sent|sms|e-?mail\w*|texts?|notif\w*|reminders?|api|endpoint\w*|database|ledger|stored?|persist\w*|saved?|deleted?|records?|service|gateway|provider|payments?|charges?|queue|events?|webhooks?|sync\w*|import\w*|export\w*|upload\w*|download\w*|schedul\w*|jobs?|retr(?:y|ies)|delivered|within ${AMOUNT} (?:ms|milliseconds?|s|seconds?))\b`,
    'gi',
  ),
  e2e: /\b(pages?|screens?|dashboard|browser|ui|click\w*|tap\w*|display\w*|shows?|shown|visible|sees?|opens?|links?|accounts?|forms?|buttons?|navigat\w*|log(?:s|ged)? ?in|sign(?:s|ed)? ?in|journey|end[- ]to[- ]end|tablets?|users?|staff|customers?|clients?)\b/gi,
};

/** Distinct keyword hits per level, lowercased, in order of first appearance. */
export function keywordHits(text: string): Record<TestLevel, string[]> {
  const out = {} as Record<TestLevel, string[]>;
  for (const level of LEVELS) {
    const hits = (text.match(KEYWORDS[level]) ?? []).map((h) => h.toLowerCase());
    out[level] = [...new Set(hits)];
  }
  return out;
}

/** Largest-remainder rounding of the mix to `n` cases; ties go to the level with the larger target. */
export function quotas(dial: TestDial, n: number): Record<TestLevel, number> {
  const mix = TARGET_MIX[dial];
  const exact = LEVELS.map((l) => ({ l, v: (n * mix[l]) / 100 }));
  const out = Object.fromEntries(exact.map(({ l, v }) => [l, Math.floor(v)])) as Record<TestLevel, number>;
  let left = n - LEVELS.reduce((s, l) => s + out[l], 0);
  const byRemainder = [...exact].sort(
    (a, b) =>
      b.v - Math.floor(b.v) - (a.v - Math.floor(a.v)) ||
      mix[b.l] - mix[a.l] ||
      LEVELS.indexOf(a.l) - LEVELS.indexOf(b.l),
  );
  for (const { l } of byRemainder) {
    if (left === 0) break;
    out[l] += 1;
    left -= 1;
  }
  return out;
}

/** The level chosen for one criterion and why. */
export interface LevelChoice {
  level: TestLevel;
  /** Keywords that pointed to the chosen level (empty when the mix decided). */
  keywords: string[];
  /** True when the criterion's own best level was full and the mix moved it. */
  rebalanced: boolean;
}

/** Assign a level to each text, honouring the dial's quotas exactly. */
export function assignLevels(dial: TestDial, texts: readonly string[]): LevelChoice[] {
  const mix = TARGET_MIX[dial];
  const left = quotas(dial, texts.length);
  const prefs = texts.map((text, index) => {
    const hits = keywordHits(text);
    const order = [...LEVELS].sort(
      (a, b) => hits[b].length - hits[a].length || mix[b] - mix[a] || LEVELS.indexOf(a) - LEVELS.indexOf(b),
    );
    const top = hits[order[0]!].length;
    const second = hits[order[1]!].length;
    return { index, hits, order, strength: top - second, top };
  });
  // Clearest preferences claim their level first; ties keep the author's order.
  const queue = [...prefs].sort((a, b) => b.strength - a.strength || b.top - a.top || a.index - b.index);
  const out: LevelChoice[] = new Array(texts.length);
  for (const p of queue) {
    const level = p.order.find((l) => left[l] > 0) ?? p.order[0]!;
    left[level] -= 1;
    out[p.index] = { level, keywords: p.hits[level], rebalanced: level !== p.order[0] && p.top > 0 };
  }
  return out;
}
