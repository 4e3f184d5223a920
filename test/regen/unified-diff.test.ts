import { describe, expect, it } from 'vitest';
import { colourDiff, unifiedDiff } from '../../src/regen/unified-diff.js';
import { useColour } from '../../src/regen/print-dry-run.js';

describe('unifiedDiff', () => {
  it('is a git-style unified diff with 3 lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nc\nd\nE\nf\ng\nh\n';
    expect(unifiedDiff('docs/x.md', before, after)).toBe(
      '--- a/docs/x.md\n+++ b/docs/x.md\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n',
    );
  });

  it('uses /dev/null for an added or removed file', () => {
    expect(unifiedDiff('n.md', null, 'x\n')).toBe('--- /dev/null\n+++ b/n.md\n@@ -0,0 +1,1 @@\n+x\n');
    expect(unifiedDiff('o.md', 'x\n', null)).toBe('--- a/o.md\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n');
  });
});

describe('colourDiff', () => {
  it('colours removals red, additions green, hunks cyan, headers bold; context untouched', () => {
    const out = colourDiff('--- a/x\n+++ b/x\n@@ -1 +1 @@\n keep\n-old\n+new');
    expect(out.split('\n')).toEqual([
      '\u001b[1m--- a/x\u001b[0m',
      '\u001b[1m+++ b/x\u001b[0m',
      '\u001b[36m@@ -1 +1 @@\u001b[0m',
      ' keep',
      '\u001b[31m-old\u001b[0m',
      '\u001b[32m+new\u001b[0m',
    ]);
  });
});

describe('useColour', () => {
  it('only for a terminal, and never with NO_COLOR', () => {
    expect(useColour({ isTTY: true }, {})).toBe(true);
    expect(useColour({ isTTY: false }, {})).toBe(false);
    expect(useColour({}, {})).toBe(false);
    expect(useColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
  });
});
