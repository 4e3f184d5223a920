// File-name slugs for per-item artifacts (sequence_{slug}.mmd). The same slug must come out on Linux,
// macOS and Windows, so it is plain ASCII and never a name Windows reserves.

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/;
const MAX_LENGTH = 60;

/** Lowercase a-z0-9 and single dashes; '' when nothing usable is left. */
export function slugify(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const slug = ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LENGTH)
    .replace(/-+$/g, '');
  return RESERVED.test(slug) ? `${slug}-flow` : slug;
}

/**
 * One unique slug per entry, in input order. A name that slugs to nothing falls back to the id; a
 * collision takes the id as suffix (so the first holder keeps the plain slug whatever follows), then
 * a counter if even that is taken.
 */
export function uniqueSlugs(entries: readonly { id: string; name: string }[]): string[] {
  const used = new Set<string>();
  return entries.map(({ id, name }) => {
    const idSlug = slugify(id) || 'item';
    const base = slugify(name) || idSlug;
    let slug = base;
    if (used.has(slug)) slug = base === idSlug ? base : `${base}-${idSlug}`;
    for (let n = 2; used.has(slug); n += 1) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  });
}
