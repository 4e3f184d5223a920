// BCP 47 locale tags: a syntactic check and canonical casing (en-us → en-US). Done by hand rather than
// Intl.getCanonicalLocales, whose alias mapping depends on the ICU version of the Node build.

const BCP47 =
  /^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|[0-9]{3}))?(-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$/;

export const DEFAULT_LOCALE = 'en-US';

export function isLocale(tag: string): boolean {
  return BCP47.test(tag);
}

/** Canonical casing: language lowercase, script title case, region uppercase, variants lowercase. */
export function canonicalLocale(tag: string): string {
  return tag
    .split('-')
    .map((part, i) => {
      if (i === 0) return part.toLowerCase();
      if (/^[A-Za-z]{4}$/.test(part) && i === 1) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      if (/^[A-Za-z]{2}$/.test(part)) return part.toUpperCase();
      return part.toLowerCase();
    })
    .join('-');
}
