// The host's own versions, checked against packs' `engine` and `spec_versions` ranges by the host
// itself (npm's `engines` field only warns).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EngineVersions } from './resolve-version.js';

const ROOT_PJSON = fileURLToPath(new URL('../../package.json', import.meta.url));

/** Source Spec version this engine writes (kept equal to ENGINE_SPEC_VERSION in src/spec). */
export const HOST_SPEC_VERSION = '1.0.0';

let cached: EngineVersions | undefined;

/** studio's version and the spec version it writes. */
export function engineVersions(): EngineVersions {
  cached ??= {
    engine: (JSON.parse(readFileSync(ROOT_PJSON, 'utf8')) as { version: string }).version,
    spec: HOST_SPEC_VERSION,
  };
  return cached;
}
