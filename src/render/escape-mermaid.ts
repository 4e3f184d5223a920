// Escaping of user text for Mermaid diagrams, and safe Mermaid identifiers.
//
// Mermaid decodes entity codes (`#35;`, `#quot;`) in every diagram type before lexing (see
// `encodeEntities` in mermaid's Diagram.fromText), so encoding every ASCII punctuation character as an
// entity code keeps user text from ever reaching the diagram grammar: no `"` ending a label, no `;` or
// newline ending a statement, no `%%{init}%%` directive, no `click … call` interaction, no `-->` edge,
// no HTML in labels. Letters, digits, spaces and non-ASCII characters (emoji, RTL text) pass through.
import { sha256Hex } from '../util/hash.js';
import { collapseWhitespace, toText } from './escape-markdown.js';

/** Named codes the Mermaid docs use; every other special character gets its numeric code. */
const NAMED: Readonly<Record<string, string>> = {
  '"': '#quot;',
  '#': '#35;',
  ';': '#59;',
  '<': '#lt;',
  '>': '#gt;',
};

// U+FB02 and U+00B6 are the private markers mermaid itself substitutes for `#…;` codes; a user text
// holding them could otherwise decode into an unintended entity.
const ENCODE = /[\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E\uFB02\u00B6]/gu;

function encode(text: string): string {
  const collapsed = collapseWhitespace(text);
  // An empty label does not parse (`A[""]`); a dash keeps the node visible and valid.
  if (collapsed === '') return '-';
  return collapsed.replace(ENCODE, (c) => NAMED[c] ?? `#${c.codePointAt(0)};`);
}

/** Text inside a double-quoted Mermaid label: `A["{{ x | mmd }}"]`, `-->|"{{ x | mmd }}"|`,
 *  `state "{{ x | mmd }}" as S1`. */
export function escapeMermaidLabel(value: unknown): string {
  return encode(toText(value, 'mmd'));
}

/** Text in an unquoted Mermaid position, where the text runs to the end of the line: a sequence
 *  message (`A->>B: {{ x | mmd_text }}`), a participant alias (`participant P1 as {{ x | mmd_text }}`;
 *  quotes there would be shown literally), a note, a state description (`S1 : {{ x | mmd_text }}`) or a
 *  transition label. The encoding is the same as `mmd` (every punctuation character is encoded, so
 *  `;`, `#`, `:` and `%%` cannot end or redirect the statement); the separate name states the position
 *  so templates stay correct if either encoding has to change. */
export function escapeMermaidText(value: unknown): string {
  return encode(toText(value, 'mmd_text'));
}

// Words that break a diagram when used as a bare node or participant id (compared case-insensitively;
// `end`, `click`, `style`, `graph`, `default`, `over`, `autonumber` were confirmed with mermaid.parse).
const RESERVED_IDS = new Set(
  (
    'end graph flowchart subgraph click call href style class classdef linkstyle default direction ' +
    'tb td bt rl lr participant actor as loop alt else opt par and critical break rect box note over ' +
    'left right of activate deactivate autonumber create destroy title acctitle accdescr state fork ' +
    'join choice concurrent hide empty links link properties details off'
  ).split(' '),
);

const SAFE_ID = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A Mermaid identifier `[A-Za-z][A-Za-z0-9_]*` derived deterministically from text. Text that already
 *  is a safe, non-reserved identifier is kept; anything else is folded to ASCII and given a short hash
 *  suffix, so different texts ("a b", "a-b") never share an id. */
export function mermaidId(value: unknown): string {
  const text = toText(value, 'mmd_id');
  if (SAFE_ID.test(text) && text.length <= 64 && !RESERVED_IDS.has(text.toLowerCase())) return text;
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  const base = /^[A-Za-z]/.test(folded) ? folded : `n${folded}`;
  const hash = sha256Hex(text).slice(0, 6);
  return `${base}_${hash}`;
}
