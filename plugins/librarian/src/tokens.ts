// Token counting for the per-document cap. A "token" is a whitespace-separated word: close enough to a
// model's tokens for a cap (which only bounds size and cost) and the same on every machine.

/** The words of `text`, in order. */
export function words(text: string): string[] {
  return text.split(/\s+/u).filter((w) => w.length > 0);
}

/** `text` cut to at most `max` words (paragraph breaks kept), and whether it was cut. */
export function capTokens(text: string, max: number): { text: string; tokens: number; truncated: boolean } {
  const paragraphs = text.split(/\n{2,}/u);
  const kept: string[] = [];
  let count = 0;
  for (const p of paragraphs) {
    const w = words(p);
    if (w.length === 0) continue;
    if (count + w.length > max) {
      const rest = max - count;
      if (rest > 0) kept.push(w.slice(0, rest).join(' '));
      return { text: kept.join('\n\n'), tokens: max, truncated: true };
    }
    kept.push(w.join(' '));
    count += w.length;
  }
  return { text: kept.join('\n\n'), tokens: count, truncated: false };
}
