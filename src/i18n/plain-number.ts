// Number formatting for the messages studio ships without ICU's number formatter where the answer is
// known: the first `new Intl.NumberFormat` of a process initialises ICU's number data (~10 ms of a warm
// deep run, measured), and the shipped catalogs only ever ask for a count (`#` of a plural) or a
// non-negative figure with at most N decimals and no grouping (`::.## group-off`).
//
// For those, in the locales studio ships, ICU's output is the shortest decimal of the double (the
// digits `String(n)` prints), rounded half away from zero to the maximum fraction digits, trailing
// zeros dropped, with the locale's decimal separator; test/i18n/plain-number.test.ts checks this
// against Intl.NumberFormat for every shipped locale and option set, on ties and random doubles. Any
// other locale, option set or value (negative, -0, a count of 1,000 or more that would be grouped, an
// exponent, a string or bigint) is formatted by Intl.NumberFormat, created on first need.

/** Decimal separators of the locales studio ships (en-US: source catalogs; fr-CA: the locale pack). */
export const PLAIN_DECIMAL: Readonly<Record<string, string>> = Object.freeze({ 'en-US': '.', 'fr-CA': ',' });

/** What intl-messageformat calls on a number formatter. */
export interface NumberFormatter {
  format(value: number | bigint | string): string;
}

/** Round the shortest decimal digits of `value` (finite, >= 0) to `maxFraction` digits, half away
 *  from zero, and drop trailing zeros: [integer part, fraction part], or null for an exponent form. */
export function roundShortest(value: number, maxFraction: number): [string, string] | null {
  const text = String(value);
  if (text.includes('e')) return null;
  const dot = text.indexOf('.');
  let digits = dot === -1 ? text : text.slice(0, dot) + text.slice(dot + 1);
  let intLength = dot === -1 ? text.length : dot;
  const fraction = digits.length - intLength;
  if (fraction > maxFraction) {
    const up = digits.charCodeAt(intLength + maxFraction) >= 53; // '5'..'9'
    digits = digits.slice(0, intLength + maxFraction);
    if (up) {
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === '9') i -= 1;
      digits =
        i < 0
          ? `1${'0'.repeat(digits.length)}`
          : digits.slice(0, i) + String(Number(digits[i]) + 1) + '0'.repeat(digits.length - i - 1);
      if (i < 0) intLength += 1;
    }
  }
  const int = digits.slice(0, intLength).replace(/^0+(?=\d)/, '');
  return [int === '' ? '0' : int, digits.slice(intLength).replace(/0+$/, '')];
}

/** `new Intl.NumberFormat(locales, opts)`, or an equivalent that needs ICU's number data only for
 *  values outside the case above. */
export function numberFormat(locales: string | string[], opts?: Intl.NumberFormatOptions): NumberFormatter {
  const separator =
    typeof locales === 'string' && Object.hasOwn(PLAIN_DECIMAL, locales) ? PLAIN_DECIMAL[locales] : undefined;
  const keys = opts === undefined ? [] : Object.keys(opts).sort();
  // No options: a plural's `#` (up to 3 decimals, grouped). Else exactly `::.<#s> group-off`.
  const maxFraction =
    keys.length === 0
      ? 3
      : keys.length === 2 &&
          keys[0] === 'maximumFractionDigits' &&
          keys[1] === 'useGrouping' &&
          opts!.useGrouping === false
        ? opts!.maximumFractionDigits
        : undefined;
  if (
    separator === undefined ||
    maxFraction === undefined ||
    !Number.isInteger(maxFraction) ||
    maxFraction < 0 ||
    maxFraction > 20
  )
    return new Intl.NumberFormat(locales, opts);
  const grouped = keys.length === 0;
  let intl: Intl.NumberFormat | undefined;
  return {
    format(value) {
      if (typeof value === 'number' && value >= 0 && !Object.is(value, -0) && Number.isFinite(value)) {
        const parts = roundShortest(value, maxFraction);
        // Grouping separators appear from 1,000 on.
        if (parts !== null && !(grouped && parts[0].length > 3))
          return parts[1] === '' ? parts[0] : `${parts[0]}${separator}${parts[1]}`;
      }
      intl ??= new Intl.NumberFormat(locales, opts);
      return intl.format(value as number);
    },
  };
}
