// Three-way merge of text by lines (node-diff3): the previous render is the base, the user's edited
// file is "ours", the new render is "theirs". Non-overlapping changes from both sides are kept; where
// both changed the same lines differently, git-style conflict markers (with the base, diff3 style) say so.
import { diff3Merge } from 'node-diff3';

/** A line that opens or closes a conflict written by mergeThreeWay. */
export const CONFLICT_MARKER = /^(<<<<<<<|>>>>>>>) /m;

/** What a three-way merge produced. */
export interface MergedText {
  /** The merged text (with conflict markers where needed). */
  text: string;
  /** Number of conflicting hunks (0 when the merge is clean). */
  conflicts: number;
}

/** Labels written after the conflict markers. */
export interface MergeLabels {
  /** The edited file on disk. */
  ours: string;
  /** The previous render (merge base). */
  base: string;
  /** The new render. */
  theirs: string;
}

/** Lines with their terminators, so joining them gives back the exact text. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A conflict side, ending with a newline so the marker after it starts a line. */
function block(lines: string[]): string {
  const text = lines.join('');
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

export function mergeThreeWay(ours: string, base: string, theirs: string, labels: MergeLabels): MergedText {
  const regions = diff3Merge(splitLines(ours), splitLines(base), splitLines(theirs), {
    // Both sides making the same change is agreement, not a conflict.
    excludeFalseConflicts: true,
  });
  let text = '';
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) {
      text += region.ok.join('');
      continue;
    }
    const c = region.conflict!;
    conflicts += 1;
    text += `${text === '' || text.endsWith('\n') ? '' : '\n'}<<<<<<< ${labels.ours}\n${block(c.a)}`;
    text += `||||||| ${labels.base}\n${block(c.o)}=======\n${block(c.b)}>>>>>>> ${labels.theirs}\n`;
  }
  return { text, conflicts };
}
