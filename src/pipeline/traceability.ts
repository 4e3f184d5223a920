// Pack-level traceability (DESIGN §4: "ids trace through the pack"). After rendering, every id of a
// rule's source collection must appear in at least one file of the rule's artifacts; an orphan fails the
// run with its id named. Independently of any rule, every milestone deliverable must name a feature.
import { serialize } from 'node:v8';
import type { Finding, SourceSpec, TraceRule, TraceSource } from '@studio/sdk';
import { compareCodePoints } from '../util/canonical-json.js';
import { sha256Hex } from '../util/hash.js';
import { type MemoCache, memoKey } from '../util/memo-cache.js';

/** What the check reads of a rendered artifact. */
export interface TracedFile {
  /** Artifact id within its pack; every file of an `each` artifact carries the same id. */
  artifactId: string;
  /** Relative POSIX output path. */
  path: string;
  content: string;
}

/** Path named in findings that are about the spec itself rather than a rendered file. */
export const SPEC_PATH = 'source_spec.json';

/** Ids of a spec collection, in spec order, without duplicates. */
export function traceIds(spec: SourceSpec, source: TraceSource): string[] {
  let ids: string[];
  switch (source) {
    case 'features':
      ids = spec.features.map((f) => f.id);
      break;
    case 'acceptance':
      ids = spec.features.flatMap((f) => f.acceptance.map((a) => a.id));
      break;
    case 'risks':
      ids = spec.risks.map((r) => r.id);
      break;
    case 'decisions':
      ids = spec.decisions.map((d) => d.id);
      break;
    case 'slos':
      ids = spec.ops.slos.map((s) => s.id);
      break;
    case 'entities':
      ids = spec.entities.map((e) => e.name);
      break;
    case 'milestones':
      ids = spec.milestones.map((m) => m.id);
      break;
  }
  return [...new Set(ids)];
}

const JSON_WHITESPACE: Record<string, string> = { b: ' ', f: ' ', n: ' ', r: ' ', t: ' ' };

const HTML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
};

/**
 * The text a reader sees: templates escape ids and names for their format (`md` puts a backslash before
 * punctuation, JSON escapes quotes, `&` may become `&amp;`), so both the content and the id are compared
 * after undoing those escapes and collapsing whitespace.
 */
