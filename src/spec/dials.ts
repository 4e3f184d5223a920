// The three dials: allowed values, defaults, and the `--dials audience=…,flow=…,test=…` parser.
import type { Dials } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { closestMatch, foldName } from '../schemas/closest.js';

/** Allowed values of each dial, in the order documents list them (the first is the default). */
export const DIAL_VALUES = {
  audience: ['Balanced', 'Engineering', 'Executive'],
  flow: ['Dual-Track', 'Scrum', 'Kanban'],
  test: ['Pyramid', 'Trophy', 'Diamond'],
} as const satisfies { [K in keyof Dials]: readonly Dials[K][] };

export const DIAL_NAMES = ['audience', 'flow', 'test'] as const;

export const DEFAULT_DIALS: Dials = { audience: 'Balanced', flow: 'Dual-Track', test: 'Pyramid' };

const ALLOWED_TEXT = DIAL_NAMES.map((n) => `${n}=${DIAL_VALUES[n].join('|')}`).join(', ');

/** The canonical spelling of a dial value, matched ignoring case and separators
 *  ("dual_track" → "Dual-Track"), or undefined. */
export function canonicalDialValue<K extends keyof Dials>(dial: K, value: string): Dials[K] | undefined {
  const folded = foldName(value);
  return (DIAL_VALUES[dial] as readonly string[]).find((v) => foldName(v) === folded) as Dials[K] | undefined;
}

function flagError(message: string, hint: string): StudioError {
  return new StudioError(ErrorCodes.FLAG_INVALID, message, { hint });
}

/** Parse `audience=Engineering,flow=Scrum,test=Trophy` (any subset, any order, values matched
 *  ignoring case) into canonical dials. Throws FLAG_INVALID naming the allowed values. */
export function parseDials(text: string): Partial<Dials> {
  const out: Partial<Dials> = {};
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      throw flagError(`--dials: "${part}" is not name=value`, `Write --dials ${ALLOWED_TEXT}.`);
    }
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (!(DIAL_NAMES as readonly string[]).includes(name)) {
      const guess = closestMatch(name, DIAL_NAMES);
      throw flagError(
        `--dials: unknown dial "${name}"${guess ? ` — did you mean "${guess}"?` : ''}`,
        `The dials are: ${ALLOWED_TEXT}.`,
      );
    }
    const dial = name as keyof Dials;
    if (seen.has(dial)) throw flagError(`--dials: "${dial}" is given twice`, 'Give each dial at most once.');
    seen.add(dial);
    const canonical = canonicalDialValue(dial, value);
    if (canonical === undefined) {
      const guess = closestMatch(value, DIAL_VALUES[dial]);
      throw flagError(
        `--dials: ${dial} must be one of: ${DIAL_VALUES[dial].join(', ')} (got "${value}")`,
        guess ? `Did you mean ${dial}=${guess}?` : `Allowed: ${dial}=${DIAL_VALUES[dial].join('|')}.`,
      );
    }
    (out as Record<string, string>)[dial] = canonical;
  }
  return out;
}
