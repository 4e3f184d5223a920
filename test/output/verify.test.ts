import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StudioError } from '../../src/errors/studio-error.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { sha256Hex } from '../../src/util/hash.js';
import { verifyOutput } from '../../src/output/verify.js';
import { ARTIFACTS, ZIP, makeOutputFolder, writeIn, zipOf } from './output-folder.js';
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

const verifyError = (dir: string): Promise<StudioError> => rejected(verifyOutput(dir), `verify ${dir}`);

describe('verifyOutput', () => {
  it('finds an intact folder intact, ignoring the run records', async () => {
    const { dir } = await folder();
    const result = await verifyOutput(dir);
    expect(result).toEqual({
      ok: true,
      missing: [],
      extra: [],
      modified: [],
      zips: [{ path: ZIP, ok: true, problems: [] }],
      merged: [],
      conflicts: [],
    });
  });

  it('reports an edited file as modified, with both hashes', async () => {
    const { dir, index } = await folder();
    writeIn(dir, 'adr/ADR-0001-use-postgres.md', '# ADR-0001: Use MySQL\n');
    const result = await verifyOutput(dir);
    expect(result.ok).toBe(false);
    expect(result.modified).toEqual([
      {
        path: 'adr/ADR-0001-use-postgres.md',
        expected: index.artifacts.find((a) => a.path === 'adr/ADR-0001-use-postgres.md')!.sha256,
        actual: sha256Hex('# ADR-0001: Use MySQL\n'),
      },
    ]);
    expect(result.missing).toEqual([]);
    expect(result.extra).toEqual([]);
    // The zip was not touched, so it still matches.
    expect(result.zips[0]?.ok).toBe(true);
  });

  it('reports a deleted file as missing', async () => {
    const { dir } = await folder();
    rmSync(join(dir, 'contracts', 'patient.schema.json'));
    const result = await verifyOutput(dir);
    expect(result.ok).toBe(false);
    expect(result.missing).toEqual(['contracts/patient.schema.json']);
    expect(result.modified).toEqual([]);
  });

  it('reports added files as extra, in code-point order, at any depth', async () => {
    const { dir } = await folder();
    writeIn(dir, 'notes.md', 'mine\n');
    writeIn(dir, 'adr/ADR-0099-draft.md', 'draft\n');
    writeIn(dir, 'Z.md', 'upper\n');
    writeIn(dir, 'sub/audit.jsonl', 'only the top-level run records are exempt\n');
    const result = await verifyOutput(dir);
    expect(result.ok).toBe(false);
    expect(result.extra).toEqual(['Z.md', 'adr/ADR-0099-draft.md', 'notes.md', 'sub/audit.jsonl']);
  });

  it('reports a missing zip once, as missing', async () => {
    const { dir } = await folder();
    rmSync(join(dir, ZIP));
    const result = await verifyOutput(dir);
    expect(result.missing).toEqual([ZIP]);
    expect(result.zips).toEqual([{ path: ZIP, ok: false, problems: ['the zip is missing'] }]);
  });

  it('reports a zip whose entry was swapped for other bytes', async () => {
    const { dir } = await folder();
    writeIn(dir, ZIP, await zipOf({ ...ARTIFACTS, 'prd.md': '# PRD (tampered)\n' }));
    const result = await verifyOutput(dir);
    expect(result.ok).toBe(false);
    expect(result.modified).toEqual([]);
    const [zip] = result.zips;
    expect(zip?.ok).toBe(false);
    expect(zip?.problems).toHaveLength(2);
    expect(zip?.problems[0]).toMatch(/^the zip differs from the index/);
    expect(zip?.problems[1]).toMatch(/^entry "prd\.md" differs from the index/);
  });

  it('reports a zip with an entry added and one removed', async () => {
    const { dir } = await folder();
    const { 'brief.md': _dropped, ...rest } = ARTIFACTS;
    writeIn(dir, ZIP, await zipOf({ ...rest, 'payload.sh': 'rm -rf ~\n' }));
    const problems = (await verifyOutput(dir)).zips[0]?.problems ?? [];
    expect(problems).toContain('entry "brief.md" is missing');
    expect(problems).toContain('entry "payload.sh" is not listed in the index');
  });

  it('reports a corrupt zip as unreadable, not as a crash', async () => {
    const { dir } = await folder();
    const bytes = readFileSync(join(dir, ZIP));
    writeFileSync(join(dir, ZIP), bytes.subarray(0, bytes.length - 30));
    const problems = (await verifyOutput(dir)).zips[0]?.problems ?? [];
    expect(problems[0]).toMatch(/^the zip differs from the index/);
    expect(problems[1]).toMatch(/^the zip cannot be read: /);
  });

  it('gives a clear error when the index is missing', async () => {
    const { dir } = await folder();
    rmSync(join(dir, 'artifact_index.json'));
    const error = await verifyError(dir);
    expect(error.code).toBe('E_INPUT_NOT_FOUND');
    expect(error.message).toContain('artifact_index.json');
    expect(error.hint).toMatch(/studio generate/);
    expect(error.exitCode).toBe(2);
  });

  it('gives a clear error when the folder does not exist', async () => {
    const { dir } = await folder();
    const error = await verifyError(join(dir, 'nope'));
    expect(error.code).toBe('E_INPUT_NOT_FOUND');
    expect(error.hint).toMatch(/studio generate/);
  });

  it('refuses an index that is not JSON, naming the file', async () => {
    const { dir } = await folder();
    writeIn(dir, 'artifact_index.json', '{\n  "artifacts": [,]\n}\n');
    const error = await verifyError(dir);
    expect(error.code).toBe('E_INPUT_PARSE');
    expect(error.file).toBe('artifact_index.json');
  });

  it('refuses an index that breaks its schema, with pointers, and reads nothing outside the folder', async () => {
    const { dir, index } = await folder();
    const broken = structuredClone(index);
    broken.artifacts[0]!.path = '../../etc/passwd';
    writeIn(dir, 'artifact_index.json', canonicalJson(broken));
    const error = await verifyError(dir);
    expect(error.code).toBe('E_VERIFY_MISMATCH');
    expect(error.details.map((d) => d.pointer)).toContain('/artifacts/0/path');
  });

  it('refuses an index that contradicts itself', async () => {
    const { dir, index } = await folder();
    const broken = structuredClone(index);
    broken.artifacts.reverse();
    broken.packages[0]!.entries.push('not-indexed.md');
    writeIn(dir, 'artifact_index.json', canonicalJson(broken));
    const error = await verifyError(dir);
    expect(error.code).toBe('E_VERIFY_MISMATCH');
    const messages = error.details.map((d) => `${d.pointer}: ${d.message}`);
    expect(messages).toContain('/artifacts/1: artifacts are not sorted by path');
    expect(messages.some((m) => m.includes('"not-indexed.md" is not an indexed artifact'))).toBe(true);
  });
});