export function visibleText(text: string): string {
  return (
    text
      // One pass, so that an escaped backslash is never read as the start of another escape; JSON's
      // \n, \t… become whitespace (an entity name with a line break is one line in a document).
      .replace(/\\(u[0-9a-fA-F]{4}|[bfnrt]|[!-/:-@[-`{-~])/g, (_m, e: string) =>
        e.length === 5 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : (JSON_WHITESPACE[e] ?? e),
      )
      .replace(/&(amp|lt|gt|quot|apos|#39);/g, (_m, name: string) => HTML_ENTITIES[name] ?? _m)
      .replace(/\s+/gu, ' ')
  );
}

// Characters that continue an id: "F-1" inside "F-10" or "F-1-AC-2" is a different, longer id.
const ID_CHAR = /[\p{L}\p{N}_-]/u;

/** The text with only JSON string escapes undone: in a JSON or YAML string `&amp;` is literal, while
 *  visibleText (made for Markdown, where `md` escapes `&` itself) would read it as `&`. */
export function jsonVisibleText(text: string): string {
  return text
    .replace(/\\(u[0-9a-fA-F]{4}|[bfnrt"\\/])/g, (_m, e: string) =>
      e.length === 5 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : (JSON_WHITESPACE[e] ?? e),
    )
    .replace(/\s+/gu, ' ');
}

/** Whether `id` occurs in `text` as a whole token (not inside a longer id). */
export function containsToken(text: string, id: string): boolean {
  return containsVisibleToken(visibleText(text), id) || containsVisibleToken(jsonVisibleText(text), id);
}

/** The id as it is searched for: raw text (not escaped for any format), only its whitespace collapsed. */
function needleOf(id: string): string {
  return id.replace(/\s+/gu, ' ').trim();
}

// An id made only of id characters (every UTF-16 unit, as containsVisibleToken tests them) occurs as a
// whole token exactly when it is a maximal run of id characters: such ids are looked up in a set of the
// text's runs, one pass over the text instead of one scan per id (quadratic at thousands of features).
const ID_RUN = /[\p{L}\p{N}_-]+/gu;
const SURROGATES = /[\uD800-\uDFFF]+/;

function isPlainId(needle: string): boolean {
  return /^[\p{L}\p{N}_-]+$/u.test(needle) && !SURROGATES.test(needle);
}

/** The maximal runs of id characters in `text`; an astral letter (two UTF-16 units) ends a run, as it does
 *  for containsVisibleToken's unit-by-unit guard. */
export function idRuns(text: string, into: Set<string> = new Set()): Set<string> {
  for (const [run] of text.matchAll(ID_RUN)) {
    if (!SURROGATES.test(run)) into.add(run);
    else for (const part of run.split(SURROGATES)) if (part !== '') into.add(part);
  }
  return into;
}

function containsVisibleToken(haystack: string, id: string): boolean {
  const needle = needleOf(id);
  if (needle === '') return false;
  const guardStart = ID_CHAR.test(needle[0] ?? '');
  const guardEnd = ID_CHAR.test(needle[needle.length - 1] ?? '');
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    const startOk = !guardStart || before === undefined || !ID_CHAR.test(before);
    const endOk = !guardEnd || after === undefined || !ID_CHAR.test(after);
    if (startOk && endOk) return true;
  }
  return false;
}

function quoteList(ids: string[]): string {
  return ids.map((id) => JSON.stringify(id)).join(', ');
}

/** Deliverables that name no feature of the spec, per milestone. */
function deliverableFindings(spec: SourceSpec): Finding[] {
  const features = new Set(spec.features.map((f) => f.id));
  const findings: Finding[] = [];
  for (const m of spec.milestones) {
    const unknown = [...new Set(m.deliverables.filter((d) => !features.has(d)))];
    if (unknown.length === 0) continue;
    findings.push({
      path: SPEC_PATH,
      rule: 'traceability',
      message:
        `every milestone deliverable names an existing feature: milestone ${m.id} names ${quoteList(unknown)}, ` +
        `which ${unknown.length === 1 ? 'is not a feature id' : 'are not feature ids'}`,
    });
  }
  return findings;
}

/** Part of the key of a remembered pass: change it whenever this file judges differently. */
const TRACEABILITY_REVISION = '1';

/**
 * Check `rules` against the rendered files. One finding per failing rule, naming every orphan id; the
 * finding's path is the first file (in path order) of the rule's first artifact that rendered any, or
 * `source_spec.json` when none did. Always also checks milestone deliverables against feature ids.
 * With a `cache` (`traceability/` under the cache root), a pass is remembered for this exact spec, rule
 * set and rendered files, as the validators remember theirs: a re-run over the same output skips the
 * search (~4 ms of a warm balanced run's CPU, ~10 ms of a deep one's). A failure is never remembered.
 */
export function checkTraceability(
  spec: SourceSpec,
  rules: TraceRule[],
  rendered: TracedFile[],
  cache?: MemoCache | null,
): Finding[] {
  if (!cache) return traceFindings(spec, rules, rendered);
  const key = traceabilityPassKey(spec, rules, rendered);
  if (cache.get(key) === 'pass') return [];
  const findings = traceFindings(spec, rules, rendered);
  if (findings.length === 0) cache.set(key, 'pass');
  return findings;
}

/** The key of a remembered pass: everything the check reads (V8's serialization of the spec keeps its
 *  exact structure). */
export function traceabilityPassKey(spec: SourceSpec, rules: TraceRule[], rendered: TracedFile[]): string {
  return memoKey([
    'traceability',
    TRACEABILITY_REVISION,
    sha256Hex(serialize(spec)),
    JSON.stringify(rules),
    ...rendered.flatMap((f) => [f.artifactId, f.path, sha256Hex(f.content)]),
  ]);
}

function traceFindings(spec: SourceSpec, rules: TraceRule[], rendered: TracedFile[]): Finding[] {
  const findings: Finding[] = [];
  // Several rules read the same files: undo escapes once per file.
  const cache = new Map<TracedFile, string[]>();
  const visible = (f: TracedFile): string[] => {
    let t = cache.get(f);
    if (t === undefined) {
      t = [visibleText(f.content), jsonVisibleText(f.content)];
      cache.set(f, t);
    }
    return t;
  };
  const runCache = new Map<TracedFile, Set<string>>();
  const runs = (f: TracedFile): Set<string> => {
    let r = runCache.get(f);
    if (r === undefined) {
      r = new Set();
      for (const t of visible(f)) idRuns(t, r);
      runCache.set(f, r);
    }
    return r;
  };
  for (const rule of rules) {
    const files = rendered
      .filter((f) => rule.in.includes(f.artifactId))
      .sort(
        (a, b) =>
          rule.in.indexOf(a.artifactId) - rule.in.indexOf(b.artifactId) || compareCodePoints(a.path, b.path),
      );
    const ids = traceIds(spec, rule.ids);
    const plain = new Set<string>();
    if (ids.some((id) => isPlainId(needleOf(id))))
      for (const f of files) for (const r of runs(f)) plain.add(r);
    const texts = files.flatMap((f) => visible(f));
    const orphans = ids.filter((id) => {
      const needle = needleOf(id);
      return isPlainId(needle) ? !plain.has(needle) : !texts.some((t) => containsVisibleToken(t, id));
    });
    if (orphans.length === 0) continue;
    const where = files.length > 0 ? `${rule.in.join(', ')}` : `${rule.in.join(', ')} (nothing was rendered)`;
    findings.push({
      path: files[0]?.path ?? SPEC_PATH,
      rule: 'traceability',
      message: `${rule.name}: ${rule.ids} ${quoteList(orphans)} ${orphans.length === 1 ? 'appears' : 'appear'} in none of ${where}`,
    });
  }
  findings.push(...deliverableFindings(spec));
  return findings;
}
