// Builds a small, realistic studio output folder in a temp dir, the way the orchestrator does:
// artifacts, source_spec.json, artifact_index.json (hashes computed here), one zip, and the run records.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ArtifactIndex } from '../../src/output/artifact-index.js';
import { zipFiles } from '../../src/output/zip.js';
import { canonicalJson, compareCodePoints } from '../../src/util/canonical-json.js';
import { sha256Hex } from '../../src/util/hash.js';

export const ARTIFACTS: Record<string, string> = {
  'brief.md': '# Clinic queue\n\nPatients wait less.\n',
  'prd.md': '# PRD\n\n## F-1 Join the queue\n\n- AC-1.1 A patient can join from a phone.\n',
  'lifecycle.mmd': 'stateDiagram-v2\n  [*] --> Waiting\n  Waiting --> Seen\n',
  'adr/ADR-0001-use-postgres.md': '# ADR-0001: Use Postgres\n\nStatus: accepted\n',
  'contracts/patient.schema.json': '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema"\n}\n',
  'ci/workflow.yml': 'name: ci\non: [push]\njobs: {}\n',
  'source_spec.json': '{\n  "meta": {\n    "spec_version": "1.0.0"\n  }\n}\n',
};

export const PACK = 'deep';
export const ZIP = `${PACK}.zip`;
export const MTIME = new Date(Date.UTC(2024, 4, 17, 12, 0, 0));

export function writeIn(dir: string, rel: string, data: string | Uint8Array): void {
  const file = join(dir, ...rel.split('/'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}

export async function zipOf(files: Record<string, string>): Promise<Buffer> {
  return zipFiles(
    Object.entries(files).map(([path, text]) => ({ path, bytes: Buffer.from(text, 'utf8') })),
    { mtime: MTIME },
  );
}

/** A fresh output folder; returns its path and the index written into it. */
export async function makeOutputFolder(): Promise<{ dir: string; index: ArtifactIndex }> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-verify-'));
  for (const [rel, text] of Object.entries(ARTIFACTS)) writeIn(dir, rel, text);
  const zip = await zipOf(ARTIFACTS);
  writeIn(dir, ZIP, zip);
  const paths = Object.keys(ARTIFACTS).sort(compareCodePoints);
  const index: ArtifactIndex = {
    generated_at: '2024-05-17T12:00:00Z',
    engine_version: '0.1.0',
    spec_version: '1.0.0',
    artifacts: paths.map((path) => {
      const bytes = Buffer.from(ARTIFACTS[path]!, 'utf8');
      const engine = path === 'source_spec.json';
      return {
        path,
        purpose: engine ? 'The normalized Source Spec the pack was rendered from.' : `The ${path} document.`,
        pack: engine || path.includes('/') ? PACK : 'balanced',
        sha256: sha256Hex(bytes),
        bytes: bytes.length,
        template_set: engine ? '0.1.0' : '1.0.0',
        template_commit: engine ? 'engine' : `sha256:${'ab'.repeat(32)}`,
      };
    }),
    packages: [{ path: ZIP, pack: PACK, sha256: sha256Hex(zip), bytes: zip.length, entries: paths }],
  };
  writeIn(dir, 'artifact_index.json', canonicalJson(index));
  writeIn(
    dir,
    'audit.jsonl',
    '{"event":"run.started","level":"info","run_id":"r-1","stage":"CollectInputs"}\n',
  );
  writeIn(dir, 'run_report.html', '<!doctype html><title>report</title>\n');
  return { dir, index };
}
