import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import type { StudioError } from '../../src/errors/studio-error.js';
import { assertUnchanged, reconcile } from '../../src/regen/reconcile.js';
import { findHandEdits, readMergeBase, readPreviousIndex } from '../../src/regen/previous-output.js';
import { sha256Hex } from '../../src/util/hash.js';
import { tempDir } from '../e2e/cli.js';
import { ARTIFACTS, ZIP, makeOutputFolder, writeIn } from '../output/output-folder.js';
import { rejected } from '../errors/studio-failure.js';

const made: string[] = [];
async function folder() {
  const out = await makeOutputFolder();
  made.push(out.dir);
  return out;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The "new render": the previous files with some replaced. */
function render(changes: Record<string, string> = {}) {
  return Object.entries({ ...ARTIFACTS, ...changes }).map(([path, text]) => ({
    path,
    bytes: Buffer.from(text, 'utf8'),
  }));
}

const rejection = (p: Promise<unknown>): Promise<StudioError> => rejected(p);

describe('previous output', () => {
  it('no folder or no index: nothing to reconcile', async () => {
    const empty = tempDir();
    made.push(empty);
    expect(await readPreviousIndex(join(empty, 'none'))).toBeNull();
    const r = await reconcile(join(empty, 'none'), render(), 'refuse');
    expect(r).toMatchObject({ previous: null, edited: [], merged: [], conflicts: [] });
  });

  it('finds edited files but not deleted ones, and reads the merge base from the zip', async () => {
    const { dir, index } = await folder();
    writeIn(dir, 'prd.md', `${ARTIFACTS['prd.md']}hand note\n`);
    rmSync(join(dir, 'brief.md'));
    const edits = await findHandEdits(dir, index);
    expect(edits.map((e) => e.path)).toEqual(['prd.md']);
    const base = await readMergeBase(dir, index);
    expect(base.get('prd.md')?.toString('utf8')).toBe(ARTIFACTS['prd.md']);
    expect([...base.keys()].sort()).toEqual(Object.keys(ARTIFACTS).sort());
  });

  it('line endings or a BOM alone are not a hand edit', async () => {
    const { dir, index } = await folder();
    writeIn(dir, 'prd.md', `\uFEFF${ARTIFACTS['prd.md']!.replace(/\n/g, '\r\n')}`);
    expect(await findHandEdits(dir, index)).toEqual([]);
    await expect(reconcile(dir, render(), 'refuse')).resolves.toMatchObject({ edited: [] });
  });

  it('a damaged index refuses (edits cannot be told apart)', async () => {
    const { dir } = await folder();
    writeIn(dir, 'artifact_index.json', '{"artifacts": 3}');
    const error = await rejection(reconcile(dir, render(), 'refuse'));
    expect(error.code).toBe(ErrorCodes.OUTPUT_EDITED);
    expect(error.hint).toMatch(/--force/);
  });
});

describe('reconcile', () => {
  it('refuse: throws E_OUTPUT_EDITED (exit 2) naming every edited file', async () => {
    const { dir } = await folder();
    writeIn(dir, 'prd.md', 'mine\n');
    writeIn(dir, 'lifecycle.mmd', 'stateDiagram-v2\n');
    const error = await rejection(reconcile(dir, render(), 'refuse'));
    expect(error.code).toBe(ErrorCodes.OUTPUT_EDITED);
    expect(error.exitCode).toBe(2);
    expect(error.details.map((d) => d.file)).toEqual(['lifecycle.mmd', 'prd.md']);
  });

  it('refuse in a dry run reports instead of throwing; force keeps the render', async () => {
    const { dir } = await folder();
    writeIn(dir, 'prd.md', 'mine\n');
    const dry = await reconcile(dir, render(), 'refuse', true);
    expect(dry.edited).toEqual(['prd.md']);
    const forced = await reconcile(dir, render(), 'force');
    expect(forced.edited).toEqual(['prd.md']);
    expect(forced.files.find((f) => f.path === 'prd.md')!.bytes.toString()).toBe(ARTIFACTS['prd.md']);
  });

  it('merge: keeps non-conflicting edits, marks conflicts, records both in the files', async () => {
    const { dir } = await folder();
    writeIn(dir, 'prd.md', `${ARTIFACTS['prd.md']}\nHand-written appendix.\n`);
    writeIn(dir, 'brief.md', '# Clinic queue (mine)\n\nPatients wait less.\n');
    const next = render({
      'prd.md': ARTIFACTS['prd.md']!.replace('# PRD', '# PRD v2'),
      'brief.md': '# Clinic queue v2\n\nPatients wait less.\n',
    });
    const r = await reconcile(dir, next, 'merge');
    expect(r.merged).toEqual(['prd.md']);
    expect(r.conflicts).toEqual(['brief.md']);
    const prd = r.files.find((f) => f.path === 'prd.md')!;
    expect(Buffer.from(prd.bytes).toString()).toBe(
      `${ARTIFACTS['prd.md']!.replace('# PRD', '# PRD v2')}\nHand-written appendix.\n`,
    );
    const renderedPrd = next.find((f) => f.path === 'prd.md')!.bytes;
    expect(prd.merge).toEqual({
      result: 'merged',
      rendered_sha256: sha256Hex(renderedPrd),
      rendered_bytes: renderedPrd.length,
    });
    const brief = r.files.find((f) => f.path === 'brief.md')!;
    expect(brief.merge?.result).toBe('conflict');
    expect(Buffer.from(brief.bytes).toString()).toContain('<<<<<<< edited brief.md\n# Clinic queue (mine)\n');
    // Untouched files are the render as is, with no merge record.
    expect(r.files.find((f) => f.path === 'ci/workflow.yml')).not.toHaveProperty('merge');
  });

  it('merge: an editor that saved CRLF and a BOM changed no content; the hand edit still merges', async () => {
    const { dir } = await folder();
    const edited = `\uFEFF${ARTIFACTS['prd.md']!.replace('A patient', 'Any patient').replace(/\n/g, '\r\n')}`;
    writeIn(dir, 'prd.md', edited);
    writeIn(dir, 'brief.md', `\uFEFF${ARTIFACTS['brief.md']!.replace(/\n/g, '\r\n')}`);
    const next = render({ 'prd.md': ARTIFACTS['prd.md']!.replace('# PRD', '# PRD v2') });
    const r = await reconcile(dir, next, 'merge');
    expect(r).toMatchObject({ merged: ['prd.md'], conflicts: [] });
    expect(Buffer.from(r.files.find((f) => f.path === 'prd.md')!.bytes).toString()).toBe(
      ARTIFACTS['prd.md']!.replace('# PRD', '# PRD v2').replace('A patient', 'Any patient'),
    );
    // Only line endings and a BOM: nothing to keep, the render is written as is.
    expect(r.files.find((f) => f.path === 'brief.md')).not.toHaveProperty('merge');
  });

  it('merge: unresolved markers stay a conflict even when the render did not change', async () => {
    const { dir } = await folder();
    writeIn(dir, 'brief.md', '<<<<<<< edited brief.md\nA\n=======\nB\n>>>>>>> new render\n');
    const r = await reconcile(dir, render(), 'merge');
    expect(r.conflicts).toEqual(['brief.md']);
  });

  it('merge: refuses an edited file the new render no longer produces', async () => {
    const { dir } = await folder();
    writeIn(dir, 'ci/workflow.yml', 'name: mine\n');
    const next = render().filter((f) => f.path !== 'ci/workflow.yml');
    const error = await rejection(reconcile(dir, next, 'merge'));
    expect(error.code).toBe(ErrorCodes.OUTPUT_EDITED);
    expect(error.details).toEqual([
      { file: 'ci/workflow.yml', message: 'edited by hand, and no longer generated' },
    ]);
  });

  it('refuses to commit over a file that changed after it was read (saved during the run)', async () => {
    const { dir } = await folder();
    writeIn(dir, 'prd.md', `${ARTIFACTS['prd.md']}mine\n`);
    const r = await reconcile(dir, render(), 'merge');
    await expect(assertUnchanged(dir, r)).resolves.toBeUndefined();
    writeIn(dir, 'brief.md', 'saved meanwhile\n');
    const error = await rejection(assertUnchanged(dir, r));
    expect(error.code).toBe(ErrorCodes.OUTPUT_EDITED);
    expect(error.details).toEqual([{ file: 'brief.md', message: 'changed during the run' }]);
  });

  it('merge: without a readable zip the edited file conflicts as a whole', async () => {
    const { dir } = await folder();
    writeIn(dir, ZIP, 'not a zip');
    writeIn(dir, 'prd.md', 'mine\n');
    const r = await reconcile(dir, render({ 'prd.md': 'theirs\n' }), 'merge');
    expect(r.conflicts).toEqual(['prd.md']);
    expect(readFileSync(join(dir, 'prd.md'), 'utf8')).toBe('mine\n'); // reconcile itself writes nothing
  });
});
