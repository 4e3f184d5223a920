// ValidateOutputs (DESIGN §2): every artifact checked by its format's validator, passes cached by
// content hash. The heavy libraries are imported inside the validators, on a cache miss only.
import type { ArtifactFormat, Finding } from '@studio/sdk';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError, isStudioError } from '../errors/studio-error.js';
import { compareCodePoints } from '../util/canonical-json.js';
import { PassCache, defaultValidationCacheDir, passKey } from './cache.js';
import { createJsonSchemaValidator } from './json-schema.js';
import { createJsonValidator } from './json.js';
import { createMarkdownValidator } from './markdown.js';
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
    createMarkdownValidator(),
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

async function runValidator(
  validator: HostValidator,
  files: ValidationFile[],
  cache: PassCache | null,
): Promise<Finding[]> {
  const keys = new Map<ValidationFile, string>();
  const misses = files.filter((f) => {
    if (!cache) return true;
    const key = passKey(validator, f.content);
    keys.set(f, key);
    return !cache.has(key);
  });
  if (misses.length === 0) return [];
  let findings: Finding[];
  try {
    findings = await validator.validate(misses.map((f) => ({ path: f.path, content: f.content })));
  } catch (error) {
    if (isStudioError(error)) throw error;
    throw new StudioError(
      ErrorCodes.INTERNAL,
      `validator "${validator.id}" failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, hint: 'This is a bug in studio or in the validator library; please report it.' },
    );
  }
  if (cache) {
    const failed = new Set(findings.map((f) => f.path));
    for (const f of misses) if (!failed.has(f.path)) cache.add(keys.get(f)!);
  }
  return findings;
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
  const results = await Promise.all([...byValidator].map(([v, batch]) => runValidator(v, batch, cache)));
  for (const r of results) findings.push(...r);
  return sortFindings(findings);
}
