// The Research stage's agent: turns the evidence snapshot into the `evidence` view-model the PRD
// templates render. Pure: the host reads the snapshot and passes it in (without retrieval times).
// Citation labels E-1, E-2, … are given to chunks in the order they are first cited (features, then
// risks, then metrics, each in spec order; hits best first), so the same snapshot gives the same labels.
import type {
  AgentDefinition,
  AgentEvidence,
  DeepReadonly,
  EvidenceViewModel,
  ReadonlySpec,
} from '@studio/sdk';
import { words } from './tokens.js';

/** Longest claim excerpt, in words. */
export const CLAIM_WORDS = 40;

export interface EvidenceClaim {
  /** "E-n". */
  citation: string;
  /** An excerpt of the chunk: its sentence that shares most words with the query. */
  text: string;
}

export interface EvidenceGroup {
  kind: 'feature' | 'risk' | 'metric';
  /** "Feature", "Risk", "Metric". */
  kind_label: string;
  /** The spec's id (features, risks) or name (metrics). */
  target: string;
  /** Words shown for the target, e.g. "F-1 Online check-in". */
  title: string;
  claims: EvidenceClaim[];
}

export interface EvidenceSource {
  /** "E-n". */
  id: string;
  chunk_id: string;
  source_url: string;
  /** First 12 hex digits of the chunk's sha256. */
  sha256: string;
}

export interface EvidenceModel extends EvidenceViewModel {
  ranking: AgentEvidence['ranking'];
  ranking_detail: string;
  groups: EvidenceGroup[];
  sources: EvidenceSource[];
}

const LABELS = { feature: 'Feature', risk: 'Risk', metric: 'Metric' } as const;

/** Words of 3+ letters, with a plural "s" dropped so "outages" meets "outage". */
function terms(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).map((w) => w.replace(/(?<=..)s$/u, '')),
  );
}

/** Shorter lines are headings or captions: a claim is quoted from a sentence when the chunk has one. */
const MIN_CLAIM_WORDS = 5;

/** The chunk's sentence sharing most words with the query (first on ties), cut to CLAIM_WORDS. */
export function excerpt(chunk: string, query: string): string {
  const wanted = terms(query);
  // A sentence ends at . ! or ? before a space (not inside "99.95%"), or at a line break (a paragraph).
  const sentences = chunk
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);
  const candidates = sentences.filter((s) => words(s).length >= MIN_CLAIM_WORDS);
  const pool = candidates.length > 0 ? candidates : sentences;
  let best = pool[0] ?? chunk;
  let bestScore = -1;
  for (const s of pool) {
    let score = 0;
    for (const t of terms(s)) if (wanted.has(t)) score += 1;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  const w = words(best);
  return w.length > CLAIM_WORDS ? `${w.slice(0, CLAIM_WORDS).join(' ')} …` : w.join(' ');
}

function title(spec: ReadonlySpec, kind: EvidenceGroup['kind'], target: string): string | null {
  if (kind === 'feature') {
    const f = spec.features.find((x) => x.id === target);
    return f ? `${f.id} ${f.name}` : null;
  }
  if (kind === 'risk') {
    const r = spec.risks.find((x) => x.id === target);
    return r ? `${r.id} ${r.description}` : null;
  }
  return spec.metrics.some((m) => m.name === target) ? target : null;
}

/** Build the view-model; targets the spec no longer has are left out. */
export function buildEvidence(spec: ReadonlySpec, evidence: DeepReadonly<AgentEvidence>): EvidenceModel {
  const chunks = new Map(evidence.chunks.map((c) => [c.chunk_id, c]));
  const labels = new Map<string, string>();
  const sources: EvidenceSource[] = [];
  const groups: EvidenceGroup[] = [];
  for (const q of evidence.queries) {
    const heading = title(spec, q.kind, q.target);
    if (heading === null) continue;
    const claims: EvidenceClaim[] = [];
    for (const hit of q.hits) {
      const chunk = chunks.get(hit.chunk_id);
      if (!chunk) continue;
      let label = labels.get(chunk.chunk_id);
      if (!label) {
        label = `E-${labels.size + 1}`;
        labels.set(chunk.chunk_id, label);
        sources.push({
          id: label,
          chunk_id: chunk.chunk_id,
          source_url: chunk.source_url,
          sha256: chunk.sha256.slice(0, 12),
        });
      }
      claims.push({ citation: label, text: excerpt(chunk.text, q.query) });
    }
    if (claims.length > 0)
      groups.push({ kind: q.kind, kind_label: LABELS[q.kind], target: q.target, title: heading, claims });
  }
  return {
    ranking: evidence.ranking,
    ranking_detail: evidence.ranking_detail,
    groups,
    sources,
    citations: sources.map((s) => ({ id: s.id, chunk_id: s.chunk_id })),
  };
}

const librarian: AgentDefinition<EvidenceModel> = {
  id: 'studio:librarian',
  produces: 'evidence',
  description:
    'Evidence from the research snapshot: claims per feature, risk and metric, cited [E-n] to source chunks.',
  run(ctx) {
    if (!ctx.evidence)
      throw new Error('the Librarian runs only in the Research stage, with an evidence snapshot');
    return buildEvidence(ctx.spec, ctx.evidence);
  },
};

export default librarian;
