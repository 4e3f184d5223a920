import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PackManifest } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { sourceCatalogFile } from '../i18n/catalog.js';
import { StudioError } from '../errors/studio-error.js';
import { validateSchema } from '../schemas/validate.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { parseJsonStrict } from '../util/parse-json-strict.js';
import { listFiles } from '../util/list-files.js';
import { unsafePathReason } from '../util/safe-path.js';
import type { LoadedPack, PackRef } from './types.js';

/** sha256 over the manifest and every template (path + bytes, sorted): used when no build record exists. */
export function templateDigest(packRoot: string, manifestFile: string): string {
  const hash = createHash('sha256');
  const tdir = join(packRoot, 'templates');
  const templates = existsSync(tdir) ? listFiles(tdir).map((f) => `templates/${f}`) : [];
  // Catalogs hold the prose the templates print: they are part of what the template set renders.
  const cdir = join(packRoot, 'catalogs');
  const catalogs = existsSync(cdir) ? listFiles(cdir).map((f) => `catalogs/${f}`) : [];
  const rels = [...templates, ...catalogs, manifestFile]
    .filter((f) => existsSync(join(packRoot, f)) && statSync(join(packRoot, f)).isFile())
    .sort(compareCodePoints);
  for (const f of rels) {
    hash.update(`${f}\n`);
    hash.update(readFileSync(join(packRoot, f)));
    hash.update('\n');
  }
  return `sha256:${hash.digest('hex')}`;
}

function readTemplateCommit(ref: PackRef): string {
  const info = join(ref.plugin.root, 'build-info.json');
  if (existsSync(info)) {
    try {
      const parsed = JSON.parse(readFileSync(info, 'utf8')) as { template_commit?: unknown };
      if (
        typeof parsed.template_commit === 'string' &&
        /^(git|sha256):[0-9a-f]{40,64}$/.test(parsed.template_commit)
      ) {
        return parsed.template_commit;
      }
    } catch {
      // fall through to the digest: a broken record must not stop generation
    }
  }
  return templateDigest(ref.plugin.root, ref.manifest);
}

/** Read, schema-check and path-check a pack manifest. Errors carry the plugin's name. */
export function loadPack(ref: PackRef): LoadedPack {
  const file = join(ref.plugin.root, ref.manifest);
  const shown = `${ref.plugin.name}/${ref.manifest}`;
  const fail = (message: string, hint: string, details = undefined as undefined | StudioError['details']) =>
    new StudioError(ErrorCodes.MANIFEST_INVALID, message, {
      file: shown,
      hint,
      plugin: ref.plugin.name,
      details,
    });
  if (!existsSync(file))
    throw fail(`pack manifest ${shown} does not exist`, 'Check "studio.packs" in its package.json.');
  const manifest = parseJsonStrict(readFileSync(file, 'utf8'), shown) as PackManifest;
  const problems = validateSchema('pack_manifest', manifest);
  if (problems.length > 0) {
    throw fail(
      `pack manifest ${shown} is invalid`,
      'Fix the manifest; see docs/pack-authoring.md.',
      problems,
    );
  }
  if (manifest.id !== ref.id) {
    throw fail(
      `pack manifest ${shown} declares id "${manifest.id}" but package.json lists it as "${ref.id}"`,
      'Make "studio.packs" and pack.json agree.',
    );
  }
  const ids = new Set<string>();
  for (const [i, artifact] of manifest.artifacts.entries()) {
    if (ids.has(artifact.id))
      throw fail(`artifact id "${artifact.id}" appears twice`, 'Artifact ids must be unique.');
    ids.add(artifact.id);
    const pathToCheck = artifact.path.replace(/\{[a-z_]+\}/g, 'x');
    const reason = unsafePathReason(pathToCheck) ?? unsafePathReason(artifact.template);
    if (reason !== null) {
      throw new StudioError(
        ErrorCodes.ARTIFACT_PATH_UNSAFE,
        `artifact "${artifact.id}" has an unsafe path: ${reason}`,
        {
          file: shown,
          pointer: `/artifacts/${i}`,
          plugin: ref.plugin.name,
          hint: 'Artifact paths and templates must be relative POSIX paths inside the pack.',
        },
      );
    }
    if (/\{[^}]*\}/.test(artifact.path) && artifact.each === undefined) {
      throw fail(
        `artifact "${artifact.id}" has placeholders in its path but no "each"`,
        'Add "each" or remove the placeholders.',
      );
    }
  }
  return {
    manifest,
    plugin: ref.plugin,
    templatesDir: join(ref.plugin.root, 'templates'),
    sourceCatalog: sourceCatalogFile(ref.plugin.root),
    templateCommit: readTemplateCommit(ref),
  };
}
