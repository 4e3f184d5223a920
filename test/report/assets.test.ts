import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { RUN_RECORD_FILES } from '../../src/output/artifact-index.js';
import { DRAW_ASSET, MERMAID_ASSET, REPORT_ASSET_PATHS, reportAssets } from '../../src/report/assets.js';

describe('report assets', () => {
  it("are mermaid's pinned browser bundle, byte for byte, and the drawing script", () => {
    const assets = reportAssets();
    expect(assets.map((a) => a.path)).toEqual([DRAW_ASSET, MERMAID_ASSET]);
    const bundle = readFileSync(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'));
    expect(assets[1]!.bytes.equals(bundle)).toBe(true);
    // The IIFE bundle defines the global the drawing script uses.
    expect(bundle.toString('utf8')).toContain('globalThis["mermaid"]');
    expect(assets[0]!.bytes.toString('utf8')).toContain("mermaid.run({ querySelector: 'pre.mermaid' })");
  });

  it('have fixed bytes: the same on every call', () => {
    const a = reportAssets();
    const b = reportAssets();
    expect(a.map((x) => x.bytes.equals(b[a.indexOf(x)]!.bytes))).toEqual([true, true]);
  });

  it('are run records (never artifacts), so verify expects them', () => {
    for (const path of REPORT_ASSET_PATHS) expect(RUN_RECORD_FILES).toContain(path);
  });
});
