// Chunks: the units retrieval ranks and documents cite. A chunk gathers whole paragraphs up to a target
// size (a longer paragraph is cut between words), so a citation points at a readable passage.
import { createHash } from 'node:crypto';
import { words } from './tokens.js';

/** Target chunk size in tokens (words). */
export const CHUNK_TOKENS = 120;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `<12 hex of sha256(source_url)>-<index, 3+ digits>`: stable for the same source and text. */
export function chunkId(sourceUrl: string, index: number): string {
  return `${sha256(sourceUrl).slice(0, 12)}-${String(index).padStart(3, '0')}`;
}

/** Split paragraph-separated text into chunk texts of at most `size` words. Paragraphs inside a chunk
 *  stay on their own lines, so a heading never runs into the sentence after it. */
export function chunkText(text: string, size = CHUNK_TOKENS): string[] {
  const chunks: string[] = [];
  let lines: string[] = [];
  let count = 0;
  const flush = () => {
    if (lines.length > 0) chunks.push(lines.join('\n'));
    lines = [];
    count = 0;
  };
  for (const paragraph of text.split(/\n{2,}/u)) {
    const w = words(paragraph);
    for (let i = 0; i < w.length; i += size) {
      const piece = w.slice(i, i + size);
      if (count > 0 && count + piece.length > size) flush();
      lines.push(piece.join(' '));
      count += piece.length;
    }
  }
  flush();
  return chunks;
}
