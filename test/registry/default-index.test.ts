import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIndexText } from '../../src/registry/index-file.js';
import { DEFAULT_INDEX_PATH } from '../../src/registry/sources.js';
// @ts-expect-error plain ESM helper script without types
import { packTarball, registryEntry } from '../../scripts/registry-entry.mjs';

const REPO = join(import.meta.dirname, '..', '..');

describe('the shipped registry index', () => {
  it('passes the strict verify checks', () => {
    const { index, problems } = checkIndexText(
      readFileSync(DEFAULT_INDEX_PATH, 'utf8'),
      'registry/index.json',
      { strict: true },
    );
    expect(problems).toEqual([]);
    expect(index!.packages.map((p) => p.name)).toContain('@vendor/fintech-pack');
  });

  it('lists the example vendor pack with the integrity of its packed tarball', () => {
    const dir = join(REPO, 'examples/packs/fintech-pack');
    const { file, cleanup } = packTarball(dir) as { file: string; cleanup: () => void };
    try {
      const entry = registryEntry(dir, file) as { name: string; version: { version: string } };
      const listed = JSON.parse(readFileSync(DEFAULT_INDEX_PATH, 'utf8')).packages.find(
        (p: { name: string }) => p.name === entry.name,
      );
      expect(listed.versions.find((v: { version: string }) => v.version === entry.version.version)).toEqual(
        entry.version,
      );
    } finally {
      cleanup();
    }
  });
});
