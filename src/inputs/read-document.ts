// Read one user file (Idea Card, Decision Sheet, Source Spec) as YAML or JSON, with clear errors
// for every way a file can be wrong, and a map from JSON pointers back to line:column so schema
// errors can name the exact place. Error `file`s are the path exactly as the user typed it.
import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { LineCounter, type Node, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { type Location, escapeSegment, locateNearest, parsePointer } from './json-pointer.js';
import { JsonSyntaxError, parseJsonWithPositions } from './json-positions.js';
import { lineIndex } from './line-index.js';
import { errnoCode, inputUnreadable } from '../util/io-error.js';
import { type MemoCache, memoKey } from '../util/memo-cache.js';
import { packageVersion } from '../validators/package-version.js';

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
  /** Where YAML texts parsed before are remembered as JSON (`yaml/` under the cache root); none: no cache. */
  cache?: MemoCache | null;
}

/** `.json` is read as strict JSON; anything else (`.yaml`, `.yml`, no extension) as YAML 1.2. */
export function formatOf(file: string): 'json' | 'yaml' {
  return extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
}

export async function readDocument(file: string, opts: ReadDocumentOptions = {}): Promise<InputDocument> {
  const text = await readText(file, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  const doc = formatOf(file) === 'json' ? parseJson(file, text) : parseYamlCached(file, text, opts.cache);
  refuseLoneSurrogates(doc);
  return doc;
}

// A UTF-16 surrogate without its pair: a YAML/JSON escape ("\uD800") can write one, but it is not a
// character; URI encoders, YAML emitters and actionlint fail on it downstream, so it is refused here,
// where `validate` reports it with a pointer, rather than accepted and failed later.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_REPORTED = 20;

function refuseLoneSurrogates(doc: InputDocument): void {
  const found: string[] = [];
  const walk = (value: unknown, pointer: string): void => {
    if (found.length >= MAX_REPORTED) return;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) found.push(pointer);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${pointer}/${i}`));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const child = `${pointer}/${escapeSegment(k)}`;
        if (LONE_SURROGATE.test(k)) found.push(child);
        walk(v, child);
      }
    }
  };
  walk(doc.data, '');
  if (found.length === 0) return;
  throw new StudioError(
    ErrorCodes.SPEC_INVALID,
    `${doc.file} holds text that is not valid Unicode (an unpaired surrogate escape such as "\\uD800")`,
    {
      file: doc.file,
      details: found.map((pointer) => ({
        file: doc.file,
        pointer,
        ...locateNearest(doc.locate, pointer),
        message: 'this text holds an unpaired UTF-16 surrogate, which is not a character',
        hint: 'Remove the \\uD800–\\uDFFF escape, or write the character itself (e.g. "😀", or the pair "\\uD83D\\uDE00").',
      })),
      hint: 'Fix the text at the places listed.',
    },
  );
}

async function readText(file: string, maxBytes: number): Promise<string> {
  if (file === '') {
    throw new StudioError(ErrorCodes.INPUT_NOT_FOUND, 'an empty path was given for an input file', {
      hint: 'Pass the path of a YAML or JSON file, or leave the flag out.',
    });
  }
  let bytes: Buffer;
  try {
    bytes = await readCapped(file, maxBytes);
  } catch (error) {
    if (error instanceof StudioError) throw error;
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new StudioError(ErrorCodes.INPUT_NOT_FOUND, `${file} does not exist`, {
        file,
        cause: error,
        hint: 'Check the path; relative paths are resolved from the current directory.',
      });
    }
    throw inputUnreadable(error, file);
  }
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

/** The file's bytes, read through one descriptor with a byte cap. The size stat reports is only a
 *  first check: files in /proc and the like report 0 and then yield gigabytes, and a file may grow
 *  while it is read, so reading stops one byte past the limit whatever stat said. */
async function readCapped(file: string, maxBytes: number): Promise<Buffer> {
  // Checked on the path before opening: opening a FIFO for reading would block until a writer comes.
  checkKind(file, await stat(file));
  const handle = await open(file, 'r');
  try {
    const info = await handle.stat();
    checkKind(file, info);
    if (info.size > maxBytes) throw tooLarge(file, maxBytes, info.size);
    // Fixed 64 KiB reads (some kernel files refuse odd sizes), stopping one chunk past the limit.
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= maxBytes) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    if (length > maxBytes) throw tooLarge(file, maxBytes);
    return Buffer.concat(chunks, length);
  } finally {
    await handle.close();
  }
}

function checkKind(file: string, info: Stats): void {
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
}

function tooLarge(file: string, maxBytes: number, size?: number): StudioError {
  return new StudioError(
    ErrorCodes.INPUT_TOO_LARGE,
    size === undefined
      ? `${file} holds more than the ${maxBytes}-byte limit`
      : `${file} is ${size} bytes, over the ${maxBytes}-byte limit`,
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

/** Part of the cache key of a parsed YAML text: change it whenever parseYaml's options or its
 *  conversion to plain data change. */
const YAML_READER_REVISION = '1';

// Parsing two small YAML files with the yaml library cost ~14 ms of a warm `generate` (code that runs
// once per process never gets fast); a text parsed before is read back as JSON in well under 1 ms. Only
// data that survives JSON exactly is stored, and a failed parse never is, so every error is reported
// by the parser itself. Positions are needed only to report a problem: the text is parsed for them then.
function parseYamlCached(file: string, text: string, cache: MemoCache | null | undefined): InputDocument {
  if (!cache) return parseYaml(file, text);
  const key = memoKey(['yaml', YAML_READER_REVISION, packageVersion('yaml'), text]);
  const hit = cache.get(key);
  if (hit !== undefined) {
    let data: unknown;
    try {
      data = JSON.parse(hit);
    } catch {
      data = undefined;
    }
    if (data !== undefined) {
      let parsed: InputDocument | undefined;
      return { data, file, locate: (pointer) => (parsed ??= parseYaml(file, text)).locate(pointer) };
    }
  }
  const doc = parseYaml(file, text);
  const json = JSON.stringify(doc.data);
  if (json !== undefined && isDeepStrictEqual(JSON.parse(json), doc.data)) cache.set(key, json);
  return doc;
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
