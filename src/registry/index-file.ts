// Reading and checking registry index files. An index decides what may be installed, so a broken or
// ambiguous index is refused outright rather than half-used.
import { readFileSync, statSync } from 'node:fs';
import type { RegistryIndex } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { type ErrorDetail, StudioError, isStudioError } from '../errors/studio-error.js';
import { validateSchema } from '../schemas/validate.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { parseJsonStrict } from '../util/parse-json-strict.js';
import { npmNameProblem } from './npm-name.js';
import { isValidRange } from '../util/semver.js';

/** Largest index file read (a listing of thousands of packs is far below this). */
export const MAX_INDEX_BYTES = 5 * 1024 * 1024;

/** Problems beyond the schema: npm name rules, duplicates, ranges. `strict` adds authoring checks
 *  (packages sorted by name) that `studio registry verify` reports but loading tolerates. */
export function semanticProblems(index: RegistryIndex, options: { strict?: boolean } = {}): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const names = new Map<string, number>();
  index.packages.forEach((pkg, i) => {
    const at = `/packages/${i}`;
    const nameProblem = npmNameProblem(pkg.name);
    if (nameProblem)
      problems.push({
        pointer: `${at}/name`,
        message: `"${pkg.name}" is not a valid npm name: ${nameProblem}`,
      });
    const first = names.get(pkg.name);
    if (first !== undefined) {
      problems.push({
        pointer: `${at}/name`,
        message: `"${pkg.name}" is listed twice (also at /packages/${first})`,
      });
    } else names.set(pkg.name, i);
    const versions = new Map<string, number>();
    pkg.versions.forEach((ver, j) => {
      const vat = `${at}/versions/${j}`;
      const seen = versions.get(ver.version);
      if (seen !== undefined) {
        problems.push({
          pointer: `${vat}/version`,
          message: `${pkg.name}@${ver.version} is listed twice (also at ${at}/versions/${seen})`,
        });
      } else versions.set(ver.version, j);
      for (const key of ['engine', 'spec_versions'] as const) {
        if (!isValidRange(ver[key])) {
          problems.push({ pointer: `${vat}/${key}`, message: `"${ver[key]}" is not a valid semver range` });
        }
      }
    });
  });
  if (options.strict) {
    for (let i = 1; i < index.packages.length; i++) {
      if (compareCodePoints(index.packages[i - 1]!.name, index.packages[i]!.name) > 0) {
        problems.push({
          pointer: `/packages/${i}/name`,
          message: `packages are not sorted by name ("${index.packages[i]!.name}" comes after "${index.packages[i - 1]!.name}")`,
          hint: 'Keep packages sorted by name (code-point order) so diffs stay small.',
        });
        break;
      }
    }
  }
  return problems;
}

/** Every problem of an index text: JSON syntax, duplicate keys, schema, then semantic rules. */
export function checkIndexText(
  text: string,
  file: string,
  options: { strict?: boolean } = {},
): { index: RegistryIndex | null; problems: ErrorDetail[] } {
  let data: unknown;
  try {
    data = parseJsonStrict(text, file);
  } catch (error) {
    if (!isStudioError(error)) throw error;
    return {
      index: null,
      problems: [{ file, line: error.line, column: error.column, message: error.message }],
    };
  }
  const schemaProblems = validateSchema('registry_index', data);
  if (schemaProblems.length > 0)
    return { index: null, problems: schemaProblems.map((p) => ({ file, ...p })) };
  const index = data as RegistryIndex;
  return { index, problems: semanticProblems(index, options).map((p) => ({ file, ...p })) };
}

/** Parse an index text; throws E_REGISTRY_INVALID listing every problem. */
export function parseIndex(text: string, file: string): RegistryIndex {
  const { index, problems } = checkIndexText(text, file);
  if (!index || problems.length > 0) {
    throw new StudioError(ErrorCodes.REGISTRY_INVALID, `registry index ${file} is invalid`, {
      file,
      details: problems,
      hint: 'Run "studio registry verify <file>" and fix each problem; see schemas/registry_index.schema.json.',
    });
  }
  return index;
}

/** Read an index file's text (size-limited). */
export function readIndexText(path: string, shown = path): string {
  try {
    const size = statSync(path).size;
    if (size > MAX_INDEX_BYTES) {
      throw new StudioError(
        ErrorCodes.REGISTRY_INVALID,
        `registry index ${shown} is larger than ${MAX_INDEX_BYTES} bytes`,
        {
          file: shown,
          hint: 'Split the index or remove old versions.',
        },
      );
    }
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (isStudioError(error)) throw error;
    throw new StudioError(
      ErrorCodes.REGISTRY_INVALID,
      `registry index ${shown} cannot be read: ${(error as Error).message}`,
      {
        file: shown,
        cause: error,
        hint: 'Check the path in the "registries" list of your studio config.',
      },
    );
  }
}

/** Read and parse an index file. */
export function readIndexFile(path: string, shown = path): RegistryIndex {
  return parseIndex(readIndexText(path, shown), shown);
}
