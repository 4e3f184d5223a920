// File-name-safe slugs from user text, from the one slugify of @studio/sdk (lowercase ASCII: the same
// on Linux, macOS and Windows, and on case-insensitive file systems).
import { SLUG_MAX_LENGTH, slugify } from '@studio/sdk';

export { slugify };

/** Hands out slugs that are unique within one family of files (first come keeps the plain slug). */
export class SlugAllocator {
  private readonly taken = new Set<string>();

  /** A slug for `text` not handed out before: `name`, then `name-2`, `name-3`… (shortened so that
   *  the suffix still fits in SLUG_MAX_LENGTH). */
  allocate(text: string, fallback: string): string {
    const base = slugify(text, fallback);
    let candidate = base;
    for (let n = 2; this.taken.has(candidate); n += 1) {
      const suffix = `-${n}`;
      candidate = `${base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/u, '')}${suffix}`;
    }
    this.taken.add(candidate);
    return candidate;
  }
}
