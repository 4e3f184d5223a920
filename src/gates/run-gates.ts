// The validation gates as one service: `studio pack verify`, the install hook and CI (built-in packs)
// all call runGates, so every pack passes exactly the same checks.
import { realpathSync } from 'node:fs';
import { ErrorCodes } from '../errors/codes.js';
import { type ErrorDetail, StudioError } from '../errors/studio-error.js';
import type { PluginRef } from '../plugins/types.js';
import { engineVersions } from '../registry/engine.js';
import { harnessSpecs } from './harness-specs.js';
import { harnessGates } from './harness-gate.js';
import { localeGate, localeHarness } from './locale-gate.js';
import { engineGate, manifestGate } from './manifest-gate.js';
import { packageGate } from './package-gate.js';
import { pathsGate } from './paths-gate.js';
import type { GateContext, GateFinding, GateName, GateReport, GateResult, GateTarget } from './types.js';

function result(name: GateName, findings: GateFinding[]): GateResult {
  return { name, ok: findings.length === 0, findings };
}

function skipped(name: GateName, because: string): GateResult {
  return { name, ok: false, skipped: because, findings: [] };
}

/** Run every gate on the package at `target.root`. Never throws for a bad pack: the report says why. */
export async function runGates(target: GateTarget, context: GateContext): Promise<GateReport> {
  const root = realpathSync(target.root);
  const host = context.host ?? engineVersions();
  const gates: GateResult[] = [];
  const pkg = packageGate({ ...target, root }, context);
  gates.push(result('package', pkg.findings));
  gates.push(result('paths', pathsGate(root, pkg.pjson)));
  const name = target.name || String(pkg.pjson?.name ?? '');
  const version = target.version || String(pkg.pjson?.version ?? '');
  const studio = pkg.pjson?.studio;
  const usable = pkg.pjson !== null && gates.every((g) => g.ok);
  if (usable && studio?.locales && !studio.packs) {
    return { name, version, ...(await localeGates(name, version, root, studio.locales, gates, context)) };
  }
  if (!usable || !studio?.packs) {
    const why = 'the package and paths gates must pass first';
    for (const n of ['manifest', 'engine', 'harness', 'determinism'] as const) gates.push(skipped(n, why));
    return { name, version, ok: false, gates };
  }
  const plugin: PluginRef = {
    name,
    version,
    root,
    type: 'gate',
    studio: { packs: studio.packs, ...(studio.agents ? { agents: studio.agents } : {}) },
  };
  const others = context.plugins.filter((p) => p.name !== name);
  const manifest = await manifestGate(plugin, others);
  gates.push(result('manifest', manifest.findings));
  gates.push(result('engine', engineGate(manifest.manifests, studio.packs, host)));
  if (!gates.every((g) => g.ok)) {
    const why = 'the manifest and engine gates must pass first';
    gates.push(skipped('harness', why), skipped('determinism', why));
    return { name, version, ok: false, gates };
  }
  const ids = manifest.manifests.map((m) => m.id);
  const rendered = await harnessGates(plugin, others, ids, harnessSpecs(), context.cacheDir);
  gates.push(result('harness', rendered.harness), result('determinism', rendered.determinism));
  return { name, version, ok: gates.every((g) => g.ok), gates };
}

/** A locale pack: the locale gate, then harness and determinism over the packs it translates. */
async function localeGates(
  name: string,
  version: string,
  root: string,
  locales: Record<string, string>,
  gates: GateResult[],
  context: GateContext,
): Promise<{ ok: boolean; gates: GateResult[] }> {
  const plugin: PluginRef = { name, version, root, type: 'gate', studio: { locales } };
  const others = context.plugins.filter((p) => p.name !== name);
  const checked = localeGate(plugin, others);
  gates.push(result('locale', checked.findings));
  if (!gates.every((g) => g.ok)) {
    const why = 'the locale gate must pass first';
    gates.push(skipped('harness', why), skipped('determinism', why));
    return { ok: false, gates };
  }
  const harness: GateFinding[] = [];
  const determinism: GateFinding[] = [];
  for (const locale of [...new Set(checked.locales)]) {
    const r = await localeHarness(plugin, others, checked.packs, locale, harnessSpecs(), context.cacheDir);
    harness.push(...r.harness);
    determinism.push(...r.determinism);
  }
  gates.push(result('harness', harness), result('determinism', determinism));
  return { ok: gates.every((g) => g.ok), gates };
}

/** A passed report as text lines for a terminal (callers strip control characters). A failed report
 *  is not printed here: gateFailure makes it the one error type, which the one renderer prints. */
export function formatPassedGates(report: GateReport): string[] {
  return [
    `${report.name}@${report.version}: all gates passed`,
    ...report.gates.map((g) => `  ✓ ${g.name}: ok`),
  ];
}

/** A failed report as the one error type, one detail per finding (rendered like every other error). */
export function gateFailure(report: GateReport, hint: string): StudioError {
  const details: ErrorDetail[] = [];
  for (const g of report.gates) {
    if (g.skipped) details.push({ message: `[${g.name}] skipped: ${g.skipped}` });
    for (const f of g.findings)
      details.push({
        ...(f.code ? { code: f.code } : {}),
        message: `[${g.name}] ${f.message}`,
        file: f.file,
        pointer: f.pointer,
        line: f.line,
        column: f.column,
        hint: f.hint,
      });
  }
  const failed = report.gates.filter((g) => !g.ok && !g.skipped).map((g) => g.name);
  return new StudioError(
    ErrorCodes.GATE_FAILED,
    `${report.name}@${report.version} failed the validation gates: ${failed.join(', ')}`,
    { details, plugin: report.name || undefined, hint },
  );
}
