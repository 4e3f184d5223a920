// File-name-safe slugs: the same bytes on Linux, macOS and Windows (lowercase ASCII only, so no
// case-folding or Unicode-normalization differences between file systems, and no reserved names).
import { createHash } from 'node:crypto';
import { toText } from './escape-markdown.js';

/** Longest slug; leaves room for a prefix and an extension within common path limits. */
export const SLUG_MAX_LENGTH = 60;

// Letters NFKD does not decompose into ASCII.
const FOLD: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ħ: 'h',
  ŋ: 'ng',
};

// Device names Windows reserves whatever the extension ("con.md" cannot be created).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** A slug matching `^[a-z0-9]+(-[a-z0-9]+)*$`, at most SLUG_MAX_LENGTH characters, never a Windows
 *  reserved name (those get a `-doc` suffix). Blank text gives "item"; text with nothing foldable to
 *  ASCII (e.g. only CJK) gives "item-<hash>" so different such texts do not collide. */
export function slugify(value: unknown): string {
  const text = toText(value, 'slug');
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{ASCII}]/gu, (c) => FOLD[c] ?? ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  let slug = folded.slice(0, SLUG_MAX_LENGTH).replace(/-+$/, '');
  if (slug === '') {
    if (text.trim() === '') return 'item';
    slug = `item-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
  }
  return WINDOWS_RESERVED.test(slug) ? `${slug}-doc` : slug;
}
