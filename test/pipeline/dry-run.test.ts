import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffAgainstPrevious } from '../../src/pipeline/dry-run.js';
import type { ArtifactIndex } from '../../src/pipeline/artifact-index.js';
import { tempDir } from '../e2e/cli.js';

const index = (arts: [string, string][]): ArtifactIndex => ({
  generated_at: 'x',
  engine_version: '0.1.0',
  spec_version: '1.0.0',
  packages: [],
  artifacts: arts.map(([path, sha256]) => ({
    path,
    sha256,
    bytes: 1,
    pack: 'p',
    purpose: 'x',
    template_set: '1',
    template_commit: 'engine',
  })),
});

describe('dry-run diff', () => {
  it('classifies added, changed, removed and unchanged against the previous index', () => {
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
    const d = diffAgainstPrevious(
      out,
      index([
        ['a.md', '1'],
        ['b.md', '9'],
        ['new.md', '4'],
      ]),
    );
    expect(d).toEqual({
      added: ['new.md'],
      changed: ['b.md'],
      removed: ['gone.md'],
      unchanged: ['a.md'],
      hadPrevious: true,
    });
  });
  it('without a previous output everything is added', () => {
    const d = diffAgainstPrevious(join(tempDir(), 'none'), index([['a.md', '1']]));
    expect(d).toMatchObject({ added: ['a.md'], hadPrevious: false });
  });
});
