// npm's `semver`, required function by function on first use: most commands never compare versions,
// and the whole package costs start-up time (ranges alone pull in the Range, Comparator and cache
// classes). A version check loads only the parser.
import { createRequire } from 'node:module';
import type compareFn from 'semver/functions/compare.js';
import type parseFn from 'semver/functions/parse.js';
import type satisfiesFn from 'semver/functions/satisfies.js';
import type validRangeFn from 'semver/ranges/valid.js';

const load = createRequire(import.meta.url);

/** The parsed version, or null when `text` is not a semver version. */
export function parseVersion(text: string): ReturnType<typeof parseFn> {
  return (load('semver/functions/parse.js') as typeof parseFn)(text);
}

export function isValidVersion(text: string): boolean {
  return parseVersion(text) !== null;
}

/** Semver precedence of two valid versions: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  return (load('semver/functions/compare.js') as typeof compareFn)(a, b);
}

export function isValidRange(range: string): boolean {
  return (
    typeof range === 'string' &&
    range.trim() !== '' &&
    (load('semver/ranges/valid.js') as typeof validRangeFn)(range) !== null
  );
}

/** npm's rule: a pre-release satisfies a range only through a comparator naming a pre-release of the
 *  same major.minor.patch (so 2.0.0-rc.1 does not satisfy ">1"). */
export function satisfies(version: string, range: string): boolean {
  return (load('semver/functions/satisfies.js') as typeof satisfiesFn)(version, range);
}
