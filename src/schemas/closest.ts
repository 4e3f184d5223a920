// "Did you mean …?" suggestions for unknown keys, enum values and dial names.

/** Levenshtein distance; inputs are short (keys, enum values), so the O(n·m) table is fine. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Fold case and separators so "dual_track", "DualTrack" and "Dual-Track" compare equal. */
export function foldName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The candidate closest to `input`, or undefined when none is close enough to be a likely typo.
 *  Ties go to the earlier candidate, so the answer is stable for a given candidate order. */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const folded = foldName(input);
  const exactFold = candidates.find((c) => foldName(c) === folded && folded !== '');
  if (exactFold !== undefined) return exactFold;
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  // A third of the longer word, at least 1 and at most 3 edits: "priorty" → "priority", but
  // "colour" is not a typo of "flow".
  const allowed = Math.min(3, Math.max(1, Math.floor(Math.max(input.length, best.length) / 3)));
  return bestDistance <= allowed ? best : undefined;
}
