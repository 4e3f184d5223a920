// File-name-safe slugs from user text. The result must be the same on Linux, macOS and Windows and must
// survive case-insensitive file systems, so slugs are lowercase ASCII and made unique case-insensitively.

// Device names Windows reserves with any extension ("con.schema.json" cannot be created there).
const WINDOWS_RESERVED = new Set([
  'con',
  'prn',
  'aux',
  'nul',
  'com0',
  'com1',
  'com2',
  'com3',
  'com4',
  'com5',
  'com6',
  'com7',
  'com8',
  'com9',
  'lpt0',
  'lpt1',
  'lpt2',
  'lpt3',
  'lpt4',
  'lpt5',
  'lpt6',
  'lpt7',
  'lpt8',
  'lpt9',
]);

/** Longest slug produced: keeps whole paths well under Windows' 260-character limit. */
export const MAX_SLUG_LENGTH = 60;

/**
 * Lowercase ASCII `[a-z0-9-]` slug: accents are folded (é → e), everything else becomes a dash, runs of
 * dashes collapse, and the result is trimmed to MAX_SLUG_LENGTH on a dash boundary when possible.
 * Text with no ASCII letters or digits (e.g. "日本語") falls back to `fallback`. A Windows device name
 * gets a `-item` suffix so the file can exist on every platform.
 */
export function slugify(text: string, fallback: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/ß/gu, 'ss')
    .replace(/[æÆ]/gu, 'ae')
    .replace(/[øØ]/gu, 'o')
    .toLowerCase();
  let slug = folded.replace(/[^a-z0-9]+/gu, '-').replace(/^-+|-+$/gu, '');
  if (slug.length > MAX_SLUG_LENGTH) {
    const cut = slug.slice(0, MAX_SLUG_LENGTH);
    const lastDash = cut.lastIndexOf('-');
    slug = (lastDash >= MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/u, '');
  }
  if (slug === '') slug = fallback;
  if (WINDOWS_RESERVED.has(slug)) slug = `${slug}-item`;
  return slug;
}

/** Hands out slugs that are unique within one family of files (first come keeps the plain slug). */
export class SlugAllocator {
  private readonly taken = new Set<string>();

  /** A slug for `text` not handed out before: `name`, then `name-2`, `name-3`… */
  allocate(text: string, fallback: string): string {
    const base = slugify(text, fallback);
    let candidate = base;
    for (let n = 2; this.taken.has(candidate); n += 1) candidate = `${base}-${n}`;
    this.taken.add(candidate);
    return candidate;
  }
}
