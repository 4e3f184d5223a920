// Turning a failed npm call against the registry into the exact reason: not published, unreachable,
// or bytes that do not match what the registry advertises.
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import type { NpmResult } from './npm-run.js';

interface NpmJsonError {
  error?: { code?: string; summary?: string; detail?: string };
}

/** The registry npm talks to, as shown to the user. */
export function shownRegistry(registry?: string): string {
  return registry ?? process.env.npm_config_registry ?? 'the npm registry';
}

/** The StudioError for a failed `npm view|pack name@version`. */
export function npmFailure(result: NpmResult, name: string, version: string, registry?: string): StudioError {
  const shown = shownRegistry(registry);
  let parsed: NpmJsonError = {};
  try {
    parsed = JSON.parse(result.stdout || result.stderr) as NpmJsonError;
  } catch {
    // npm printed plain text; fall back to it below
  }
  const code = parsed.error?.code ?? /code (E[A-Z0-9_]+)/.exec(result.stderr)?.[1] ?? `exit ${result.code}`;
  const summary = (parsed.error?.summary ?? result.stderr.trim().split('\n')[0] ?? '').slice(0, 300);
  if (code === 'E404' || code === 'ETARGET') {
    return new StudioError(
      ErrorCodes.PACKAGE_NOT_PUBLISHED,
      `${name}@${version} is listed in the index but not published on ${shown}`,
      {
        hint: 'studio asks the registry in STUDIO_NPM_REGISTRY, else npm\'s own configuration. Point it at the registry the pack is published on; in a studio checkout, eval "$(npm run --silent registry)" starts a local one with the example packs.',
      },
    );
  }
  if (code === 'EINTEGRITY') {
    return new StudioError(
      ErrorCodes.INTEGRITY_MISMATCH,
      `${name}@${version} on ${shown} has integrity different from what the registry advertises: ${summary}`,
      {
        hint: 'The registry serves bytes it does not vouch for; do not install it. Tell the index maintainers.',
      },
    );
  }
  return new StudioError(
    ErrorCodes.REGISTRY_UNREACHABLE,
    `the registry ${shown} could not be reached (${code}): ${summary}`,
    {
      hint: 'Check your network and the registry URL (npm_config_registry or STUDIO_NPM_REGISTRY), then retry.',
    },
  );
}
