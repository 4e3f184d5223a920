import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffFiles } from '../../src/regen/output-diff.js';
import { ARTIFACTS, ZIP, makeOutputFolder, writeIn, zipOf } from '../output/output-folder.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const files = (record: Record<string, string>) =>
  Object.entries(record).map(([path, text]) => ({ path, bytes: Buffer.from(text, 'utf8') }));

describe('diffFiles', () => {
  it('diffs against the disk (hand edits included) and names changed, added and removed zips', async () => {
    const { dir, index } = await makeOutputFolder();
    made.push(dir);
    writeIn(dir, 'brief.md', '# Clinic queue\n\nEdited by hand.\n');
    const next = {
      ...ARTIFACTS,
      'prd.md': ARTIFACTS['prd.md']!.replace('# PRD', '# PRD v2'),
      'new.md': 'x\n',
    };
    delete (next as Record<string, string>)['ci/workflow.yml'];
    const zips = [
      { path: ZIP, bytes: await zipOf(next) },
      { path: 'other.zip', bytes: Buffer.from('z') },
    ];
    const d = await diffFiles(dir, files(next), zips, index);
    expect(d.patches.map((p) => [p.path, p.status])).toEqual([
      ['brief.md', 'changed'],
      ['ci/workflow.yml', 'removed'],
      ['new.md', 'added'],
      ['prd.md', 'changed'],
    ]);
    expect(d.patches[0]!.patch).toBe(
      '--- a/brief.md\n+++ b/brief.md\n@@ -1,3 +1,3 @@\n # Clinic queue\n \n-Edited by hand.\n+Patients wait less.\n',
    );
    expect(d.zips).toEqual([
      { path: ZIP, status: 'changed' },
      { path: 'other.zip', status: 'added' },
    ]);
  });

  it('nothing to show when the render equals the folder; a previous zip no longer made is removed', async () => {
    const { dir, index } = await makeOutputFolder();
    made.push(dir);
    const same = await diffFiles(
      dir,
      files(ARTIFACTS),
      [{ path: ZIP, bytes: await zipOf(ARTIFACTS) }],
      index,
    );
    expect(same).toEqual({ patches: [], zips: [] });
    const gone = await diffFiles(join(dir), files(ARTIFACTS), [], index);
    expect(gone.zips).toEqual([{ path: ZIP, status: 'removed' }]);
  });
});
