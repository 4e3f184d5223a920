#!/usr/bin/env node
// Print the registry-index entry for a pack: `node scripts/registry-entry.mjs <pack folder | .tgz>`.
// For a folder it runs `npm pack` (scripts disabled) into a temp folder first. The integrity is the SRI
// sha512 of the tarball's bytes, exactly what npm records after installing it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export function packTarball(dir) {
  const dest = mkdtempSync(join(tmpdir(), 'studio-pack-'));
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], {
    cwd: dir,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  const [info] = JSON.parse(out);
  return { file: join(dest, info.filename), cleanup: () => rmSync(dest, { recursive: true, force: true }) };
}

/** Read package.json and pack manifests from the packed folder (or extract them from the tarball). */
function readPackage(dirOrTgz) {
  if (statSync(dirOrTgz).isDirectory()) {
    const pjson = JSON.parse(readFileSync(join(dirOrTgz, 'package.json'), 'utf8'));
    const read = (p) => JSON.parse(readFileSync(join(dirOrTgz, p), 'utf8'));
    const manifests = Object.values(pjson.studio?.packs ?? {}).map(read);
    // Locale packs (kind "locale") are listed like packs: their id, locale, catalog set and engine range.
    const locales = Object.values(pjson.studio?.locales ?? {}).map(read);
    return { pjson, manifests, locales };
  }
  const tmp = mkdtempSync(join(tmpdir(), 'studio-unpack-'));
  execFileSync('tar', ['-xzf', dirOrTgz, '-C', tmp]);
  try {
    return readPackage(join(tmp, 'package'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function registryEntry(dirOrTgz, tarball) {
  const bytes = readFileSync(tarball);
  return entryWithIntegrity(dirOrTgz, `sha512-${createHash('sha512').update(bytes).digest('base64')}`);
}

/** The index entry for a package whose tarball's integrity is already known (`npm publish --json`). */
export function entryWithIntegrity(dirOrTgz, integrity) {
  const { pjson, manifests, locales } = readPackage(dirOrTgz);
  if (manifests.length === 0 && locales.length > 0) {
    return {
      name: pjson.name,
      version: {
        version: pjson.version,
        integrity,
        template_set: locales[0].template_set,
        engine: locales[0].engine,
        spec_versions: '>=1.0.0',
        locales: [...new Set(locales.map((x) => x.locale))].sort(),
        provides: locales.map((x) => x.id).sort(),
      },
    };
  }
  const m = manifests[0];
  return {
    name: pjson.name,
    version: {
      version: pjson.version,
      integrity,
      template_set: m.template_set,
      engine: m.engine,
      spec_versions: m.spec_versions,
      locales: [...new Set(manifests.flatMap((x) => x.locales))].sort(),
      provides: manifests.map((x) => x.id).sort(),
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv[2];
  if (!arg) {
    console.error('usage: node scripts/registry-entry.mjs <pack folder | tarball.tgz>');
    process.exit(2);
  }
  const target = resolve(arg);
  if (statSync(target).isDirectory()) {
    const { file, cleanup } = packTarball(target);
    try {
      process.stdout.write(`${JSON.stringify(registryEntry(target, file), null, 2)}\n`);
    } finally {
      cleanup();
    }
  } else {
    process.stdout.write(`${JSON.stringify(registryEntry(target, target), null, 2)}\n`);
  }
}
