import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BALANCED_DOCUMENTS, ensureBuilt, generateArgs, readTree, sha256, studio, tempDir } from './cli.js';

beforeAll(() => ensureBuilt());

const DEEP_FILES = [
  'prd_engineering_deep.md',
  'threat_model.md',
  'accessibility.md',
  'observability.md',
  'runbooks.md',
  'slos.md',
  'adr_index.md',
  'ci/workflow.yml',
];

function generateDeep(name: string, out: string, env: NodeJS.ProcessEnv = {}) {
  return studio(generateArgs(name, '--pack', 'deep', '-o', out), { env });
}

// The runs most checks read: ledgerly twice with SOURCE_DATE_EPOCH (the determinism check), and
// clinic-queue once without it.
let runs: Record<'clinic-queue' | 'ledgerly' | 'ledgerlyAgain', string>;
beforeAll(() => {
  const dir = tempDir();
  runs = { 'clinic-queue': join(dir, 'c'), ledgerly: join(dir, 'l'), ledgerlyAgain: join(dir, 'l2') };
  const env = { SOURCE_DATE_EPOCH: '1767225600' };
  for (const [name, out, e] of [
    ['clinic-queue', runs['clinic-queue'], {}],
    ['ledgerly', runs.ledgerly, env],
    ['ledgerly', runs.ledgerlyAgain, env],
  ] as const) {
    const r = generateDeep(name, out, e);
    expect(r.stderr, name).toBe('');
    expect(r.status, name).toBe(0);
  }
});

describe('studio generate --pack deep', () => {
  for (const name of ['clinic-queue', 'ledgerly'] as const) {
    it(`${name}: all Balanced and Deep documents, one ADR per decision, one contract per entity`, () => {
      const tree = readTree(runs[name]);
      for (const f of [...BALANCED_DOCUMENTS, ...DEEP_FILES, 'deep.zip']) expect(tree.has(f), f).toBe(true);
      const spec = JSON.parse(tree.get('source_spec.json')!.toString('utf8'));
      const adrs = [...tree.keys()].filter((p) => /^adr\/ADR-\d{4}-[a-z0-9-]+\.md$/.test(p));
      expect(adrs).toHaveLength(spec.decisions.length);
      const contracts = [...tree.keys()].filter((p) => /^contracts\/[a-z0-9-]+\.schema\.json$/.test(p));
      expect(contracts).toHaveLength(spec.entities.length);
      const index = JSON.parse(tree.get('artifact_index.json')!.toString('utf8'));
      for (const a of index.artifacts) expect(a.sha256).toBe(sha256(tree.get(a.path)!));
      expect(index.packages).toHaveLength(1);
      expect(index.packages[0].sha256).toBe(sha256(tree.get('deep.zip')!));
      expect(new Set(index.artifacts.map((a: { pack: string }) => a.pack))).toEqual(
        new Set(['balanced', 'deep']),
      );
    });
  }

  it('SLO error budgets are computed (ledgerly: 99.9% over 30d = 43.2 minutes)', () => {
    const slos = readFileSync(join(runs.ledgerly, 'slos.md'), 'utf8');
    expect(slos).toContain('43.2');
    expect(slos).toContain('21.6');
  });

  it('with SOURCE_DATE_EPOCH, two runs give identical bytes, zips included', () => {
    const a = readTree(runs.ledgerly);
    const b = readTree(runs.ledgerlyAgain);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [p, bytes] of a)
      if (p !== 'audit.jsonl' && p !== 'run_report.html') expect(bytes.equals(b.get(p)!), p).toBe(true);
  });

  it('studio verify: intact folder passes; an edited and a deleted file are listed and exit 2', () => {
    const out = join(tempDir(), 'out');
    cpSync(runs['clinic-queue'], out, { recursive: true });
    const ok = studio(['verify', out]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    writeFileSync(join(out, 'prd.md'), readFileSync(join(out, 'prd.md'), 'utf8') + '\nhand edit\n');
    rmSync(join(out, 'slos.md'));
    const bad = studio(['verify', out, '--json']);
    expect(bad.status).toBe(2);
    const report = JSON.parse(bad.stdout);
    expect(report.ok).toBe(false);
    expect(JSON.stringify(report)).toContain('prd.md');
    expect(JSON.stringify(report)).toContain('slos.md');
  });

  it('two packs in one run: each gets its zip, shared documents are rendered once', () => {
    const out = join(tempDir(), 'out');
    const r = studio(generateArgs('clinic-queue', '--pack', 'deep', '--pack', 'balanced', '-o', out));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const index = JSON.parse(readFileSync(join(out, 'artifact_index.json'), 'utf8'));
    expect(index.packages.map((p: { path: string }) => p.path)).toEqual(['balanced.zip', 'deep.zip']);
    const paths = index.artifacts.map((a: { path: string }) => a.path);
    expect(new Set(paths).size).toBe(paths.length);
    const balanced = index.packages.find((p: { pack: string }) => p.pack === 'balanced');
    expect(balanced.entries).toContain('brief.md');
    expect(balanced.entries).not.toContain('slos.md');
    expect(index.artifacts.find((a: { path: string }) => a.path === 'source_spec.json').pack).toBe('deep');
    expect(studio(['verify', out]).status).toBe(0);
  });
});
