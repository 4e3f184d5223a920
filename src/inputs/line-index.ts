// Offsets → 1-based line:column, for JSON (YAML has its own LineCounter).
import type { Location } from './json-pointer.js';

/** Build a function from a character offset in `text` to its line and column. A CRLF pair ends
 *  one line, as do a lone LF or a lone CR. */
export function lineIndex(text: string): (offset: number) => Location {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
