// Escaping of user text for Markdown prose and table cells. The goal is that the rendered document shows
// the user's characters literally: no emphasis, links, headings, lists, HTML or autolinks can come from
// user text, and markdownlint (MD033 inline HTML, MD034 bare URLs…) has nothing to flag.

// C0/C1 control characters other than whitespace are invisible in a document and can confuse viewers.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;

// ASCII punctuation that can start or end an inline construct anywhere in a line. CommonMark allows a
// backslash before any ASCII punctuation, so escaping more than strictly needed never changes the text.
const INLINE_SPECIALS = /[\\`*_{}[\]<>|~!$@]/g;

// An `&` that would form a character reference (`&copy;`, `&#169;`, `&#xA9;`).
const ENTITY_START = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/g;

/** Turn any value a template passes into text; null/undefined become empty (templates guard optional
 *  fields with `{% if %}`; an empty value then renders as nothing rather than "null"). */
export function toText(value: unknown, filter: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  throw new TypeError(
    `filter "${filter}" expects text, got ${Array.isArray(value) ? 'a list' : typeof value}`,
  );
}

/** Collapse every run of whitespace (newlines included) to one space, drop control characters, trim. */
export function collapseWhitespace(text: string): string {
  return text.replace(CONTROL, '').replace(/\s+/gu, ' ').trim();
}

/** Escape user text for Markdown prose (the `md` filter). The result is one line. */
export function escapeMarkdown(value: unknown): string {
  let text = collapseWhitespace(toText(value, 'md'));
  text = text.replace(INLINE_SPECIALS, (c) => `\\${c}`);
  text = text.replace(ENTITY_START, '&amp;');
  // Autolink literals (GFM) would turn URLs and e-mail addresses into links, and MD034 flags them.
  text = text.replace(/(?<=[A-Za-z0-9])(:\/\/)/g, '\\$1').replace(/(www)\./gi, '$1\\.');
  // A heading ending in "#" ("### SDK for C#") reads as a closed ATX heading (MD020/MD003): the
  // trailing run is escaped wherever the text lands (before the line-start escape, which it then skips).
  text = text.replace(/#+$/, (run) => run.replace(/#/g, '\\#'));
  // Block-level markers only matter at the start of a line, where the template may place the text
  // (a heading, a list item, a setext underline, an ordered-list number).
  text = text.replace(/^([#+=-])/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
  return text;
}

/** Escape user text for a Markdown table cell (the `cell` filter): `md` escaping (which already escapes
 *  `|`), and an empty value becomes "-" so the row keeps its columns visibly. */
export function escapeCell(value: unknown): string {
  const text = escapeMarkdown(toText(value, 'cell'));
  return text === '' ? '-' : text;
}
