// command_not_found — a mistyped command gets a stable code and a did-you-mean hint. In an interactive
// terminal @oclif/plugin-not-found first offers to run the closest command; when declined, or when
// piped or with --json, the StudioError below reaches the entry's one renderer.
import { type Hook, toConfiguredId } from '@oclif/core';
import notFound from '@oclif/plugin-not-found';
import levenshtein from 'fast-levenshtein';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';

/** The visible command id (or alias) closest to `typed`, by edit distance; '' when there is none. */
export function closestCommand(typed: string, config: Hook.Context['config']): string {
  const hidden = new Set(config.commands.filter((c) => c.hidden).map((c) => c.id));
  const ids = [...config.commandIDs, ...config.commands.flatMap((c) => c.aliases)].filter(
    (id) => !hidden.has(id),
  );
  let best = '';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const id of [...new Set(ids)].sort()) {
    const distance = levenshtein.get(typed, id);
    if (distance < bestDistance) [best, bestDistance] = [id, distance];
  }
  return best;
}

const hook: Hook<'command_not_found'> = async function (options) {
  const { config } = options;
  const argv = options.argv ?? [];
  const interactive = process.stdin.isTTY && process.stderr.isTTY && !argv.includes('--json');
  if (interactive) {
    try {
      return await notFound.call(this, options);
    } catch {
      // declined (or the prompt timed out): report it like any other error
    }
  }
  const typed = toConfiguredId(options.id, config);
  const suggestion = closestCommand(options.id, config);
  throw new StudioError(ErrorCodes.COMMAND_NOT_FOUND, `"${typed}" is not a ${config.bin} command`, {
    hint: suggestion
      ? `Did you mean "${config.bin} ${toConfiguredId(suggestion, config)}"? "${config.bin} help" lists every command.`
      : `"${config.bin} help" lists every command.`,
  });
};

export default hook;
