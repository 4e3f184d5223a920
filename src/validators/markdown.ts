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

export function createMarkdownValidator(config = loadMarkdownlintConfig()): HostValidator {
  return {
    id: 'markdownlint',
    version: packageVersion('markdownlint'),
    formats: ['markdown'],
    configDigest: sha256Hex(canonicalJson(config)),
    async validate(files) {
      const { lint } = await import('markdownlint/promise');
      const strings: Record<string, string> = {};
      for (const f of files) strings[f.path] = f.content;
      const results = (await lint({ strings, config })) as unknown as Record<string, LintError[]>;
      const findings: Finding[] = [];
      for (const f of files) {
        for (const e of results[f.path] ?? []) {
          let message = e.ruleDescription;
          if (e.errorDetail) message += `: ${e.errorDetail}`;
          if (e.errorContext) message += ` [${e.errorContext}]`;
          const finding: Finding = {
            path: f.path,
            line: e.lineNumber,
            rule: e.ruleNames[0] ?? 'markdownlint',
            message,
          };
          if (e.errorRange) finding.column = e.errorRange[0];
          findings.push(finding);
        }
      }
      return findings;
    },
  };
}
