// Where a run keeps its lock, journal and staging folder for an output folder `out/`.
//
// Swap mode (the usual case): everything sits beside out/ in its parent, named `.out.studio-…`, and the
// new output replaces out/ by renames. In-place mode (out/ is a mount point, e.g. a container volume,
// which cannot be renamed): everything sits inside out/, named `.studio-…`, and the new output's
// entries are moved in one by one with the artifact index last.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export const LOCK_NAME = 'lock';
export const JOURNAL_NAME = 'journal';

/** The aux paths of one output folder. */
export interface OutputLayout {
  /** The output folder as given. */
  target: string;
  /** True when out/ is a mount point and is written in place. */
  inPlace: boolean;
  /** Folder holding the aux entries: out/'s parent (swap) or out/ itself (in place). */
  auxDir: string;
  /** Name prefix of every aux entry in auxDir. */
  prefix: string;
}

/** The layout for `target`; in-place when it is an existing folder that is a mount point. */
export function outputLayout(target: string): OutputLayout {
  const inPlace = isMountPoint(target);
  return inPlace
    ? { target, inPlace, auxDir: target, prefix: '.studio-' }
    : { target, inPlace, auxDir: dirname(resolve(target)), prefix: `.${basename(resolve(target))}.studio-` };
}

export function auxPath(layout: OutputLayout, name: string): string {
  return resolve(layout.auxDir, `${layout.prefix}${name}`);
}

export const lockPath = (layout: OutputLayout): string => auxPath(layout, LOCK_NAME);
export const journalPath = (layout: OutputLayout): string => auxPath(layout, JOURNAL_NAME);
export const stagingName = (layout: OutputLayout, runId: string): string =>
  `${layout.prefix}new-${runId.slice(0, 8)}`;
export const asideName = (layout: OutputLayout, runId: string): string =>
  `${layout.prefix}old-${runId.slice(0, 8)}`;

/** True for a name in auxDir that belongs to this layout (lock, journal, staging, aside, temp files). */
export function isAuxName(layout: OutputLayout, name: string): boolean {
  return name.startsWith(layout.prefix);
}

/** A folder is a mount point when it lives on another device than its parent, or is listed as a mount
 *  point by the kernel (a bind mount from the same file system keeps the device number). */
export function isMountPoint(dir: string): boolean {
  let info;
  try {
    info = statSync(dir);
  } catch {
    return false;
  }
  if (!info.isDirectory()) return false;
  const abs = resolve(dir);
  const parent = dirname(abs);
  if (parent === abs) return true;
  if (statSync(parent).dev !== info.dev) return true;
  return mountPoints().has(realpathSync(abs));
}

function mountPoints(): Set<string> {
  const file = '/proc/self/mountinfo';
  if (!existsSync(file)) return new Set();
  const out = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    // Field 5 is the mount point, with spaces and the like written as octal escapes.
    const field = line.split(' ')[4];
    if (field)
      out.add(field.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8))));
  }
  return out;
}

/** The bytes of the output file `rel` (a POSIX path) inside `dir`, or undefined when it is absent or
 *  not a readable file. */
export async function readOutputFile(dir: string, rel: string): Promise<Buffer | undefined> {
  try {
    return await readFile(join(dir, ...rel.split('/')));
  } catch {
    return undefined;
  }
}
