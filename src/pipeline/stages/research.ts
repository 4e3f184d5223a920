// The Research stage (DESIGN §2 "[Research]"): `generate --evidence <dir>` reads the evidence snapshot
// that `studio research` wrote and hands it to the Research agent (a plugin's `studio.research_agent`), whose
// view-model templates see as `evidence`. Generation never fetches anything: the snapshot is the only
// input, so the same snapshot gives the same bytes. After rendering, every [E-n] citation a document
// prints must resolve, through the agent's citation list, to a chunk of the snapshot.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AgentDefinition,
  AgentEvidence,
  EvidenceSnapshot,
  EvidenceViewModel,
  Finding,
  SourceSpec,
} from '@studio/sdk';
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { loadAgent } from '../../plugins/load-agent.js';
import type { Catalog } from '../../plugins/types.js';
import { validateSchema } from '../../schemas/validate.js';
import { compareCodePoints } from '../../util/canonical-json.js';
import { deepFreeze } from '../../util/deep-freeze.js';
import { parseJsonStrict } from '../../util/parse-json-strict.js';
import { defineStage } from '../stage.js';
import { agentContext, callAgent } from './run-agents.js';
import type { StepRunner } from '../step-runner.js';
import { visibleText } from '../traceability.js';

/** The snapshot's file name inside an evidence folder. */
export const SNAPSHOT_FILE = 'snapshot.json';
/** The key templates read the Research agent's view-model under (null when a run has no evidence). */
export const EVIDENCE_KEY = 'evidence';
/** Largest snapshot read (the per-document token cap keeps real ones far smaller). */
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

/** The outcome of the Research stage. */
export interface ResearchResult {
  snapshot: EvidenceSnapshot;
  /** The Research agent's view-model. */
  model: EvidenceViewModel & Record<string, unknown>;
  agentId: string;
}

function invalid(message: string, file: string, hint: string, details?: StudioError['details']): StudioError {
  return new StudioError(ErrorCodes.EVIDENCE_INVALID, message, { file, hint, details });
}

/** Read and check `<dir>/snapshot.json`. */
export function readSnapshot(dir: string): EvidenceSnapshot {
  const file = join(dir, SNAPSHOT_FILE);
  const hint = 'Write it with "studio research … -o <dir>", then pass that folder to --evidence.';
  let text: string;
  try {
    if (statSync(file).size > MAX_SNAPSHOT_BYTES)
      throw invalid(`${file} is larger than ${MAX_SNAPSHOT_BYTES} bytes`, file, hint);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw invalid(`no evidence snapshot at ${file}`, file, hint);
  }
  let data: unknown;
  try {
    data = parseJsonStrict(text, file);
  } catch (error) {
    // The one strict reader's verdict (syntax or a repeated key, with line:column), as an evidence error.
    if (!(error instanceof StudioError)) throw error;
    throw new StudioError(ErrorCodes.EVIDENCE_INVALID, error.message, {
      file,
      line: error.line,
      column: error.column,
      hint: `${error.hint ?? ''} ${hint}`.trim(),
    });
  }
  const problems = validateSchema('evidence_snapshot', data);
  if (problems.length > 0) {
    throw invalid(`${file} does not match the evidence snapshot schema`, file, hint, problems);
  }
  const snapshot = data as EvidenceSnapshot;
  const ids = new Set<string>();
  for (const c of snapshot.chunks) {
    if (ids.has(c.chunk_id)) throw invalid(`${file}: chunk ${c.chunk_id} appears twice`, file, hint);
    ids.add(c.chunk_id);
  }
  for (const q of snapshot.queries) {
    for (const h of q.hits) {
      if (!ids.has(h.chunk_id))
        throw invalid(
          `${file}: ${q.kind} ${q.target} names chunk ${h.chunk_id}, which is not in the snapshot`,
          file,
          hint,
        );
    }
  }
  return snapshot;
}

/** The snapshot as agents see it: retrieval times stay in the snapshot so no document can print them. */
export function agentEvidence(snapshot: EvidenceSnapshot): AgentEvidence {
  return {
    ranking: snapshot.ranking,
    ranking_detail: snapshot.ranking_detail,
    chunks: snapshot.chunks.map(({ chunk_id, source_url, sha256, text }) => ({
      chunk_id,
      source_url,
      sha256,
      text,
    })),
    queries: snapshot.queries,
  };
}

