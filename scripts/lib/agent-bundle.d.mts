import type { build } from 'esbuild';

/** Build `<pkg>/<studio.agent_bundle>` and `<bundle>.json` (the sha256 of each input, by path inside
 *  the package or by the name of an inlined package, and of the bundle); null when the package declares
 *  no bundle. */
export function bundleAgents(
  pkg: string,
  tools: { build: typeof build; usesDynamicImport: (source: string) => boolean },
): Promise<{ outfile: string; sources: number; packages: string[] } | null>;
