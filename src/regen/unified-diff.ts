// Unified diffs of what a run would change on disk (the `diff` package), coloured only for a terminal.
import { createTwoFilesPatch } from 'diff';

const ANSI = {
  red: '\u001b[31m',
  green: '\u001b[32m',
  cyan: '\u001b[36m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
};

/** A unified diff from `before` to `after` of `path` ("" for an absent side: /dev/null). */
export function unifiedDiff(path: string, before: string | null, after: string | null): string {
  const patch = createTwoFilesPatch(
    before === null ? '/dev/null' : `a/${path}`,
    after === null ? '/dev/null' : `b/${path}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    { context: 3 },
  );
  // The package starts with a "====" separator line; git-style diffs start at "---".
  return patch.slice(patch.indexOf('--- '));
}

/** ANSI colours for a unified diff: removals red, additions green, hunk headers cyan, file headers bold. */
export function colourDiff(patch: string): string {
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('--- ') || line.startsWith('+++ ')) return `${ANSI.bold}${line}${ANSI.reset}`;
      if (line.startsWith('@@')) return `${ANSI.cyan}${line}${ANSI.reset}`;
      if (line.startsWith('+')) return `${ANSI.green}${line}${ANSI.reset}`;
      if (line.startsWith('-')) return `${ANSI.red}${line}${ANSI.reset}`;
      return line;
    })
    .join('\n');
}