/** The one Research agent of the installed plugins (none or several is an error naming them). */
async function researchAgent(catalog: Catalog): Promise<{ agent: AgentDefinition; plugin: string }> {
  const refs = [...catalog.agents.values()]
    .filter((ref) => ref.plugin.studio.research_agent === ref.id)
    .sort((a, b) => compareCodePoints(a.id, b.id));
  if (refs.length !== 1) {
    throw new StudioError(
      ErrorCodes.AGENT_NOT_FOUND,
      refs.length === 0
        ? 'no installed plugin provides a Research agent, so --evidence cannot be used'
        : `several plugins provide a Research agent: ${refs.map((r) => `${r.id} (${r.plugin.name})`).join(', ')}`,
      {
        hint: 'Keep exactly one research plugin installed (the Librarian, @studio/librarian, ships with studio).',
      },
    );
  }
  const ref = refs[0]!;
  const agent = await loadAgent(ref);
  if (agent.produces !== EVIDENCE_KEY) {
    throw new StudioError(
      ErrorCodes.AGENT_FAILED,
      `the Research agent "${ref.id}" produces "${agent.produces}"; it must produce "${EVIDENCE_KEY}"`,
      { plugin: ref.plugin.name, hint: `Set produces: "${EVIDENCE_KEY}".` },
    );
  }
  return { agent, plugin: ref.plugin.name };
}

/** Run the Research agent on the snapshot (one budgeted step). */
export async function runResearch(
  catalog: Catalog,
  snapshot: EvidenceSnapshot,
  spec: SourceSpec,
  steps: StepRunner,
): Promise<ResearchResult> {
  const { agent, plugin } = await researchAgent(catalog);
  const evidence = deepFreeze(agentEvidence(snapshot));
  const vm = await callAgent(steps, 'Research', agent, plugin, { ...agentContext(spec), evidence });
  const citations = (vm as Partial<EvidenceViewModel> | null)?.citations;
  if (
    !Array.isArray(citations) ||
    !citations.every((c) => c && typeof c.id === 'string' && typeof c.chunk_id === 'string')
  ) {
    throw new StudioError(
      ErrorCodes.AGENT_FAILED,
      `the Research agent "${agent.id}" returned no citation list ({id, chunk_id}[])`,
      { plugin, hint: 'The Research agent returns an EvidenceViewModel (see @studio/sdk).' },
    );
  }
  return {
    snapshot,
    model: deepFreeze(vm as EvidenceViewModel & Record<string, unknown>),
    agentId: agent.id,
  };
}

export interface ResearchInput {
  catalog: Catalog;
  /** The --evidence folder. */
  evidenceDir: string;
  spec: SourceSpec;
}

/** Read the snapshot and run the Research agent on it; generation never fetches anything itself. */
export const research = defineStage<ResearchInput, ResearchResult>({
  name: 'Research',
  container: true,
  async run({ catalog, evidenceDir, spec }, { run, steps }) {
    const result = await runResearch(catalog, readSnapshot(evidenceDir), spec, steps);
    run.audit.info('Research', 'evidence read', {
      data: {
        chunks: result.snapshot.chunks.length,
        citations: result.model.citations.length,
        ranking: result.snapshot.ranking_detail,
      },
    });
    return result;
  },
});

/** The view-models templates render with: the Research agent's under `evidence`, when there is one. */
export function withEvidence(
  models: Record<string, unknown>,
  research: ResearchResult | undefined,
): Record<string, unknown> {
  if (!research) return models;
  if (EVIDENCE_KEY in models) {
    throw new StudioError(
      ErrorCodes.PLUGIN_CONFLICT,
      `a pack agent and the Research agent "${research.agentId}" both produce "${EVIDENCE_KEY}"`,
      { hint: `"${EVIDENCE_KEY}" is reserved for the Research stage's view-model.` },
    );
  }
  return { ...models, [EVIDENCE_KEY]: research.model };
}

const CITATION = /\[(E-\d+)\]/g;

/** Every [E-n] printed in a document resolves to a citation of the agent and that to a snapshot chunk. */
export function checkCitations(
  research: ResearchResult,
  rendered: { path: string; content: string }[],
): Finding[] {
  const chunks = new Set(research.snapshot.chunks.map((c) => c.chunk_id));
  const cited = new Map(research.model.citations.map((c) => [c.id, c.chunk_id]));
  const findings: Finding[] = [];
  for (const c of research.model.citations) {
    if (!chunks.has(c.chunk_id)) {
      findings.push({
        path: SNAPSHOT_FILE,
        rule: 'traceability',
        message: `every citation resolves to a snapshot chunk: ${c.id} names chunk ${c.chunk_id}, which the snapshot does not hold`,
      });
    }
  }
  for (const file of [...rendered].sort((a, b) => compareCodePoints(a.path, b.path))) {
    const unresolved = new Set<string>();
    for (const m of visibleText(file.content).matchAll(CITATION)) {
      if (!cited.has(m[1]!)) unresolved.add(m[1]!);
    }
    if (unresolved.size === 0) continue;
    findings.push({
      path: file.path,
      rule: 'traceability',
      message: `every citation resolves to a snapshot chunk: ${[...unresolved].join(', ')} ${unresolved.size === 1 ? 'is' : 'are'} not a citation of the evidence`,
    });
  }
  return findings;
}
