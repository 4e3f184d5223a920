// Goldens: the clinic-queue example's core documents, byte for byte. They change only through
// `npm run goldens:update` (scripts/update-goldens.mjs), so every template change is reviewed as a diff.
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, generateArgs, studio, tempDir } from './cli.js';
import { GOLDENS } from '../goldens/goldens.js';

const GOLDEN_DIR = fileURLToPath(new URL('../goldens/', import.meta.url));

beforeAll(() => ensureBuilt());

describe('goldens', () => {
  for (const set of GOLDENS) {
    const locale = set.locale ? ['--locale', set.locale] : [];
    it(`${set.example} --pack ${[set.pack, ...locale].join(' ')}: ${set.files.join(', ')} match the goldens`, () => {
      const out = join(tempDir(), 'out');
      const env = { STUDIO_DATA_DIR: tempDir('studio-data-') };
      for (const dir of set.link ?? [])
        expect(studio(['plugins', 'link', join(ROOT, dir)], { env }).status).toBe(0);
      const r = studio(generateArgs(set.example, '--pack', set.pack, ...locale, '-o', out), { env });
      expect(r.status).toBe(0);
      for (const file of set.files) {
        const golden = join(
          GOLDEN_DIR,
          set.example,
          set.locale ? `${set.pack}.${set.locale}` : set.pack,
          file,
        );
        expect(existsSync(golden), `${golden} exists (run npm run goldens:update)`).toBe(true);
        expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(golden, 'utf8'));
      }
    });
  }
});
