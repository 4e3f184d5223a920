// Before anything is downloaded: is the registry reachable, does it have the pinned version, and does
// it advertise the integrity the index lists? (npm then verifies the downloaded bytes against that
// integrity; the postinstall hook checks the lock file once more.)
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { runNpm } from './npm-run.js';

interface NpmJsonError {
  error?: { code?: string; summary?: string; detail?: string };
}

/** The registry's advertised integrity of name@version; throws REGISTRY_UNREACHABLE, PACKAGE_NOT_PUBLISHED
 *  or INTEGRITY_MISMATCH with the exact reason. */
export async function checkRegistry(
  name: string,
  version: string,
  expectedIntegrity: string,
  cwd: string,
  registry?: string,
): Promise<void> {
  const shownRegistry = registry ?? process.env.npm_config_registry ?? 'the npm registry';
  const result = await runNpm(['view', `${name}@${version}`, 'dist.integrity', '--json'], cwd, registry);
  if (result.code !== 0) {
    let parsed: NpmJsonError = {};
    try {
      parsed = JSON.parse(result.stdout || result.stderr) as NpmJsonError;
    } catch {
      // npm printed plain text; fall back to it below
    }
    const code = parsed.error?.code ?? /code (E[A-Z0-9_]+)/.exec(result.stderr)?.[1] ?? `exit ${result.code}`;
    const summary = (parsed.error?.summary ?? result.stderr.trim().split('\n')[0] ?? '').slice(0, 300);
    if (code === 'E404') {
      throw new StudioError(
        ErrorCodes.PACKAGE_NOT_PUBLISHED,
        `${name}@${version} is listed in the index but not published on ${shownRegistry}`,
        {
          hint: 'studio asks the registry in STUDIO_NPM_REGISTRY, else npm\'s own configuration. Point it at the registry the pack is published on; in a studio checkout, eval "$(npm run --silent registry)" starts a local one with the example packs.',
        },
      );
    }
    throw new StudioError(
      ErrorCodes.REGISTRY_UNREACHABLE,
      `the registry ${shownRegistry} could not be reached (${code}): ${summary}`,
      {
        hint: 'Check your network and the registry URL (npm_config_registry or STUDIO_NPM_REGISTRY), then retry.',
      },
    );
  }
  let advertised: unknown;
  try {
    advertised = JSON.parse(result.stdout);
  } catch {
    advertised = result.stdout.trim();
  }
  if (advertised === undefined || advertised === '') {
    throw new StudioError(
      ErrorCodes.PACKAGE_NOT_PUBLISHED,
      `${name}@${version} is listed in the index but ${shownRegistry} has no such version`,
      {
        hint: 'studio asks the registry in STUDIO_NPM_REGISTRY, else npm\'s own configuration. Point it at the registry the pack is published on; in a studio checkout, eval "$(npm run --silent registry)" starts a local one with the example packs.',
      },
    );
  }
  if (advertised !== expectedIntegrity) {
    throw new StudioError(
      ErrorCodes.INTEGRITY_MISMATCH,
      `${name}@${version} on ${shownRegistry} has integrity ${String(advertised)}, but the registry index lists ${expectedIntegrity}`,
      {
        hint: 'The published tarball is not the one that was reviewed and listed; do not install it. Tell the index maintainers.',
      },
    );
  }
}
