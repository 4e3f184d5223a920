// Read one user file (Idea Card, Decision Sheet, Source Spec) as YAML or JSON, with clear errors
// for every way a file can be wrong, and a map from JSON pointers back to line:column so schema
// errors can name the exact place. Error `file`s are the path exactly as the user typed it.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { LineCounter, type Node, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { type Location, parsePointer } from './json-pointer.js';
import { JsonSyntaxError, parseJsonWithPositions } from './json-positions.js';
import { lineIndex } from './line-index.js';

/** Default size limit for input files: 1 MiB (an Idea Card is a few KiB). */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

/** A parsed input file. */
export interface InputDocument {
  /** The parsed data (plain JSON values only). */
  data: unknown;
  /** The path as given. */
  file: string;
  /** The 1-based line:column of the value (or key) a JSON pointer names, if it exists in the file. */
  locate(pointer: string): Location | undefined;
}

export interface ReadDocumentOptions {
  /** Refuse files larger than this many bytes (default 1 MiB). */
  maxBytes?: number;
}

/** `.json` is read as strict JSON; anything else (`.yaml`, `.yml`, no extension) as YAML 1.2. */
export function formatOf(file: string): 'json' | 'yaml' {
  return extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
}

export async function readDocument(file: string, opts: ReadDocumentOptions = {}): Promise<InputDocument> {
  const text = await readText(file, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  return formatOf(file) === 'json' ? parseJson(file, text) : parseYaml(file, text);
}

async function readText(file: string, maxBytes: number): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw new StudioError(ErrorCodes.INPUT_IS_DIRECTORY, `${file} is a directory, not a file`, {
        file,
        hint: 'Pass the YAML or JSON file itself, e.g. examples/clinic-queue/idea.yaml.',
      });
    }
    if (!info.isFile()) {
      throw new StudioError(ErrorCodes.INPUT_NOT_FOUND, `${file} is not a regular file`, {
        file,
        hint: 'Pass a YAML or JSON file on disk.',
      });
    }
    if (info.size > maxBytes) throw tooLarge(file, info.size, maxBytes);
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof StudioError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
    throw new StudioError(ErrorCodes.INPUT_NOT_FOUND, `${file} ${reason}`, {
      file,
      cause: error,
      hint: 'Check the path; relative paths are resolved from the current directory.',
    });
  }
  // The file may have grown between stat and read.
  if (bytes.length > maxBytes) throw tooLarge(file, bytes.length, maxBytes);
  if (bytes.includes(0)) throw binary(file, 'it contains NUL bytes');
  let text: string;
  try {
    // fatal: invalid UTF-8 is refused rather than silently replaced; a UTF-8 BOM is dropped.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw binary(file, 'it is not valid UTF-8');
  }
  if (text.trim() === '') {
    throw new StudioError(ErrorCodes.INPUT_EMPTY, `${file} is empty`, {
      file,
      hint: 'Write the document, or start from examples/clinic-queue/.',
    });
  }
  return text;
}

function tooLarge(file: string, size: number, maxBytes: number): StudioError {
  return new StudioError(
    ErrorCodes.INPUT_TOO_LARGE,
    `${file} is ${size} bytes, over the ${maxBytes}-byte limit`,
    {
      file,
      hint: 'Input files are short YAML/JSON documents; check that this is the right file.',
    },
  );
}

function binary(file: string, why: string): StudioError {
  return new StudioError(ErrorCodes.INPUT_BINARY, `${file} does not look like a text file: ${why}`, {
    file,
    hint: 'Save the file as UTF-8 text (not UTF-16, not a word-processor document).',
  });
}

function parseError(file: string, format: string, reason: string, at: Location | undefined): StudioError {
  const where = at ? `:${at.line}:${at.column}` : '';
  return new StudioError(ErrorCodes.INPUT_PARSE, `${file}${where} is not valid ${format}: ${reason}`, {
    file,
    ...at,
    hint:
      format === 'JSON'
        ? 'Fix the JSON at the line and column shown (keys and strings in double quotes, no trailing commas).'
        : 'Fix the YAML at the line and column shown (indentation, a missing ":" or an unclosed quote or bracket).',
  });
}

function parseJson(file: string, text: string): InputDocument {
  const at = lineIndex(text);
  let parsed;
  try {
    parsed = parseJsonWithPositions(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw parseError(file, 'JSON', error.message, at(error.offset));
    throw error;
  }
  const { value, positions } = parsed;
  return {
    data: value,
    file,
    locate: (pointer) => {
      const offset = positions.get(pointer);
      return offset === undefined ? undefined : at(offset);
    },
  };
}

function parseYaml(file: string, text: string): InputDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toLocation = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const first = doc.errors[0];
  if (first) {
    const reason =
      first.code === 'DUPLICATE_KEY'
        ? `the key ${keyAt(text, first.pos[0])}appears twice in one mapping`
        : first.code === 'MULTIPLE_DOCS'
          ? 'it holds more than one YAML document ("---"); put everything in one'
          : first.message;
    throw parseError(file, 'YAML', reason, toLocation(first.pos[0]));
  }
  if (doc.contents === null) {
    throw new StudioError(ErrorCodes.INPUT_EMPTY, `${file} holds only comments`, {
      file,
      hint: 'Write the document, or start from examples/clinic-queue/.',
    });
  }
  let data: unknown;
  try {
    // maxAliasCount guards against alias bombs ("billion laughs").
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw parseError(file, 'YAML', error instanceof Error ? error.message : String(error), undefined);
  }
  return {
    data,
    file,
    locate: (pointer) => {
      const offset = yamlOffset(doc, pointer);
      return offset === undefined ? undefined : toLocation(offset);
    },
  };
}

/** The key text starting at `offset` (yaml reports only where a duplicate key starts), quoted. */
function keyAt(text: string, offset: number): string {
  const m = /^(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\n:#{}[\],]+?)(?=[ \t]*:)/.exec(text.slice(offset));
  if (!m) return '';
  const key = m[0].startsWith('"') || m[0].startsWith("'") ? m[0].slice(1, -1) : m[0].trim();
  return `${JSON.stringify(key)} `;
}

/** Offset of the node a pointer names: the key of a mapping entry, or the item of a sequence. */
function yamlOffset(doc: ReturnType<typeof parseDocument>, pointer: string): number | undefined {
  const segments = parsePointer(pointer);
  if (!segments) return undefined;
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return undefined;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      node = pair.value;
    } else if (isSeq(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      const item = node.items[Number(segment)];
      if (item === undefined) return undefined;
      node = item;
      offset = (item as Node | null)?.range?.[0];
    } else {
      return undefined;
    }
  }
  return offset;
}
