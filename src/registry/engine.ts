// The host's own versions, checked against packs' `engine` and `spec_versions` ranges by the host
// itself (npm's `engines` field only warns).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENGINE_SPEC_VERSION } from '../spec/spec-version.js';
import type { EngineVersions } from './resolve-version.js';

const ROOT_PJSON = fileURLToPath(new URL('../../package.json', import.meta.url));

let cached: EngineVersions | undefined;

/** studio's version and the spec version it writes. */
export function engineVersions(): EngineVersions {
  cached ??= {
    engine: (JSON.parse(readFileSync(ROOT_PJSON, 'utf8')) as { version: string }).version,
    spec: ENGINE_SPEC_VERSION,
  };
  return cached;
}
