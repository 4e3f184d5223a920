// Files the run report loads from beside itself, so it draws diagrams with no network: mermaid's
// browser bundle (copied byte for byte from the pinned package) and a small script that draws. Like
// the report they are records of a run, neither indexed nor zipped; their bytes never vary.
import { createRequire } from 'node:module';

/** Folder of the report's assets, beside run_report.html. */
export const REPORT_ASSETS_DIR = 'run_report_files';
/** Mermaid's self-contained (IIFE) browser bundle: a classic script, which file: pages may load. */
export const MERMAID_ASSET = `${REPORT_ASSETS_DIR}/mermaid.min.js`;
/** Draws every `pre.mermaid` and marks the page `data-diagrams="drawn"` (or "failed"). */
export const DRAW_ASSET = `${REPORT_ASSETS_DIR}/draw-diagrams.js`;
/** Every asset path, for `verify` (not artifacts) and the writer. */
export const REPORT_ASSET_PATHS: readonly string[] = [DRAW_ASSET, MERMAID_ASSET];

const DRAW_SCRIPT = `'use strict';
// Draws the run report's Mermaid diagrams. securityLevel "strict": labels are text, no click handlers.
(function () {
  var root = document.documentElement;
  function mark(state) {
    root.setAttribute('data-diagrams', state);
  }
  if (typeof mermaid === 'undefined') {
    mark('unavailable');
    return;
  }
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
  mermaid.run({ querySelector: 'pre.mermaid' }).then(
    function () {
      mark('drawn');
    },
    function (error) {
      mark('failed');
      console.error('studio: a diagram could not be drawn: ' + (error && error.message ? error.message : error));
    },
  );
})();
`;

/** An asset: its bytes, or the file it is a byte-for-byte copy of (the commit copies it in the kernel:
 *  reading and writing mermaid's 3.5 MB bundle through the process cost ~3-5 ms of CPU every run). */
export type ReportAsset = { path: string; bytes: Uint8Array } | { path: string; copyOf: string };

/** The assets: the drawing script's bytes, and the pinned mermaid bundle to copy. */
export function reportAssets(): ReportAsset[] {
  return [
    { path: DRAW_ASSET, bytes: Buffer.from(DRAW_SCRIPT, 'utf8') },
    { path: MERMAID_ASSET, copyOf: createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js') },
  ];
}
