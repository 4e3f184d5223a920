// Safe regeneration, as a user meets it: generate refuses to overwrite hand edits, --force discards
// them, `studio update` merges them (or writes conflict markers), verify agrees, dry runs show diffs.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, exampleProject, readTree, studio, tempDir } from './cli.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const ENV = { SOURCE_DATE_EPOCH: '1700000000' };
// Every case starts from the same first generate of the clinic-queue inputs: it runs once, and each case
// works on a copy of that project (inputs, out/ and data folder). Everything studio keeps about a previous
// run is in out/, so a copy is that run's output as the next command meets it.
let first: string;
beforeAll(() => {
  ensureBuilt();
  const { dir, inputs } = exampleProject('clinic-queue', 'studio-update-');
  made.push(dir);
  const r = studio(['generate', ...inputs('-o', join(dir, 'out'))], {
    env: { ...ENV, STUDIO_DATA_DIR: join(dir, 'data') },
  });
  expect(r.status, r.stderr).toBe(0);
  first = dir;
});

/** A temp project with editable copies of the clinic-queue inputs and their first output in out/. */
function project() {
  const dir = tempDir('studio-update-');
  made.push(dir);
  cpSync(first, dir, { recursive: true });
  const idea = join(dir, 'idea.yaml');
  const inputs = (...more: string[]) => ['--idea', idea, '--decisions', join(dir, 'decisions.yaml'), ...more];
  const out = join(dir, 'out');
  const env = { ...ENV, STUDIO_DATA_DIR: join(dir, 'data') };
  const edit = (rel: string, fn: (text: string) => string) =>
    writeFileSync(join(out, rel), fn(readFileSync(join(out, rel), 'utf8')));
  const retitle = (title: string) =>
    writeFileSync(idea, readFileSync(idea, 'utf8').replace(/^title: .*$/m, `title: ${title}`));
  const args = (command: string, ...extra: string[]) => [command, ...inputs('-o', out, ...extra)];
  const run = (command: string, ...extra: string[]) => studio(args(command, ...extra), { env });
  return { out, env, run, args, edit, retitle, read: (rel: string) => readFileSync(join(out, rel), 'utf8') };
}

const APPENDIX = '\n## Notes from the team\n\nKeep the SMS short.\n';

describe('generate into an edited output', () => {
  it('refuses with E_OUTPUT_EDITED (exit 2) listing the edited files, and writes nothing', () => {
    const p = project();
    p.edit('prd.md', (t) => t + APPENDIX);
    p.edit('lifecycle.mmd', (t) => t.replace('stateDiagram-v2', 'stateDiagram-v2\n  %% mine'));
    const before = readTree(p.out);
    const r = p.run('generate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('E_OUTPUT_EDITED');
    expect(r.stderr).toMatch(/lifecycle\.mmd: edited/);
    expect(r.stderr).toMatch(/prd\.md: edited/);
    expect(r.stderr).toContain('studio update');
    const after = readTree(p.out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), path).toBe(true);

    const json = p.run('generate', '--json');
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'E_OUTPUT_EDITED' } });

    const forced = p.run('generate', '--force');
    expect(forced.status).toBe(0);
    expect(p.read('prd.md')).not.toContain('Notes from the team');
    expect(studio(['verify', p.out], { env: p.env }).status).toBe(0);
  });
});

