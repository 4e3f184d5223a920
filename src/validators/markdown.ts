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

interface LintError {
  lineNumber: number;
  ruleNames: string[];
  ruleDescription: string;
  errorDetail: string | null;
  errorContext: string | null;
  errorRange: [number, number] | null;
}

export function createMarkdownValidator(
  config = loadMarkdownlintConfig(),
  sectionLimits: SectionLimits = SECTION_LIMITS,
): HostValidator {
  return {
    id: 'markdownlint',
    version: packageVersion('markdownlint'),
    formats: ['markdown'],
    configDigest: sha256Hex(canonicalJson(config)),
    async validate(files) {
      const { lint } = await import('markdownlint/promise');
      // Documents with many table rows are linted in sections (markdown-sections.ts): markdownlint's
      // table parser is quadratic. Each lint call takes one config, so strings are grouped by config.
      const byConfig = new Map<
        string,
        { config: Record<string, unknown>; strings: Record<string, string> }
      >();
      const origin = new Map<string, { path: string; offset: number }>();
      const add = (
        key: string,
        content: string,
        cfg: Record<string, unknown>,
        path: string,
        offset: number,
      ) => {
        const id = canonicalJson(cfg);
        const group = byConfig.get(id) ?? { config: cfg, strings: {} };
        group.strings[key] = content;
        byConfig.set(id, group);
        origin.set(key, { path, offset });
      };
      for (const f of files) {
        const split = sectionsFor(f.content, sectionLimits);
        if (split === undefined) {
          add(f.path, f.content, config, f.path, 0);
          continue;
        }
        const tableConfig = tableRulesConfig(config, split.firstRow);
        split.sections.forEach((s, i) =>
          add(`${f.path}\u0000${i}`, s.content, s.kind === 'table' ? tableConfig : config, f.path, s.offset),
        );
      }
      const findings: Finding[] = [];
      for (const group of byConfig.values()) {
        const results = (await lint({ strings: group.strings, config: group.config })) as unknown as Record<
          string,
          LintError[]
        >;
        for (const key of Object.keys(group.strings)) {
          const { path, offset } = origin.get(key)!;
          for (const e of results[key] ?? []) {
            let message = e.ruleDescription;
            if (e.errorDetail) message += `: ${e.errorDetail}`;
            if (e.errorContext) message += ` [${e.errorContext}]`;
            const finding: Finding = {
              path,
              line: e.lineNumber + offset,
              rule: e.ruleNames[0] ?? 'markdownlint',
              message,
            };
            if (e.errorRange) finding.column = e.errorRange[0];
            findings.push(finding);
          }
        }
      }
      return findings;
    },
  };
}
