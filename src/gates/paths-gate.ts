// Gate 2: every path in the package and every artifact path a manifest declares must be a portable,
// relative POSIX path inside the package: no symlinks (checked with lstat, never followed), no
// "..", no absolute or drive paths, no backslashes, no Windows reserved names, no case-only twins.
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareCodePoints } from '../util/canonical-json.js';
import { caseCollisions, unsafePathReason } from '../util/safe-path.js';
import type { PackPackageJson } from './package-gate.js';
import type { GateFinding } from './types.js';

/** Folders that are not part of what a pack ships (dependencies, VCS). */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** Relative POSIX paths of every entry under `root` (folders included), plus the symlinks found. */
export function walkPackage(root: string): { entries: string[]; symlinks: string[] } {
  const entries: string[] = [];
  const symlinks: string[] = [];
  const visit = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort(compareCodePoints)) {
      const rel = prefix ? `${prefix}/${name}` : name;
      const stat = lstatSync(join(dir, name));
      if (stat.isSymbolicLink()) {
        symlinks.push(rel);
        continue;
      }
      if (stat.isDirectory() && SKIPPED_DIRS.has(name)) continue;
      entries.push(rel);
      if (stat.isDirectory()) visit(join(dir, name), rel);
    }
  };
  visit(root, '');
  return { entries, symlinks };
}

interface LooseArtifact {
  id?: unknown;
  path?: unknown;
  template?: unknown;
}

export function pathsGate(root: string, pjson: PackPackageJson | null): GateFinding[] {
  const findings: GateFinding[] = [];
  const { entries, symlinks } = walkPackage(root);
  for (const link of symlinks) {
    findings.push({
      message: `"${link}" is a symbolic link; packs may not contain links`,
      file: link,
      hint: 'Replace it with a copy of the file.',
    });
  }
  for (const rel of entries) {
    // Check the last segment only: its parents are entries of their own.
    const name = rel.split('/').pop()!;
    const reason = unsafePathReason(name);
    if (reason) findings.push({ message: `"${rel}" is not a portable file name: ${reason}`, file: rel });
  }
  for (const group of caseCollisions(entries)) {
    findings.push({
      message: `paths differ only by case: ${group.join(', ')}`,
      file: group[0],
      hint: 'They collide on macOS and Windows.',
    });
  }
  const packs = pjson?.studio?.packs;
  if (!packs || typeof packs !== 'object') return findings;
  for (const [id, manifestPath] of Object.entries(packs).sort(([a], [b]) => compareCodePoints(a, b))) {
    if (typeof manifestPath !== 'string' || unsafePathReason(manifestPath)) continue;
    const file = join(root, manifestPath);
    let manifest: { artifacts?: unknown };
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8')) as { artifacts?: unknown };
    } catch {
      continue; // the manifest gate reports unreadable manifests
    }
    if (!Array.isArray(manifest?.artifacts)) continue;
    const outputs: string[] = [];
    (manifest.artifacts as LooseArtifact[]).forEach((art, i) => {
      const pointer = `/artifacts/${i}`;
      const label = `pack "${id}", artifact "${String(art?.id)}"`;
      if (typeof art?.path === 'string') {
        // Placeholders are filled from view-models at render time (and re-checked then).
        const reason = unsafePathReason(art.path.replace(/\{[A-Za-z_][A-Za-z0-9_]*\}/g, 'x'));
        if (reason)
          findings.push({
            code: 'E_ARTIFACT_PATH_UNSAFE',
            message: `${label}: path "${art.path}" is unsafe: ${reason}`,
            file: manifestPath,
            pointer: `${pointer}/path`,
          });
        else outputs.push(art.path);
      }
      if (typeof art?.template === 'string') {
        const reason = unsafePathReason(art.template);
        if (reason) {
          findings.push({
            message: `${label}: template "${art.template}" is unsafe: ${reason}`,
            file: manifestPath,
            pointer: `${pointer}/template`,
          });
        } else if (!existsSync(join(root, 'templates', art.template))) {
          findings.push({
            message: `${label}: template "templates/${art.template}" does not exist`,
            file: manifestPath,
            pointer: `${pointer}/template`,
          });
        }
      }
    });
    for (const group of caseCollisions(outputs)) {
      findings.push({
        message: `pack "${id}": artifact paths differ only by case: ${group.join(', ')}`,
        file: manifestPath,
      });
    }
  }
  return findings;
}
