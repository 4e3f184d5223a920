// JSON pointers (RFC 6901): the one way studio names a place inside a document.

/** Split a pointer into unescaped segments; undefined when it is not a pointer ("" is the root). */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Escape one segment. */
export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Join segments into a pointer. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${escapeSegment(String(s))}`).join('');
}

/** A 1-based line and column in a file. */
export interface Location {
  line: number;
  column: number;
}

/** The location of `pointer`, or of its nearest ancestor that exists in the file (a missing key is
 *  best shown at the object that should hold it). */
export function locateNearest(
  locate: ((pointer: string) => Location | undefined) | undefined,
  pointer: string,
): Location | undefined {
  if (!locate) return undefined;
  const segments = parsePointer(pointer);
  if (!segments) return undefined;
  for (let n = segments.length; n >= 0; n -= 1) {
    const found = locate(toPointer(segments.slice(0, n)));
    if (found) return found;
  }
  return undefined;
}
