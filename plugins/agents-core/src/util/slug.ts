// File-name slugs for per-item artifacts (sequence_{slug}.mmd), from the one slugify of @studio/sdk
// (plain ASCII, never a name Windows reserves: the same file on Linux, macOS and Windows).
import { slugify } from '@studio/sdk';

export { slugify };

/**
 * One unique slug per entry, in input order. A name that slugs to nothing falls back to the id; a
 * collision takes the id as suffix (so the first holder keeps the plain slug whatever follows), then
 * a counter if even that is taken.
 */
export function uniqueSlugs(entries: readonly { id: string; name: string }[]): string[] {
  const used = new Set<string>();
  return entries.map(({ id, name }) => {
    const idSlug = slugify(id, 'item');
    const base = slugify(name, idSlug);
    let slug = base;
    if (used.has(slug)) slug = base === idSlug ? base : `${base}-${idSlug}`;
    for (let n = 2; used.has(slug); n += 1) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  });
}
