// Gates 5 and 6: the template harness (every template of the pack rendered under the strict renderer
// with each harness spec, every output through its format's validator) and determinism (a second
// render gives the same bytes). Both go through the same renderPacks the generate command uses.
import type { Finding, SourceSpec } from '@studio/sdk';
import { isStudioError } from '../errors/studio-error.js';
import { renderEach, renderPacks } from '../pipeline/render-packs.js';
import { buildCatalog } from '../plugins/discovery.js';
import type { Catalog, PluginRef } from '../plugins/types.js';
import type { HarnessSpec } from './harness-specs.js';
import type { GateFinding } from './types.js';

export type Rendered = Awaited<ReturnType<typeof renderPacks>>;

/** What the locale gates add to the harness: the run's locale, and a check of each first render. */
export interface HarnessLocale {
  locale: string;
  /** Findings about one pack's first render in the locale; `spec` is the harness spec as given (its own
   *  locale), `catalog` the one the harness renders with. */
  compare(
    where: string,
    packId: string,
    spec: SourceSpec,
    rendered: Rendered,
    catalog: Catalog,
  ): Promise<GateFinding[]>;
}

export function errorFinding(error: unknown, where: string): GateFinding {
  if (!isStudioError(error)) {
    return {
      message: `${where}: ${(error as Error)?.message ?? String(error)}`,
      hint: 'A bug in the pack or its agents.',
    };
  }
  // Code and location travel as fields: the one error renderer prints them (gateFailure).
  return {
    code: error.code,
    message: `${where}: ${error.message}`,
    file: error.file,
    line: error.line,
    column: error.column,
    hint: error.hint,
  };
}

export function validatorFinding(f: Finding, where: string): GateFinding {
  const code = f.rule === 'traceability' ? 'E_TRACEABILITY' : 'E_OUTPUT_INVALID';
  return {
    code,
    message: `${where}: [${f.rule}] ${f.message}`,
    file: f.path,
    line: f.line,
    column: f.column,
  };
}

export async function harnessGates(
  plugin: PluginRef,
  others: PluginRef[],
  packIds: string[],
  specs: HarnessSpec[],
  cacheDir: string | null | undefined,
  inLocale?: HarnessLocale,
): Promise<{ harness: GateFinding[]; determinism: GateFinding[] }> {
  const catalog = buildCatalog([...others.filter((p) => p.name !== plugin.name), plugin]);
  const harness: GateFinding[] = [];
  const determinism: GateFinding[] = [];
  const runs = packIds.flatMap((id) =>
    specs.map(({ label, spec: base }) => ({
      id,
      base,
      where: `pack "${id}"${inLocale ? ` in ${inLocale.locale}` : ''} with ${label}`,
      spec: inLocale ? { ...base, meta: { ...base.meta, locale: inLocale.locale } } : base,
    })),
  );
  // Every first render is validated in one go: each validator's libraries load once, not per render.
  const firsts = await renderEach({
    catalog,
    runs: runs.map((r) => ({ packIds: [r.id], spec: r.spec })),
    cacheDir,
  });
  for (const [i, { id, base, where, spec }] of runs.entries()) {
    const first = firsts[i]!;
    if ('error' in first) {
      harness.push(errorFinding(first.error, where));
      continue;
    }
    harness.push(...first.findings.map((f) => validatorFinding(f, where)));
    if (inLocale) harness.push(...(await inLocale.compare(where, id, base, first, catalog)));
    // Only compared with the first render, whose outputs were validated: the same bytes pass the same.
    let second: Rendered;
    try {
      second = await renderPacks({ catalog, packIds: [id], spec, cacheDir, validate: false });
    } catch (error) {
      determinism.push(errorFinding(error, `${where}, second render`));
      continue;
    }
    const a = new Map(first.artifacts.map((x) => [x.path, x.content]));
    const b = new Map(second.artifacts.map((x) => [x.path, x.content]));
    const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
    for (const path of paths) {
      if (a.get(path) !== b.get(path)) {
        const why =
          !a.has(path) || !b.has(path)
            ? 'appears in only one of two renders'
            : 'has different bytes in two renders';
        determinism.push({
          message: `${where}: ${path} ${why}`,
          file: path,
          hint: 'Agents and templates must not use clocks, randomness or unordered iteration.',
        });
      }
    }
  }
  return { harness, determinism };
}
