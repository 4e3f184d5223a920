export * from './types.js';

/** Longest slug `slugify` returns. */
export declare const SLUG_MAX_LENGTH: number;
/** The six STRIDE categories, in STRIDE's order. */
export declare const STRIDE_CATEGORIES: readonly import('./types.js').StrideCategory[];

/**
 * The one slug of studio (host `slug` filter and agents): lowercase ASCII `[a-z0-9]+(-[a-z0-9]+)*`,
 * at most SLUG_MAX_LENGTH characters, the same on Linux, macOS and Windows. Accents fold (é → e,
 * ß → ss, ø → o); a Windows device name gets a `-doc` suffix. Text with nothing foldable to ASCII
 * gives `fallback` when given, else "item" (blank text) or "item-<8 hex>" (e.g. CJK), so different
 * such texts do not collide.
 */
export declare function slugify(text: string, fallback?: string): string;

/** Compare by UTF-16 code units, independent of the process locale (unlike localeCompare): the sort
 *  order of everything studio lists or writes. */
export declare function compareCodePoints(a: string, b: string): number;

/** A {@link Message}: `msg('brief.heading.problem')`, `msg('prd.count', { n: 3 })`. Arguments are copied. */
export declare function msg(id: string, args?: import('./types.js').MessageArgs): import('./types.js').Message;

/** A participant's trust zone in words: `common.verbatim` of the declared zone, else the default zone's
 *  message (`zone.internet` for people, `zone.third_party` for an external system, `zone.undeclared`,
 *  `zone.product` for the product's own services). */
export declare function zoneMessage(
  p: import('./types.js').DeepReadonly<import('./types.js').ModelParticipant>,
): import('./types.js').Message;
