import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

/** JSON.parse that refuses duplicate keys (JSON.parse silently keeps the last one) and reports
 *  line:column. Used for manifests and indexes that plugins and registries hand us. */
export function parseJsonStrict(text: string, file: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const m = /position (\d+)/.exec(String((error as Error).message));
    const at = m ? lineColumn(text, Number(m[1])) : {};
    throw new StudioError(ErrorCodes.INPUT_PARSE, `${file} is not valid JSON: ${(error as Error).message}`, {
      file,
      ...at,
      hint: 'Fix the JSON syntax at the position shown.',
    });
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate) {
    throw new StudioError(
      ErrorCodes.INPUT_PARSE,
      `${file} has the key "${duplicate.key}" twice in one object`,
      {
        file,
        ...lineColumn(text, duplicate.offset),
        hint: 'Remove one of the duplicate keys: JSON readers disagree on which one wins.',
      },
    );
  }
  return value;
}

/** Scan JSON text (already known to be valid) for an object with a repeated key. */
function findDuplicateKey(text: string): { key: string; offset: number } | null {
  const stack: (Set<string> | null)[] = [];
  let i = 0;
  let expectKey = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const raw = text.slice(i, j + 1);
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const key = JSON.parse(raw) as string;
        if (top.has(key)) return { key, offset: i };
        top.add(key);
        expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (ch === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (ch === '[') {
      stack.push(null);
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
    i += 1;
  }
  return null;
}
