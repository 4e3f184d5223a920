// Loads artifact_index.json from an output folder and refuses an index that is unreadable, breaks its
// schema, or contradicts itself — verifying a folder against a broken index would prove nothing.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCodes } from '../errors/codes.js';
import { type ErrorDetail, StudioError } from '../errors/studio-error.js';
import { ARTIFACT_INDEX_FILE, type ArtifactIndex, RUN_RECORD_FILES } from './artifact-index.js';
import { validateSchema } from '../schemas/validate.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { parseJsonStrict } from '../util/parse-json-strict.js';

const GENERATE_HINT = 'Point at a folder written by `studio generate -o <dir>`, or generate it again.';

async function readIndexText(dir: string): Promise<string> {
  const dirStat = await stat(dir).catch(() => undefined);
  if (dirStat === undefined) {
    throw new StudioError(ErrorCodes.INPUT_NOT_FOUND, `The output folder "${dir}" does not exist.`, {
      file: dir,
      hint: GENERATE_HINT,
    });
  }
  if (!dirStat.isDirectory()) {
    throw new StudioError(ErrorCodes.FLAG_INVALID, `"${dir}" is a file, not an output folder.`, {
      file: dir,
      hint: GENERATE_HINT,
    });
  }
  try {
    return await readFile(join(dir, ARTIFACT_INDEX_FILE), 'utf8');
  } catch {
    throw new StudioError(ErrorCodes.INPUT_NOT_FOUND, `"${dir}" has no readable ${ARTIFACT_INDEX_FILE}.`, {
      file: ARTIFACT_INDEX_FILE,
      hint: `${GENERATE_HINT} Every studio output folder holds ${ARTIFACT_INDEX_FILE}.`,
    });
  }
}

function sortedUnique(paths: string[], pointer: string, what: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (let i = 1; i < paths.length; i++) {
    const order = compareCodePoints(paths[i - 1]!, paths[i]!);
    if (order === 0)
      problems.push({ pointer: `${pointer}/${i}`, message: `${what} "${paths[i]}" is listed twice` });
    if (order > 0) problems.push({ pointer: `${pointer}/${i}`, message: `${what} are not sorted by path` });
  }
  return problems;
}

/** Rules the schema cannot express: order, uniqueness, references between the two lists. */
function consistencyProblems(index: ArtifactIndex): ErrorDetail[] {
  const artifactPaths = index.artifacts.map((a) => a.path);
  const problems = [
    ...sortedUnique(artifactPaths, '/artifacts', 'artifacts'),
    ...sortedUnique(
      index.packages.map((p) => p.path),
      '/packages',
      'packages',
    ),
  ];
  const known = new Set(artifactPaths);
  const reserved = new Set([ARTIFACT_INDEX_FILE, ...RUN_RECORD_FILES, ...index.packages.map((p) => p.path)]);
  index.artifacts.forEach((a, i) => {
    if (reserved.has(a.path)) {
      problems.push({
        pointer: `/artifacts/${i}/path`,
        message: `"${a.path}" is not an artifact: it is never indexed`,
      });
    }
  });
  index.packages.forEach((p, i) => {
    if (p.path !== `${p.pack}.zip`) {
      problems.push({
        pointer: `/packages/${i}/path`,
        message: `the zip of pack "${p.pack}" must be named ${p.pack}.zip`,
      });
    }
    problems.push(...sortedUnique(p.entries, `/packages/${i}/entries`, 'zip entries'));
    p.entries.forEach((entry, j) => {
      if (!known.has(entry)) {
        problems.push({
          pointer: `/packages/${i}/entries/${j}`,
          message: `zip entry "${entry}" is not an indexed artifact`,
        });
      }
    });
  });
  return problems;
}

/** The artifact index of output folder `dir`, checked against its schema and itself.
 *  Throws INPUT_NOT_FOUND (no folder or no index), INPUT_PARSE (not JSON) or VERIFY_MISMATCH (invalid). */
export async function readArtifactIndex(dir: string): Promise<ArtifactIndex> {
  const data = parseJsonStrict(await readIndexText(dir), ARTIFACT_INDEX_FILE);
  const schemaProblems = validateSchema('artifact_index', data);
  const problems = schemaProblems.length > 0 ? schemaProblems : consistencyProblems(data as ArtifactIndex);
  if (problems.length > 0) {
    throw new StudioError(
      ErrorCodes.VERIFY_MISMATCH,
      `${ARTIFACT_INDEX_FILE} is not a valid artifact index.`,
      {
        file: ARTIFACT_INDEX_FILE,
        details: problems.map((p) => ({ ...p, file: ARTIFACT_INDEX_FILE })),
        hint: `The index was edited or damaged; regenerate the folder with \`studio generate\`.`,
      },
    );
  }
  return data as ArtifactIndex;
}
