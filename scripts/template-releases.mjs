#!/usr/bin/env node
// Template-set releases of the first-party packs (docs/template-versioning.md).
//
// Each pack folder holds `template-releases.json` ({template_set: digest}) and a Keep a Changelog
// `CHANGELOG.md`. The digest is the host's own templateDigest (manifest + every template), so "the
// templates changed" means exactly what studio records as template_commit when no git commit is known.
//
//   node scripts/template-releases.mjs check            every first-party pack (exit 1 on a problem)
//   node scripts/template-releases.mjs record <pack>    record the current template_set as released
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The packs this repository releases: the built-ins and the example vendor pack. */
export const FIRST_PARTY_PACKS = ['packs/balanced', 'packs/deep', 'packs/locale-fr-ca', 'examples/packs/fintech-pack'];
const RELEASES = 'template-releases.json';

async function digestOf(dir) {
  const { templateDigest } = await import(pathToFileURL(join(ROOT, 'dist/plugins/load-pack.js')).href);
  return templateDigest(dir, 'pack.json');
}

async function semver() {
  return (await import('semver')).default;
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** `## [1.2.0] - 2026-11-30` headings of a Keep a Changelog file. */
export function changelogVersions(text) {
  return [...text.matchAll(/^## \[(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\](?: - \d{4}-\d{2}-\d{2})?\s*$/gm)].map(
    (m) => m[1],
  );
}

/** Problems with one pack folder's release state; [] when it is consistent. */
export async function checkPack(dir) {
  const problems = [];
  const name = relative(ROOT, dir).split('\\').join('/') || dir;
  const version = readJson(join(dir, 'pack.json')).template_set;
  const releasesFile = join(dir, RELEASES);
  const releases = existsSync(releasesFile) ? readJson(releasesFile) : {};
  const changelogFile = join(dir, 'CHANGELOG.md');
  const logged = existsSync(changelogFile) ? changelogVersions(readFileSync(changelogFile, 'utf8')) : [];
  const digest = await digestOf(dir);
  const sv = await semver();

  if (!existsSync(changelogFile)) problems.push(`${name}: CHANGELOG.md is missing`);
  if (!logged.includes(version)) {
    problems.push(`${name}: CHANGELOG.md has no "## [${version}]" entry for template_set ${version}`);
  }
  const recorded = releases[version];
  if (recorded !== undefined && recorded !== digest) {
    problems.push(
      `${name}: the templates changed since template_set ${version} was released ` +
        `(recorded ${recorded.slice(0, 19)}…, now ${digest.slice(0, 19)}…): bump template_set in pack.json ` +
        '(docs/template-versioning.md says which part) and add a CHANGELOG.md entry',
    );
  }
  if (recorded === undefined) {
    const newest = Object.keys(releases).sort(sv.rcompare)[0];
    if (newest !== undefined && !sv.gt(version, newest)) {
      problems.push(`${name}: template_set ${version} is not newer than the last release ${newest}`);
    }
  }
  return problems;
}

/** Record the current template_set of `dir` as released (refuses what check would refuse). */
export async function recordPack(dir) {
  const problems = await checkPack(dir);
  if (problems.length > 0) return problems;
  const file = join(dir, RELEASES);
  const releases = existsSync(file) ? readJson(file) : {};
  const version = readJson(join(dir, 'pack.json')).template_set;
  releases[version] = await digestOf(dir);
  const sv = await semver();
  const sorted = Object.fromEntries(Object.keys(releases).sort(sv.compare).map((v) => [v, releases[v]]));
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
  return [];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [mode, target] = process.argv.slice(2);
  let problems = [];
  if (mode === 'check') {
    for (const p of FIRST_PARTY_PACKS) problems.push(...(await checkPack(join(ROOT, p))));
  } else if (mode === 'record' && target) {
    problems = await recordPack(join(process.cwd(), target));
  } else {
    console.error('usage: template-releases.mjs check | record <pack folder>');
    process.exit(2);
  }
  for (const p of problems) console.error(p);
  process.exit(problems.length > 0 ? 1 : 0);
}