describe('studio update', () => {
  it('keeps hand edits that do not overlap the new render; verify accepts the merge; generate then refuses', () => {
    const p = project();
    p.edit('prd.md', (t) => t + APPENDIX);
    p.retitle('Clinic Queue Two');
    const r = p.run('update');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Kept hand edits (merged cleanly) in: prd.md');
    const prd = p.read('prd.md');
    expect(prd).toMatch(/^# Clinic Queue Two: product requirements/); // the render's change
    expect(prd.endsWith(APPENDIX)).toBe(true); // the user's edit
    const index = JSON.parse(p.read('artifact_index.json'));
    const entry = index.artifacts.find((a: { path: string }) => a.path === 'prd.md');
    expect(entry.merge.result).toBe('merged');
    expect(entry.bytes).toBe(Buffer.byteLength(prd));

    const verify = studio(['verify', p.out, '--json'], { env: p.env });
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, merged: ['prd.md'], conflicts: [] });

    // The merged file is not what the templates render: a plain generate would lose it.
    const again = p.run('generate');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('prd.md: keeps hand edits merged by `studio update`');
    // An update with nothing new keeps the folder as it is.
    expect(p.run('update').status).toBe(0);
    expect(p.read('prd.md')).toBe(prd);
  });

  it('writes conflict markers and exits 2 when both changed the same lines; resolving then updating settles it', () => {
    const p = project();
    p.edit('brief.md', (t) => t.replace(/^# .*$/m, '# Our clinic queue'));
    p.retitle('Clinic Queue Two');
    const r = p.run('update');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('E_MERGE_CONFLICT');
    expect(r.stderr).toContain('brief.md: conflict');
    expect(p.read('brief.md')).toMatch(
      /^<<<<<<< edited brief\.md\n# Our clinic queue\n\|\|\|\|\|\|\| previous render\n# Clinic Queue: brief\n=======\n# Clinic Queue Two: brief\n>>>>>>> new render\n/,
    );
    const verify = studio(['verify', p.out], { env: p.env });
    expect(verify.status).toBe(2);
    expect(verify.stderr).toContain('brief.md: unresolved merge conflict');
    // Updating again without resolving keeps the conflict.
    expect(p.run('update').status).toBe(2);

    p.edit('brief.md', (t) =>
      t.replace(/^<<<<<<<[\s\S]*?>>>>>>> new render\n/m, '# Our clinic queue, two\n'),
    );
    const settled = p.run('update');
    expect(settled.status).toBe(0);
    expect(p.read('brief.md')).toMatch(/^# Our clinic queue, two\n/);
    expect(studio(['verify', p.out], { env: p.env }).status).toBe(0);
  });
});

describe('--dry-run', () => {
  it('prints a unified diff per changed file (no colour when piped), names the changed zip, writes nothing', () => {
    const p = project();
    p.retitle('Clinic Queue Two');
    const before = readTree(p.out);
    const r = p.run('generate', '--dry-run');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /--- a\/brief\.md\n\+\+\+ b\/brief\.md\n@@ -1,\d+ \+1,\d+ @@\n-# Clinic Queue: brief\n\+# Clinic Queue Two: brief\n/,
    );
    expect(r.stdout).toContain('--- a/source_spec.json\n+++ b/source_spec.json\n');
    expect(r.stdout).toContain('zip changed: balanced.zip');
    expect(r.stdout).not.toContain('\u001b[');
    const after = readTree(p.out);
    for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), path).toBe(true);

    const json = JSON.parse(p.run('generate', '--dry-run', '--json').stdout);
    expect(json.diff.zips).toEqual([{ path: 'balanced.zip', status: 'changed' }]);
    expect(json.diff.patches.map((x: { path: string }) => x.path)).toContain('brief.md');
  });

  it('colours the diff on a terminal (a pseudo-terminal through script(1))', () => {
    const p = project();
    p.retitle('Clinic Queue Two');
    const command = [process.execPath, join(ROOT, 'bin/run.js'), ...p.args('generate', '--dry-run')]
      .map((a) => `'${a}'`)
      .join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], {
      env: { ...process.env, ...p.env, NO_COLOR: '' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\u001b[31m-# Clinic Queue: brief\u001b[0m');
    expect(r.stdout).toContain('\u001b[32m+# Clinic Queue Two: brief\u001b[0m');
  });

  it('update --dry-run shows the merge it would write and the conflicts it would leave', () => {
    const p = project();
    p.edit('brief.md', (t) => t.replace(/^# .*$/m, '# Our clinic queue'));
    p.edit('prd.md', (t) => t + APPENDIX);
    p.retitle('Clinic Queue Two');
    const r = p.run('update', '--dry-run');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('+<<<<<<< edited brief.md\n');
    expect(r.stdout).toContain('Hand edits that would be kept: prd.md');
    expect(r.stdout).toContain('Files that would get conflict markers: brief.md');
    expect(p.read('brief.md')).toMatch(/^# Our clinic queue\n/);
  });
});
