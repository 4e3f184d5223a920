// Inspect before install: fetch the exact listed tarball with npm's own fetcher (scripts off), compare
// its sha512 with the index, list every entry, and only then extract it into a staging folder. Links,
// devices, absolute or ".." paths, non-portable names and case-only twins are refused from the listing,
// before a single byte is written.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { list, extract } from 'tar';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { sri512 } from '../util/hash.js';
import { caseCollisions, unsafePathReason } from '../util/safe-path.js';
import { runNpm } from './npm-run.js';
import type { RuleBreak } from './package-rules.js';
import { npmFailure, shownRegistry } from './registry-check.js';

/** Largest unpacked pack (decompression bombs stop here) and most entries. */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
export const MAX_ENTRIES = 5000;

/** SRI sha512 of a file's bytes. */
export function sriSha512(file: string): string {
  return sri512(readFileSync(file));
}

/** Download name@version's tarball into `dest` (npm pack, scripts off); returns its path. */
export async function fetchTarball(
  name: string,
  version: string,
  dest: string,
  registry?: string,
): Promise<string> {
  mkdirSync(dest, { recursive: true });
  const result = await runNpm(
    ['pack', `${name}@${version}`, '--json', '--ignore-scripts', '--pack-destination', dest],
    dest,
    registry,
  );
  if (result.code !== 0) throw npmFailure(result, name, version, registry);
  let filename: string;
  try {
    filename = (JSON.parse(result.stdout) as { filename: string }[])[0]!.filename;
  } catch (error) {
    throw new StudioError(ErrorCodes.REGISTRY_UNREACHABLE, `npm pack ${name}@${version} printed no tarball`, {
      cause: error,
      hint: 'Retry; if it persists, check the registry.',
    });
  }
  return join(dest, filename);
}

/** Refuse a tarball whose bytes are not the ones the index lists. */
export function checkTarballIntegrity(
  file: string,
  name: string,
  version: string,
  expected: string,
  registry?: string,
): void {
  const actual = sriSha512(file);
  if (actual !== expected) {
    throw new StudioError(
      ErrorCodes.INTEGRITY_MISMATCH,
      `${name}@${version} from ${shownRegistry(registry)} has integrity ${actual}, but the registry index lists ${expected}`,
      {
        hint: 'The published tarball is not the one that was reviewed and listed; nothing was installed. Tell the index maintainers.',
      },
    );
  }
}

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

/** Every rule the tarball's entry list breaks (nothing is written). */
export async function tarballBreaks(
  file: string,
  limits: { bytes: number; entries: number } = { bytes: MAX_UNPACKED_BYTES, entries: MAX_ENTRIES },
): Promise<RuleBreak[]> {
  const out: RuleBreak[] = [];
  const paths: string[] = [];
  const seen = new Set<string>();
  let total = 0;
  let count = 0;
  await list({
    file,
    strict: true,
    onReadEntry: (entry) => {
      count++;
      const raw = entry.path;
      const rel = raw.replace(/^package\//, '').replace(/\/$/, '');
      if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
        out.push({
          rule: 'tar-link',
          file: rel,
          message: `"${raw}" is a ${entry.type === 'Link' ? 'hard' : 'symbolic'} link (to "${entry.linkpath ?? ''}")`,
        });
        return;
      }
      if (!FILE_TYPES.has(entry.type) && entry.type !== 'Directory') {
        out.push({ rule: 'tar-device', file: rel, message: `"${raw}" is a ${entry.type} entry, not a file` });
        return;
      }
      if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw) || raw.split('/').includes('..')) {
        out.push({ rule: 'tar-path', file: raw, message: `"${raw}" is absolute or climbs out with ".."` });
        return;
      }
      if (!raw.startsWith('package/')) {
        out.push({ rule: 'tar-path', file: raw, message: `"${raw}" is outside the "package/" folder` });
        return;
      }
      if (rel === '') return;
      const reason = unsafePathReason(rel);
      if (reason) {
        out.push({ rule: 'tar-name', file: rel, message: `"${rel}" is not a portable name: ${reason}` });
        return;
      }
      if (seen.has(rel) && entry.type !== 'Directory') {
        out.push({ rule: 'tar-duplicate', file: rel, message: `"${rel}" appears twice in the tarball` });
      }
      seen.add(rel);
      paths.push(rel);
      total += entry.size ?? 0;
    },
  });
  for (const group of caseCollisions(paths)) {
    out.push({
      rule: 'tar-case-collision',
      file: group[0]!,
      message: `paths differ only by case: ${group.join(', ')}`,
    });
  }
  if (total > limits.bytes || count > limits.entries) {
    out.push({
      rule: 'tar-size',
      file: 'package',
      message: `the tarball unpacks to ${total} bytes in ${count} entries (limits: ${limits.bytes} bytes, ${limits.entries} entries)`,
    });
  }
  return out;
}

/** Extract a tarball that passed tarballBreaks into `dir` (the "package/" prefix stripped). Only plain
 *  files and folders are written, whatever the listing said. */
export async function extractTarball(file: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await extract({
    file,
    cwd: dir,
    strip: 1,
    strict: true,
    preserveOwner: false,
    filter: (_path, entry) => {
      const type = (entry as { type?: string }).type ?? '';
      return FILE_TYPES.has(type) || type === 'Directory';
    },
  });
}
