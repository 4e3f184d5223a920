// meta.generator of every spec: "spec-to-pack-studio <version of the root package.json>".
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function generatorName(): string {
  if (cached === undefined) {
    // Two levels up from src/spec or dist/spec is the package root.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      name?: string;
      version?: string;
    };
    cached = `spec-to-pack-studio ${pkg.version ?? '0.0.0'}`;
  }
  return cached;
}
