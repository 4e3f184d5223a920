import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { JsonSyntaxError, parseJsonWithPositions } from '../inputs/json-positions.js';
import { lineIndex } from '../inputs/line-index.js';

/** The one strict JSON reader for files plugins and registries hand us (manifests, indexes,
 *  package.json): RFC 8259 only, duplicate keys refused (JSON.parse silently keeps the last one),
 *  problems reported as INPUT_PARSE with line:column. */
export function parseJsonStrict(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return parseJsonWithPositions(body).value;
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const at = lineIndex(body)(error.offset);
    if (error.duplicateKey !== undefined) {
      throw new StudioError(
        ErrorCodes.INPUT_PARSE,
        `${file} has the key "${error.duplicateKey}" twice in one object`,
        { file, ...at, hint: 'Remove one of the duplicate keys: JSON readers disagree on which one wins.' },
      );
    }
    throw new StudioError(ErrorCodes.INPUT_PARSE, `${file} is not valid JSON: ${error.message}`, {
      file,
      ...at,
      hint: 'Fix the JSON syntax at the position shown.',
    });
  }
}
