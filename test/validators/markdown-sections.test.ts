import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMarkdownValidator, loadMarkdownlintConfig } from '../../src/validators/markdown.js';
import { findTables, flattenTables, pipeStyle, sectionsFor } from '../../src/validators/markdown-sections.js';

const whole = createMarkdownValidator(loadMarkdownlintConfig(), {
  tableLines: Infinity,
  tables: Infinity,
  rows: Infinity,
});
const sectioned = createMarkdownValidator(loadMarkdownlintConfig(), { tableLines: 0, tables: 0, rows: 2 });

async function both(content: string) {
  const files = [{ path: 'doc.md', content }];
  const strip = (fs: Awaited<ReturnType<typeof whole.validate>>) =>
    fs.map((f) => `${f.line}:${f.rule}:${f.message}`).sort();
  return { whole: strip(await whole.validate(files)), sectioned: strip(await sectioned.validate(files)) };
}

describe('findTables / flattenTables', () => {
  it('finds tables outside code fences, with their body rows', () => {
    const lines = [
      '# T',
      '',
      '| a | b |',
      '| --- | --- |',
      '| 1 | 2 |',
      '',
      '```',
      '| x | y |',
      '| - | - |',
      '```',
      'a | b',
      '--|--',
      'c | d',
      '## next',
    ];
    expect(findTables(lines)).toEqual([
      { start: 2, end: 5 },
      { start: 10, end: 13 },
    ]);
  });

  it('keeps every line and column: only pipes and delimiter characters change', () => {
    const lines = ['| a \\| b | [x](#t) |', '| :-- | --: |', '| 1 | 2 |'];
    const flat = flattenTables(lines, findTables(lines));
    expect(flat.map((l) => l.length)).toEqual(lines.map((l) => l.length));
    expect(flat[0]).toBe('; a \\| b ; [x](#t) ;');
    expect(flat[1]).toBe('; ;;; ; ;;; ;');
  });

  it('names the pipe style of a row like MD055', () => {
    expect(pipeStyle('| a | b |')).toBe('leading_and_trailing');
    expect(pipeStyle('| a | b')).toBe('leading_only');
    expect(pipeStyle('a | b |')).toBe('trailing_only');
    expect(pipeStyle('a | b')).toBe('no_leading_or_trailing');
  });

  it('leaves small documents whole', () => {
    expect(sectionsFor('# T\n\n| a |\n| - |\n| 1 |\n')).toBeUndefined();
  });
});

describe('sectioned linting finds what whole-document linting finds', () => {
  it('on documents with table defects (column count, pipe style, blanks, inline HTML, bare URLs, fragments)', async () => {
    const doc = [
      '# Title',
      '',
      '## Section',
      '',
      '| a | b |',
      '| --- | --- |',
      '| 1 | 2 | 3 |',
      '| <b>x</b> | http://example.com |',
      '| [link](#section) | [bad](#nowhere) |',
      'text right after',
      '',
      'a | b',
      '--- | ---',
      'c | d',
      '',
      '| one |',
      '| --- |',
      '| *emph* | _other_ |',
      '',
      '## Section',
      '',
      'done',
      '',
    ].join('\n');
    const r = await both(doc);
    expect(r.whole.length).toBeGreaterThan(4);
    expect(r.sectioned).toEqual(r.whole);
  });

  it('property: random tables and prose give the same findings', async () => {
    const cell = fc.constantFrom(
      'a',
      'x y',
      '<i>h</i>',
      'http://e.com',
      '*e*',
      '_u_',
      '[l](#t)',
      '`c`',
      '\\|',
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cs) => `| ${cs.join(' | ')} |`);
    const table = fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.array(row, { maxLength: 7 }), fc.boolean())
      .map(([n, rows, blankBefore]) =>
        [
          blankBefore ? '' : 'para',
          `| ${Array(n).fill('h').join(' | ')} |`,
          `|${Array(n).fill(' --- ').join('|')}|`,
          ...rows,
        ].join('\n'),
      );
    const block = fc.oneof(
      table,
      fc.constantFrom('## T', 'Some *text*.', '- item', '```\n| a |\n| - |\n```'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(block, { minLength: 1, maxLength: 6 }), async (blocks) => {
        const doc = `# Doc\n\n${blocks.join('\n\n')}\n`;
        const r = await both(doc);
        expect(r.sectioned).toEqual(r.whole);
      }),
      { numRuns: 150 },
    );
  });
});
