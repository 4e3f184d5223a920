import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIndexText } from '../../src/registry/index-file.js';
import { DEFAULT_INDEX_PATH } from '../../src/registry/sources.js';
import { checkSignature, shippedKey, signaturePath } from '../../src/registry/signature.js';
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

  it('is signed by the project key shipped with studio, and a one-byte change breaks the signature', () => {
    const text = readFileSync(DEFAULT_INDEX_PATH, 'utf8');
    const sig = readFileSync(signaturePath(DEFAULT_INDEX_PATH), 'utf8');
    const key = shippedKey()!;
    expect(checkSignature(text, sig, [key])).toMatchObject({ state: 'signed', key: { id: key.id } });
    expect(checkSignature(text.replace('"1.0.0"', '"1.0.1"'), sig, [key]).state).toBe('invalid');
    // No private key is committed anywhere in the repository's registry folder.
    expect(readFileSync(join(REPO, 'registry/keys/studio-index.pub.pem'), 'utf8')).toMatch(
      /^-----BEGIN PUBLIC KEY-----/,
    );
  });

  it.each(['examples/packs/fintech-pack', 'packs/locale-fr-ca'])(
    'lists %s with the integrity of its packed tarball',
    (folder) => {
      const dir = join(REPO, folder);
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
    },
  );
});