describe('verifyOutput after `studio update`', () => {
  async function mergedFolder(result: 'merged' | 'conflict') {
    const { dir, index } = await folder();
    // The zip keeps the render; the file on disk holds the merge, and the index records both.
    const merged = `${ARTIFACTS['prd.md']}\nHand-written appendix.\n`;
    writeIn(dir, 'prd.md', merged);
    const entry = index.artifacts.find((a) => a.path === 'prd.md')!;
    entry.merge = { result, rendered_sha256: entry.sha256, rendered_bytes: entry.bytes };
    entry.sha256 = sha256Hex(Buffer.from(merged, 'utf8'));
    entry.bytes = Buffer.byteLength(merged);
    writeFileSync(join(dir, 'artifact_index.json'), canonicalJson(index));
    return dir;
  }

  it('accepts a merged file (disk = merge, zip entry = render) and lists it', async () => {
    const result = await verifyOutput(await mergedFolder('merged'));
    expect(result).toMatchObject({ ok: true, modified: [], merged: ['prd.md'], conflicts: [] });
    expect(result.zips[0]!.ok).toBe(true);
  });

  it('an unresolved conflict fails verification', async () => {
    const result = await verifyOutput(await mergedFolder('conflict'));
    expect(result).toMatchObject({ ok: false, modified: [], merged: [], conflicts: ['prd.md'] });
  });
});
