// Test helper: render the deep pack for a spec through the host's public renderPacks, exactly as
// `studio generate --pack deep` does (deep extends balanced, so both packs and both agent plugins).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PackManifest, SourceSpec } from '@studio/sdk';
import { catalogFromFolders, renderPacks, type RenderedArtifact } from 'spec-to-pack-studio';
import { current } from '../../../plugins/agents-deep/test/fixtures.js';

export const MANIFEST = JSON.parse(
  readFileSync(new URL('../pack.json', import.meta.url), 'utf8'),
) as PackManifest;

const folder = (rel: string) => fileURLToPath(new URL(`../../../${rel}`, import.meta.url));

export const CATALOG = catalogFromFolders(
  ['packs/balanced', 'packs/deep', 'plugins/agents-core', 'plugins/agents-deep', 'packs/locale-fr-ca'].map(
    folder,
  ),
);

/** One rendered file. */
export type RenderedFile = RenderedArtifact;

/** The deep pack's own files for `spec`, and every finding of the host's validators and traceability
 *  rules over the whole run (as one line each). */
export async function renderDeep(
  spec: SourceSpec,
  locale?: string,
): Promise<{ files: RenderedFile[]; findings: string[] }> {
  // Fixture specs are 1.0-shaped: migrate them as the host migrates a stored spec.
  const migrated = current(spec);
  if (locale !== undefined) migrated.meta.locale = locale;
  const { artifacts, findings } = await renderPacks({
    catalog: CATALOG,
    packIds: ['deep'],
    spec: migrated,
  });
  return {
    files: artifacts.filter((a) => a.pack === 'deep'),
    findings: findings.map((f) => `${f.path}:${f.line ?? '?'} ${f.rule} ${f.message}`),
  };
}
