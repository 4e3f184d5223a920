// Markdown: markdownlint with the repository's .markdownlint.json (the same rules the project's own
// docs follow). markdownlint is imported on first use only.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '@studio/sdk';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/hash.js';
import { packageVersion } from './package-version.js';
import type { HostValidator } from './types.js';
import { SECTION_LIMITS, type SectionLimits, sectionsFor, tableRulesConfig } from './markdown-sections.js';

/** The rules when .markdownlint.json is not shipped (an installed package); kept equal to the file by a
 *  test. Defaults on; MD013 (line length) off: generated prose and tables are long; MD024 only among
 *  siblings: features repeat sub-headings; MD026 off: headings carry user titles that may end in
 *  punctuation; MD033 (no inline HTML) and MD041 (first line is a heading) on. */
export const DEFAULT_MARKDOWNLINT_CONFIG: Readonly<Record<string, unknown>> = {
  default: true,
  MD013: false,
  MD024: { siblings_only: true },
  MD026: false,
  MD033: true,
  MD041: true,
};

/** src/validators and dist/validators are both two levels below the package root. */
const CONFIG_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '.markdownlint.json',
);

export function loadMarkdownlintConfig(file = CONFIG_FILE): Record<string, unknown> {
  if (!existsSync(file)) return { ...DEFAULT_MARKDOWNLINT_CONFIG };
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/**
 * The project rules as applied to generated packs: tables held to the compact pipe style, the one the
 * templates write. Compact is one of the styles MD060's default ("any") accepts, so a pack that passes
 * also passes the project configuration; checking the one style skips MD060's display-width
 * measurement of every cell for the aligned style (a third of all lint time). The project's own docs,
 * which align some tables, keep the configuration as it is.
 */
export function generatedMarkdownConfig(config = loadMarkdownlintConfig()): Record<string, unknown> {
  const current = config.MD060 ?? config['table-column-style'] ?? config.table ?? config.default ?? true;
  if (current === false) return config;
  const options = typeof current === 'object' && current !== null ? (current as { style?: string }) : {};
  if (options.style !== undefined && options.style !== 'any') return config;
  const { 'table-column-style': _alias, ...rest } = config;
  return { ...rest, MD060: { ...options, style: 'compact' } };
}

interface LintError {
  lineNumber: number;
  ruleNames: string[];
  ruleDescription: string;
  errorDetail: string | null;
  errorContext: string | null;
  errorRange: [number, number] | null;
}

/** Strings per markdownlint call (see the stack note in validate). */
const LINT_BATCH = 200;

export function createMarkdownValidator(
  config = loadMarkdownlintConfig(),
  sectionLimits: SectionLimits = SECTION_LIMITS,
): HostValidator {
  return {
    id: 'markdownlint',
    version: packageVersion('markdownlint'),
    formats: ['markdown'],
    configDigest: sha256Hex(canonicalJson({ config, noInlineConfig: true })),
    async validate(files) {
      const { lint } = await import('markdownlint/promise');
      // Documents with many table rows are linted in sections (markdown-sections.ts): markdownlint's
      // table parser is quadratic. Each lint call takes one config, so strings are grouped by config.
      const byConfig = new Map<string, { config: Record<string, unknown>; keys: string[] }>();
      const sections = new Map<string, { path: string; content: string; lines?: number[] }>();
      const add = (
        key: string,
        cfg: Record<string, unknown>,
        section: { path: string; content: string; lines?: number[] },
      ) => {
        const id = canonicalJson(cfg);
        const group = byConfig.get(id) ?? { config: cfg, keys: [] };
        group.keys.push(key);
        byConfig.set(id, group);
        sections.set(key, section);
      };
      for (const f of files) {
        const split = sectionsFor(f.content, sectionLimits);
        if (split === undefined) {
          add(f.path, config, { path: f.path, content: f.content });
          continue;
        }
        const tableConfig = tableRulesConfig(config, split.firstRow);
        split.sections.forEach((s, i) =>
          add(`${f.path}\u0000${i}`, s.kind === 'table' ? tableConfig : config, { path: f.path, ...s }),
        );
      }
      const findings: Finding[] = [];
      // Header rows repeat in every piece of a long table: a finding there is reported once.
      const seen = new Set<string>();
      for (const group of byConfig.values()) {
        // markdownlint lints the strings of one call in a chain of synchronous callbacks, one level
        // deeper per string: thousands of sections in one call overflow the stack.
        for (let at = 0; at < group.keys.length; at += LINT_BATCH) {
          const keys = group.keys.slice(at, at + LINT_BATCH);
          const strings = Object.fromEntries(keys.map((k) => [k, sections.get(k)!.content]));
          // The rules are the host's, not the document's: a `<!-- markdownlint-disable… -->` comment
          // written by a template, or user text shown verbatim in a code block, would otherwise switch
          // them off (it also spares markdownlint a scan of every line for such comments).
          const results = (await lint({
            strings,
            config: group.config,
            noInlineConfig: true,
          })) as unknown as Record<string, LintError[]>;
          for (const key of keys) {
            const { path, lines } = sections.get(key)!;
            for (const e of results[key] ?? []) {
              let message = e.ruleDescription;
              if (e.errorDetail) message += `: ${e.errorDetail}`;
              if (e.errorContext) message += ` [${e.errorContext}]`;
              const line = lines ? lines[e.lineNumber - 1]! + 1 : e.lineNumber;
              const finding: Finding = { path, line, rule: e.ruleNames[0] ?? 'markdownlint', message };
              if (e.errorRange) finding.column = e.errorRange[0];
              const id = `${path}\u0000${line}\u0000${finding.rule}\u0000${finding.column}\u0000${message}`;
              if (seen.has(id)) continue;
              seen.add(id);
              findings.push(finding);
            }
          }
        }
      }
      return findings;
    },
  };
}
