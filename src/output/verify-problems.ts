// A verify result as located problems, one per difference, for the error renderer (src/errors/render.ts).
import type { ErrorDetail } from '../errors/studio-error.js';
import type { VerifyResult } from './verify.js';

/** One ErrorDetail per difference, in a stable order: missing, modified, extra, then zip problems. */
export function verifyProblems(result: VerifyResult): ErrorDetail[] {
  const missing = new Set(result.missing);
  return [
    ...result.missing.map((file) => ({
      file,
      message: 'missing: the index lists it but it is not in the folder',
    })),
    ...result.modified.map((m) => ({
      file: m.path,
      message: `modified: sha256 is ${m.actual}, the index says ${m.expected}`,
    })),
    ...result.conflicts.map((file) => ({
      file,
      message: 'unresolved merge conflict: resolve the markers, then run `studio update` again',
    })),
    ...result.extra.map((file) => ({
      file,
      message: 'extra: the folder holds it but the index does not list it',
    })),
    // A missing zip is already listed above.
    ...result.zips
      .filter((z) => !missing.has(z.path))
      .flatMap((z) => z.problems.map((problem) => ({ file: z.path, message: problem }))),
  ];
}
