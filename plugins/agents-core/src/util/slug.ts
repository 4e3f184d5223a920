// File-name slugs for per-item artifacts (sequence_{slug}.mmd), from the one slugify of @studio/sdk
// (plain ASCII, never a name Windows reserves: the same file on Linux, macOS and Windows).
import { SLUG_MAX_LENGTH, slugify } from '@studio/sdk';

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
    // The engine slugs the path placeholder again (render.ts), cutting at SLUG_MAX_LENGTH: a suffix
    // must fit inside it, or two long names that share a prefix would write one file.
    const fit = (suffix: string) => {
      const s = `${base.slice(0, Math.max(0, SLUG_MAX_LENGTH - suffix.length)).replace(/-+$/, '')}${suffix}`;
      return slugify(s) === s ? s : undefined;
    };
    let slug = base;
    if (used.has(slug) && base !== idSlug) slug = fit(`-${idSlug}`) ?? slug;
    for (let n = 2; used.has(slug); n += 1) slug = fit(`-${n}`) ?? `${n}`;
    used.add(slug);
    return slug;
  });
}
