import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUN_RECORD_FILES } from '../../src/output/artifact-index.js';
import { STATES } from '../../src/pipeline/stage.js';
import { BALANCED_DOCUMENTS, ensureBuilt, generateArgs, readTree, sha256, studio, tempDir } from './cli.js';

const RECORDS = new Set(RUN_RECORD_FILES);

beforeAll(() => ensureBuilt());

function generate(name: string, out: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  return studio(generateArgs(name, '--pack', 'balanced', '-o', out, ...extra), { env });
}

const SOURCE_DATE_EPOCH = '1767225600';

// The runs most checks read: clinic-queue twice with SOURCE_DATE_EPOCH (the determinism check), and
// ledgerly once without it.
let runs: { clinic: string; clinicAgain: string; ledgerly: string };
beforeAll(() => {
  const dir = tempDir();
  runs = { clinic: join(dir, 'a'), clinicAgain: join(dir, 'b'), ledgerly: join(dir, 'l') };
  for (const [name, out, env] of [
    ['clinic-queue', runs.clinic, { SOURCE_DATE_EPOCH }],
    ['clinic-queue', runs.clinicAgain, { SOURCE_DATE_EPOCH }],
    ['ledgerly', runs.ledgerly, {}],
  ] as const) {
    const r = generate(name, out, [], env);
    expect(r.stderr, name).toBe('');
    expect(r.status, name).toBe(0);
  }
});

describe('studio generate --pack balanced (DESIGN §9 scenario 1)', () => {
  it('two runs are byte-identical, zips included; SOURCE_DATE_EPOCH pins generated_at', () => {
    const ta = readTree(runs.clinic);
    const tb = readTree(runs.clinicAgain);
    expect([...ta.keys()].sort()).toEqual([...tb.keys()].sort());
    for (const [path, bytes] of ta)
      if (!RECORDS.has(path)) expect(bytes.equals(tb.get(path)!), path).toBe(true);
    expect(JSON.parse(ta.get('artifact_index.json')!.toString()).generated_at).toBe('2026-01-01T00:00:00Z');
  });

  for (const name of ['clinic-queue', 'ledgerly'] as const) {
    it(`${name}: every document, and an index that matches the disk`, () => {
      const ta = readTree(name === 'ledgerly' ? runs.ledgerly : runs.clinic);
      for (const f of [...BALANCED_DOCUMENTS, 'source_spec.json', 'balanced.zip'])
        expect(ta.has(f), f).toBe(true);
      const index = JSON.parse(ta.get('artifact_index.json')!.toString('utf8'));
      expect(index.engine_version).toMatch(/^\d+\.\d+\.\d+/);
      expect(index.spec_version).toBe('1.1.0');
      const indexed = new Set<string>();
      for (const entry of index.artifacts) {
        indexed.add(entry.path);
        const bytes = ta.get(entry.path)!;
        expect(bytes, entry.path).toBeDefined();
        expect(entry.sha256).toBe(sha256(bytes));
        expect(entry.bytes).toBe(bytes.length);
        expect(entry.template_commit).toMatch(/^(git:[0-9a-f]{40}|sha256:[0-9a-f]{64}|engine)$/);
      }
      for (const path of ta.keys()) {
        if (RECORDS.has(path) || path === 'artifact_index.json' || path.endsWith('.zip')) continue;
        expect(indexed.has(path), `${path} is indexed`).toBe(true);
      }
      expect(index.packages.map((p: { path: string }) => p.path)).toEqual(['balanced.zip']);
      expect(index.packages[0].sha256).toBe(sha256(ta.get('balanced.zip')!));
    });
  }

  it('a feature with a flow gets a sequence diagram', () => {
    const tree = readTree(runs.clinic);
    const sequences = [...tree.keys()].filter((p) => /^sequence_.+\.mmd$/.test(p));
    expect(sequences).toHaveLength(3); // F-1, F-2 and F-4 have a flow in the example
    expect(tree.get(sequences[0]!)!.toString('utf8')).toMatch(/^sequenceDiagram/m);
  });

  it('outputs hold no machine paths, only LF line endings, and JSON with sorted keys', () => {
    const out = runs.ledgerly;
    for (const [path, bytes] of readTree(out)) {
      if (path.endsWith('.zip')) continue;
      const text = bytes.toString('utf8');
      expect(text.includes('\r'), path).toBe(false);
      expect(text.includes(out), path).toBe(false);
      expect(text.includes(process.cwd()), path).toBe(false);
      expect(/\/(home|root|tmp|Users)\//.test(text), path).toBe(false);
    }
    const spec = readFileSync(join(out, 'source_spec.json'), 'utf8');
    const keys = Object.keys(JSON.parse(spec));
    expect(keys).toEqual([...keys].sort());
  });

  it('the audit log is JSON lines with the required fields and no personal data', () => {
    const out = runs.ledgerly;
    const lines = readFileSync(join(out, 'audit.jsonl'), 'utf8').trim().split('\n');
    const events = lines.map((l) => JSON.parse(l));
    for (const e of events) {
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining(['time_iso', 'level', 'run_id', 'stage', 'event']),
      );
      expect(e.time_iso).toMatch(/Z$/);
    }
    const stages = events.map((e) => e.stage);
    // Every state but Research, which runs only with --evidence.
    for (const s of STATES.filter((state) => state !== 'Research')) expect(stages, s).toContain(s);
    expect(events.some((e) => typeof e.duration_ms === 'number')).toBe(true);
    const text = lines.join('\n');
    expect(text).not.toMatch(/\/(home|root|tmp)\//);
    expect(text).not.toMatch(/@[a-z]+\.[a-z]{2,}/);
  });

  it('a failed run leaves the previous output untouched', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    expect(generate('clinic-queue', out).status).toBe(0);
    const before = readTree(out);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'title: x\nfeatures: [ {name: y, priority: urgent} ]\n');
    const r = studio(['generate', '--idea', bad, '--pack', 'balanced', '-o', out]);
    expect(r.status).toBe(2);
    const after = readTree(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [p, b] of before) expect(b.equals(after.get(p)!), p).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith('.out.tmp'))).toEqual([]);
  });

  it('refuses to replace a folder that holds files studio did not write', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'precious.txt'), 'keep me');
    const r = generate('clinic-queue', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('E_WRITE_FAILED');
    expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('keep me');
  });

  it('--dry-run writes nothing and lists what would change', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const first = generate('clinic-queue', out, ['--dry-run']);
    expect(first.status).toBe(0);
    expect(existsSync(out)).toBe(false);
    expect(first.stdout).toContain('+ brief.md');
    expect(generate('clinic-queue', out).status).toBe(0);
    const second = generate('clinic-queue', out, ['--dry-run', '--dials', 'flow=Kanban']);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('~ roadmap.md');
    expect(second.stdout).not.toContain('~ brief.md');
  });
});
