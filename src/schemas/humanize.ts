// Turn ajv's error objects into the located, human ErrorDetail studio prints: one message a
// person can act on, and a hint (a "did you mean", a schema-provided `x-hint`, or a fix).
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { ErrorDetail } from '../errors/studio-error.js';
import { closestMatch } from './closest.js';

type SchemaNode = Record<string, unknown>;

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
  null: 'empty',
};

/** Escape one JSON-pointer segment (RFC 6901). */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function typeWords(type: unknown): string {
  const types = (Array.isArray(type) ? type : String(type).split(',')).map(String);
  return types.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
}

function schemaHint(error: ErrorObject): string | undefined {
  const parent = error.parentSchema as SchemaNode | undefined;
  const hint = parent?.['x-hint'];
  return typeof hint === 'string' ? hint : undefined;
}

function typeHint(expected: string[], data: unknown): string | undefined {
  if (expected.includes('string') && (typeof data === 'number' || typeof data === 'boolean')) {
    return `Quote it ("${String(data)}") so it is read as text.`;
  }
  if (expected.includes('array') && !Array.isArray(data)) {
    return 'Write a list: one "- item" line per entry in YAML, or [ … ] in JSON.';
  }
  if (expected.includes('object') && (data === null || typeof data !== 'object' || Array.isArray(data))) {
    return 'Write "key: value" pairs here (a mapping), not a single value or a list.';
  }
  return undefined;
}

function knownKeys(error: ErrorObject): string[] {
  const properties = (error.parentSchema as SchemaNode | undefined)?.properties;
  return properties && typeof properties === 'object'
    ? Object.keys(properties).filter((k) => k !== '$schema')
    : [];
}

/** One ajv error → one detail, or null for errors that only repeat another one (`if`). */
export function humanizeError(error: ErrorObject): ErrorDetail | null {
  const pointer = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      // The failing `then`/`else` branch reports the actual problem.
      return null;
    case 'required': {
      const key = String(params.missingProperty);
      return {
        pointer,
        message: `missing required key "${key}"`,
        hint: schemaHint(error) ?? `Add "${key}" here.`,
      };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = knownKeys(error);
      const guess = closestMatch(key, known);
      return {
        pointer: `${pointer}/${escapePointerSegment(key)}`,
        message: `unknown key "${key}"${guess ? ` — did you mean "${guess}"?` : ''}`,
        hint: guess
          ? `Rename "${key}" to "${guess}".`
          : known.length > 0
            ? `Remove it; the keys allowed here are: ${known.join(', ')}.`
            : 'Remove it; no keys are allowed here.',
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const guess =
        typeof error.data === 'string'
          ? closestMatch(
              error.data,
              allowed.filter((v): v is string => typeof v === 'string'),
            )
          : undefined;
      return {
        pointer,
        message: `must be one of: ${allowed.map(String).join(', ')}`,
        hint: guess
          ? `Did you mean "${guess}"? Values are case-sensitive.`
          : (schemaHint(error) ?? 'Use one of the listed values, spelled exactly as shown.'),
      };
    }
    case 'const':
      return { pointer, message: `must be ${quote(params.allowedValue)}`, hint: schemaHint(error) };
    case 'type': {
      const expected = (Array.isArray(params.type) ? params.type : String(params.type).split(',')).map(
        String,
      );
      return {
        pointer,
        message: `must be ${typeWords(expected)}`,
        hint: typeHint(expected, error.data) ?? schemaHint(error),
      };
    }
    case 'minLength':
      return {
        pointer,
        message:
          params.limit === 1
            ? 'must not be empty'
            : `must be at least ${String(params.limit)} characters long`,
        hint: schemaHint(error),
      };
    case 'maxLength':
      return {
        pointer,
        message: `must be at most ${String(params.limit)} characters long`,
        hint: schemaHint(error),
      };
    case 'pattern':
      // The pattern \S is how the schemas say "not blank"; say it in words (and merge with minLength's error).
      if (params.pattern === '\\S') return { pointer, message: 'must not be empty', hint: schemaHint(error) };
      return {
        pointer,
        message: `is not in the expected format (pattern ${String(params.pattern)})`,
        hint: schemaHint(error),
      };
    case 'minItems':
      return {
        pointer,
        message:
          params.limit === 1
            ? 'must list at least one item'
            : `must list at least ${String(params.limit)} items`,
        hint: schemaHint(error),
      };
    case 'maxItems':
      return { pointer, message: `must list at most ${String(params.limit)} items`, hint: schemaHint(error) };
    case 'uniqueItems':
      return {
        pointer,
        message: `must not repeat an item (items ${String(params.j)} and ${String(params.i)} are equal)`,
        hint: schemaHint(error) ?? 'Remove the duplicate.',
      };
    case 'format':
      return { pointer, message: `must be a valid ${String(params.format)}`, hint: schemaHint(error) };
    default:
      return {
        pointer,
        message: error.message ?? `fails the "${error.keyword}" rule`,
        hint: schemaHint(error),
      };
  }
}

/** All ajv errors → details, without repeats (allErrors can report one problem twice). */
export function humanizeErrors(errors: readonly ErrorObject[]): ErrorDetail[] {
  const seen = new Set<string>();
  const out: ErrorDetail[] = [];
  for (const error of errors) {
    const detail = humanizeError(error);
    if (detail === null) continue;
    const key = `${detail.pointer}\u0000${detail.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (detail.hint === undefined) delete detail.hint;
    out.push(detail);
  }
  return out;
}
