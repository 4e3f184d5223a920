// The text a dry run prints: a unified diff per file that would change on disk, the zips that would
// change, and what would happen to hand edits. Colour only when stdout is a terminal (and NO_COLOR unset).
import type { GenerateResult } from '../pipeline/orchestrator.js';
import type { RegenerateMode } from './reconcile.js';
import { colourDiff } from './unified-diff.js';

const SIGN = { added: '+', changed: '~', removed: '-' } as const;

/** True when diffs should be coloured: a TTY, and the user did not ask for no colour. */
export function useColour(stream: { isTTY?: boolean } = process.stdout, env = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === '';
}

export function printDryRun(
  result: GenerateResult,
  mode: RegenerateMode,
  log: (line: string) => void,
  colour = useColour(),
): void {
  const d = result.diff!;
  const patches = d.patches ?? [];
  const zips = d.zips ?? [];
  log(
    `Dry run: ${result.index.artifacts.length} artifacts would be written to ${result.outDir} (nothing was written).`,
  );
  if (!d.hadPrevious) log('  no previous output to compare with');
  for (const p of patches) {
    log(`${SIGN[p.status]} ${p.path}`);
    // A new file's diff is the whole file: the line above says enough (--json carries it).
    if (p.status !== 'added') log(colour ? colourDiff(p.patch.trimEnd()) : p.patch.trimEnd());
  }
  const changed = patches.length;
  log(
    `${changed} file(s) would change${d.hadPrevious ? `, ${result.index.artifacts.length - changed} unchanged` : ''}.`,
  );
  if (zips.length === 0) log('No zip would change.');
  for (const z of zips) log(`zip ${z.status}: ${z.path}`);
  const { edited, merged, conflicts } = result.regen;
  if (edited.length === 0) return;
  if (mode === 'refuse')
    log(
      `Edited by hand since generated (generate would refuse; use update or --force): ${edited.join(', ')}`,
    );
  else if (mode === 'force') log(`Hand edits that would be discarded: ${edited.join(', ')}`);
  else {
    if (merged.length > 0) log(`Hand edits that would be kept: ${merged.join(', ')}`);
    if (conflicts.length > 0) log(`Files that would get conflict markers: ${conflicts.join(', ')}`);
  }
}
