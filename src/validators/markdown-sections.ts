// markdownlint's table parser (micromark-extension-gfm-table) walks the whole document's events once per
// table, and a table's rows quadratically: a 1,000-feature PRD with a table per feature took minutes.
// A document with many table rows is therefore linted in two linear passes that together check the
// same properties:
//  - the document with every table flattened: each `|` becomes `;` and each delimiter row plain text,
//    same lines and columns, so every non-table rule (headings, lists, links and their fragments,
//    inline HTML, bare URLs, emphasis inside cells…) sees the same text at the same place;
//  - each table alone with the line before and after it (for blanks-around-tables), linted with only
//    the table rules (MD055 pipe style — fixed to the document's first table, as "consistent" would —,
//    MD056 column count, MD058 blank lines, MD060 column style), findings moved to their real lines.

/** A table found in a document: 0-based line range [start, end). */
export interface TableRange {
  start: number;
  end: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
// Lines that start another block and so end a table.
const BLOCK_START = /^ {0,3}(#{1,6}(\s|$)|>|`{3,}|~{3,}|([-*_])[ \t]*(\3[ \t]*){2,}$)/;

/** Cells of a row: split on pipes that are not backslash-escaped, outer pipes dropped. */
function cellCount(line: string): number {
  const trimmed = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).length;
}

/** Every GFM table outside fenced code, in order. */
export function findTables(lines: readonly string[]): TableRange[] {
  const tables: TableRange[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const match = FENCE.exec(line);
    if (match?.[1]) {
      const marker = match[1];
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null || i === 0) continue;
    const header = lines[i - 1]!;
    if (!DELIMITER_ROW.test(line) || !/(?<!\\)\|/.test(header + line) || header.trim() === '') continue;
    if (cellCount(header) !== cellCount(line)) continue;
    if (tables.length > 0 && tables[tables.length - 1]!.end > i - 1) continue;
    let end = i + 1;
    while (end < lines.length && lines[end]!.trim() !== '' && !BLOCK_START.test(lines[end]!)) end += 1;
    tables.push({ start: i - 1, end });
  }
  return tables;
}

/** The document with tables turned into plain text of the same shape (see the file comment). */
export function flattenTables(lines: readonly string[], tables: readonly TableRange[]): string[] {
  const out = [...lines];
  for (const { start, end } of tables) {
    for (let i = start; i < end; i += 1) {
      const line = out[i]!;
      out[i] = i === start + 1 ? line.replace(/[^ \t]/g, ';') : line.replace(/(?<!\\)\|/g, ';');
    }
  }
  return out;
}

/** MD055's style names, from the first row of a table. */
export function pipeStyle(row: string): string {
  const leading = /^\s*\|/.test(row);
  const trailing = /(?<!\\)\|\s*$/.test(row);
  if (leading) return trailing ? 'leading_and_trailing' : 'leading_only';
  return trailing ? 'trailing_only' : 'no_leading_or_trailing';
}

const TABLE_RULES = [
  ['MD055', 'table-pipe-style'],
  ['MD056', 'table-column-count'],
  ['MD058', 'blanks-around-tables'],
  ['MD060', 'table-column-style'],
] as const;

/** The config for linting tables alone: only the table rules, as `config` sets them, with MD055's
 *  "consistent" replaced by the style of the document's first table. */
export function tableRulesConfig(config: Record<string, unknown>, firstRow: string): Record<string, unknown> {
  const out: Record<string, unknown> = { default: false };
  for (const [name, alias] of TABLE_RULES) {
    let value = config[name] ?? config[alias] ?? config.table ?? config.default ?? true;
    if (name === 'MD055' && value !== false) {
      const given =
        typeof value === 'object' && value !== null ? (value as { style?: string }).style : undefined;
      if (given === undefined || given === 'consistent')
        value = { ...(typeof value === 'object' ? value : {}), style: pipeStyle(firstRow) };
    }
    out[name] = value;
  }
  return out;
}

/** A piece of a document to lint on its own, and where each of its lines sits in the document. */
export interface Section {
  content: string;
  /** 0-based document line of each section line. */
  lines: number[];
  /** Table sections are linted with tableRulesConfig, the flattened document with the full config. */
  kind: 'document' | 'table';
}

/** When a document is linted in sections: its tables hold more lines, or are more, than this. */
export interface SectionLimits {
  tableLines: number;
  tables: number;
  /** Body rows per table section: a table's rows cost quadratic time within one parse. */
  rows: number;
}

export const SECTION_LIMITS: SectionLimits = { tableLines: 200, tables: 10, rows: 100 };

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** The sections of a document whose tables exceed `limits`; undefined when it is linted whole. A long
 *  table is cut into pieces of `limits.rows` rows, each under the table's header and delimiter
 *  rows; the line before the table goes with the first piece and the line after with the last. */
export function sectionsFor(
  content: string,
  limits: SectionLimits = SECTION_LIMITS,
): { sections: Section[]; firstRow: string } | undefined {
  const lines = content.split('\n');
  const tables = findTables(lines);
  const tableLines = tables.reduce((n, t) => n + t.end - t.start, 0);
  if (tableLines <= limits.tableLines && tables.length <= limits.tables) return undefined;
  const sections: Section[] = [
    { content: flattenTables(lines, tables).join('\n'), lines: range(0, lines.length), kind: 'document' },
  ];
  for (const { start, end } of tables) {
    const before = start > 0 ? [start - 1] : [];
    const after = end < lines.length ? [end] : [];
    const bodyStart = start + 2;
    for (let from = bodyStart; from < end || from === bodyStart; from += limits.rows) {
      const to = Math.min(end, from + limits.rows);
      const map = [
        ...(from === bodyStart ? before : []),
        start,
        start + 1,
        ...range(from, to),
        ...(to === end ? after : []),
      ];
      sections.push({ content: `${map.map((i) => lines[i]).join('\n')}\n`, lines: map, kind: 'table' });
    }
  }
  return { sections, firstRow: lines[tables[0]!.start]! };
}
