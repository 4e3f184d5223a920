import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { RUN_RECORD_FILES } from '../../src/output/artifact-index.js';
import {
  DRAW_ASSET,
  MERMAID_ASSET,
  REPORT_ASSET_PATHS,
  type ReportAsset,
  reportAssets,
} from '../../src/report/assets.js';

function bytesOf(asset: ReportAsset): Uint8Array {
  if (!('bytes' in asset)) throw new Error(`${asset.path} has no bytes`);
  return asset.bytes;
}

describe('report assets', () => {
  it("are mermaid's pinned browser bundle, byte for byte, and the drawing script", () => {
    const assets = reportAssets();
    expect(assets.map((a) => a.path)).toEqual([DRAW_ASSET, MERMAID_ASSET]);
    const pinned = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
    // The bundle is copied from the pinned package by the commit (never read into the process).
    expect(assets[1]).toEqual({ path: MERMAID_ASSET, copyOf: pinned });
    // The IIFE bundle defines the global the drawing script uses.
    expect(readFileSync(pinned, 'utf8')).toContain('globalThis["mermaid"]');
    expect(Buffer.from(bytesOf(assets[0]!)).toString('utf8')).toContain(
      "mermaid.run({ querySelector: 'pre.mermaid' })",
    );
  });

  it('have fixed bytes: the same on every call', () => {
    const a = reportAssets();
    const b = reportAssets();
    expect(a).toEqual(b);
    expect(Buffer.from(bytesOf(a[0]!)).equals(Buffer.from(bytesOf(b[0]!)))).toBe(true);
  });

  it('are run records (never artifacts), so verify expects them', () => {
    for (const path of REPORT_ASSET_PATHS) expect(RUN_RECORD_FILES).toContain(path);
  });
});
