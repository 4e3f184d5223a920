import { describe, expect, it } from 'vitest';
import { CONFLICT_MARKER, mergeThreeWay } from '../../src/regen/three-way-merge.js';

const labels = { ours: 'edited x.md', base: 'previous render', theirs: 'new render' };
const base = '# Title\n\nIntro line.\n\n## Goals\n\n- one\n- two\n\n## End\n';

describe('mergeThreeWay', () => {
  it('keeps a hand edit and a render change that touch different lines', () => {
    const ours = base.replace('Intro line.', 'Intro line, edited by hand.');
    const theirs = base.replace('- two\n', '- two\n- three\n');
    const merged = mergeThreeWay(ours, base, theirs, labels);
    expect(merged.conflicts).toBe(0);
    expect(merged.text).toBe(
      '# Title\n\nIntro line, edited by hand.\n\n## Goals\n\n- one\n- two\n- three\n\n## End\n',
    );
    expect(CONFLICT_MARKER.test(merged.text)).toBe(false);
  });

  it('writes diff3-style markers where both changed the same line', () => {
    const ours = base.replace('# Title', '# My title');
    const theirs = base.replace('# Title', '# New title');
    const merged = mergeThreeWay(ours, base, theirs, labels);
    expect(merged.conflicts).toBe(1);
    expect(merged.text).toBe(
      '<<<<<<< edited x.md\n# My title\n||||||| previous render\n# Title\n=======\n# New title\n>>>>>>> new render\n' +
        base.slice('# Title\n'.length),
    );
    expect(CONFLICT_MARKER.test(merged.text)).toBe(true);
  });

  it('treats the same change on both sides as agreement', () => {
    const both = base.replace('- one', '- uno');
    expect(mergeThreeWay(both, base, both, labels)).toEqual({ text: both, conflicts: 0 });
  });

  it('without a base (no previous zip) differing files conflict as a whole, markers on their own lines', () => {
    const merged = mergeThreeWay('mine', '', 'theirs', labels);
    expect(merged.conflicts).toBe(1);
    expect(merged.text).toBe(
      '<<<<<<< edited x.md\nmine\n||||||| previous render\n=======\ntheirs\n>>>>>>> new render\n',
    );
  });

  it('an unchanged render gives back the edited file exactly, even without a final newline', () => {
    const ours = `${base}Appendix without newline`;
    expect(mergeThreeWay(ours, base, base, labels)).toEqual({ text: ours, conflicts: 0 });
  });
});
