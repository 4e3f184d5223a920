// The small runtime of @studio/sdk: helpers whose answer must be the same in the host and in every
// agent (slugs name files; code-point order keeps outputs byte-stable whatever the process locale).
// No dependencies and no Node built-ins, so it runs wherever an agent runs.

/** Longest slug; leaves room for a prefix and an extension within common path limits. */
export const SLUG_MAX_LENGTH = 60;

/** The six STRIDE categories, in STRIDE's order. */
export const STRIDE_CATEGORIES = Object.freeze([
  'Spoofing',
  'Tampering',
  'Repudiation',
  'Information disclosure',
  'Denial of service',
  'Elevation of privilege',
]);

// Letters NFKD does not decompose into ASCII.
const FOLD = Object.freeze({
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
});

// Device names Windows reserves whatever the extension ("con.md" cannot be created).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** FNV-1a (32 bits) over the UTF-16 code units, as 8 hex digits: a stable tag for text with no ASCII
 *  slug (no crypto: this must run wherever an agent runs). */
function tag(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * @param {string} text
 * @param {string} [fallback]
 * @returns {string}
 */
export function slugify(text, fallback) {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{ASCII}]/gu, (c) => FOLD[c] ?? ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  let slug = folded.slice(0, SLUG_MAX_LENGTH).replace(/-+$/, '');
  if (slug === '') slug = fallback ?? (text.trim() === '' ? 'item' : `item-${tag(text)}`);
  return WINDOWS_RESERVED.test(slug) ? `${slug}-doc` : slug;
}

/**
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function compareCodePoints(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * @param {string} id
 * @param {import('./types.js').MessageArgs} [args]
 * @returns {import('./types.js').Message}
 */
export function msg(id, args) {
  return args === undefined ? { msg: id } : { msg: id, args: { ...args } };
}

/**
 * A participant's trust zone in words: as declared (the author's text), else the default zone as a
 * message of the shared model's catalog (balanced's `zone.*`, which deep extends), so a locale pack
 * names it in its language.
 * @param {import('./types.js').DeepReadonly<import('./types.js').ModelParticipant>} p
 * @returns {import('./types.js').Message}
 */
export function zoneMessage(p) {
  if (p.zone_declared) return msg('common.verbatim', { text: p.zone });
  if (p.kind === 'person') return msg('zone.internet');
  if (p.kind === 'external') return msg('zone.third_party', { name: p.name });
  if (p.kind === 'undeclared') return msg('zone.undeclared');
  return msg('zone.product');
}
