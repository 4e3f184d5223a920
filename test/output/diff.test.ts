import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffOutput } from '../../src/output/diff.js';
import type { ArtifactIndex } from '../../src/output/artifact-index.js';
import { tempDir } from '../e2e/cli.js';

/** A valid index whose artifacts have the given paths and (one-character) content hashes. */
const index = (arts: [string, string][]): ArtifactIndex => ({
  generated_at: '2026-01-01T00:00:00Z',
  engine_version: '0.1.0',
  spec_version: '1.0.0',
  packages: [],
  artifacts: arts.map(([path, sha256]) => ({
    path,
    sha256: sha256.repeat(64),
    bytes: 1,
    pack: 'p',
    purpose: 'x',
    template_set: '1.0.0',
    template_commit: 'engine',
  })),
});

describe('dry-run diff', () => {
  it('classifies added, changed, removed and unchanged against the previous index', async () => {
    const out = join(tempDir(), 'out');
    mkdirSync(out);
    writeFileSync(
      join(out, 'artifact_index.json'),
      JSON.stringify(
        index([
          ['a.md', '1'],
          ['b.md', '2'],
          ['gone.md', '3'],
        ]),
      ),
    );
    const d = await diffOutput(out, {
      index: index([
        ['a.md', '1'],
        ['b.md', '9'],
        ['new.md', '4'],
      ]),
      files: [],
      zips: [],
    });
    expect(d).toEqual({
      added: ['new.md'],
      changed: ['b.md'],
      removed: ['gone.md'],
      unchanged: ['a.md'],
      hadPrevious: true,
      patches: [],
      zips: [],
    });
  });
  it('without a previous output everything is added', async () => {
    const d = await diffOutput(join(tempDir(), 'none'), {
      index: index([['a.md', '1']]),
      files: [],
      zips: [],
    });
    expect(d).toMatchObject({ added: ['a.md'], hadPrevious: false });
  });
  it('an index that breaks its schema counts as no previous output', async () => {
    const out = join(tempDir(), 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'artifact_index.json'), JSON.stringify({ artifacts: [{ path: 'a.md' }] }));
    const d = await diffOutput(out, { index: index([['a.md', '1']]), files: [], zips: [] });
    expect(d).toMatchObject({ added: ['a.md'], hadPrevious: false });
  });
});
