import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding } from '@studio/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultValidationCacheDir, passKey } from '../../src/validators/cache.js';
import {
  type HostValidator,
  builtInValidators,
  planWorkers,
  sortFindings,
  validateArtifacts,
} from '../../src/validators/index.js';

/** A validator that flags any line containing "BAD", and counts the files it is asked about. */
function countingValidator(id = 'counting'): HostValidator & { seen: string[] } {
  const seen: string[] = [];
  return {
    id,
    version: '1.0.0',
    formats: ['yaml'],
    configDigest: '',
    seen,
    async validate(files) {
      const findings: Finding[] = [];
      for (const f of files) {
        seen.push(f.path);
        f.content.split('\n').forEach((line, i) => {
          if (line.includes('BAD'))
            findings.push({ path: f.path, line: i + 1, rule: 'bad', message: 'bad line' });
        });
      }
      return findings;
    },
  };
}

let cacheDir: string;
beforeEach(() => {
  cacheDir = mkdtempSync(path.join(tmpdir(), 'studio-vcache-'));
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('validateArtifacts: cache', () => {
  it('skips the validator for content that passed before, validates again after a change', async () => {
    const v = countingValidator();
    const files = [
      { path: 'a.yaml', format: 'yaml' as const, content: 'a: 1\n' },
      { path: 'b.yaml', format: 'yaml' as const, content: 'b: 2\n' },
    ];
    expect(await validateArtifacts(files, { cacheDir, validators: [v] })).toEqual([]);
    expect(v.seen).toEqual(['a.yaml', 'b.yaml']);
    expect(await validateArtifacts(files, { cacheDir, validators: [v] })).toEqual([]);
    expect(v.seen).toEqual(['a.yaml', 'b.yaml']);
    // Same content under another path is the same pass.
    await validateArtifacts([{ ...files[0]!, path: 'moved.yaml' }], { cacheDir, validators: [v] });
    expect(v.seen).toHaveLength(2);
    await validateArtifacts([{ ...files[0]!, content: 'a: 3\n' }], { cacheDir, validators: [v] });
    expect(v.seen).toEqual(['a.yaml', 'b.yaml', 'a.yaml']);
  });

  it('never caches a failure', async () => {
    const v = countingValidator();
    const files = [{ path: 'x.yaml', format: 'yaml' as const, content: 'ok\nBAD\n' }];
    const first = await validateArtifacts(files, { cacheDir, validators: [v] });
    const second = await validateArtifacts(files, { cacheDir, validators: [v] });
    expect(first).toEqual([{ path: 'x.yaml', line: 2, rule: 'bad', message: 'bad line' }]);
    expect(second).toEqual(first);
    expect(v.seen).toEqual(['x.yaml', 'x.yaml']);
  });

  it('keys passes by validator id and version too', async () => {
    const files = [{ path: 'a.yaml', format: 'yaml' as const, content: 'a: 1\n' }];
    const v1 = countingValidator('one');
    const v2 = { ...countingValidator('one'), version: '2.0.0' };
    await validateArtifacts(files, { cacheDir, validators: [v1] });
    await validateArtifacts(files, { cacheDir, validators: [v2] });
    expect(v2.seen).toEqual(['a.yaml']);
    expect(passKey(v1, 'x')).not.toBe(passKey(v2, 'x'));
    expect(passKey(v1, 'x')).not.toBe(passKey({ ...v1, configDigest: 'other' }, 'x'));
  });

  it('null disables the cache entirely (nothing read, nothing written)', async () => {
    const v = countingValidator();
    const files = [{ path: 'a.yaml', format: 'yaml' as const, content: 'a: 1\n' }];
    await validateArtifacts(files, { cacheDir, validators: [v] });
    await validateArtifacts(files, { cacheDir: null, validators: [v] });
    await validateArtifacts(files, { cacheDir: null, validators: [v] });
    expect(v.seen).toHaveLength(3);
    // With the default location pointed at a folder, null still writes nothing there; the default does.
    vi.stubEnv('STUDIO_CACHE_DIR', path.join(cacheDir, 'default'));
    await validateArtifacts(files, { cacheDir: null, validators: [countingValidator()] });
    expect(readdirSync(cacheDir)).not.toContain('default');
    await validateArtifacts(files, { validators: [countingValidator()] });
    expect(readdirSync(cacheDir)).toContain('default');
    vi.unstubAllEnvs();
  });

  it('a cache hit does not call the built-in validator (no library is loaded)', async () => {
    const markdown = builtInValidators().find((v) => v.formats.includes('markdown'))!;
    const spy = vi.spyOn(markdown, 'validate');
    const files = [{ path: 'a.md', format: 'markdown' as const, content: '# Hello\n\nWorld.\n' }];
    expect(await validateArtifacts(files, { cacheDir })).toEqual([]);
    expect(await validateArtifacts(files, { cacheDir })).toEqual([]);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('default location: STUDIO_CACHE_DIR/validation, else XDG_CACHE_HOME/studio/validation, else ~/.cache', () => {
    expect(defaultValidationCacheDir({ STUDIO_CACHE_DIR: '/c' })).toBe(path.join('/c', 'validation'));
    expect(defaultValidationCacheDir({ XDG_CACHE_HOME: '/x' })).toBe(path.join('/x', 'studio', 'validation'));
    expect(defaultValidationCacheDir({})).toMatch(/\.cache[\\/]studio[\\/]validation$/);
  });
});

describe('validateArtifacts: dispatch and order', () => {
  it('routes each format to its validator and returns findings sorted by path, line, rule', async () => {
    const findings = await validateArtifacts(
      [
        { path: 'z.md', format: 'markdown', content: 'no heading <i>x</i>\n' },
        { path: 'b.json', format: 'json', content: '{\n  "a": 1,\n  "a": 2\n}\n' },
        { path: 'a.yaml', format: 'yaml', content: 'k: 1\nk: 2\n' },
        { path: 'ok.mmd', format: 'mermaid', content: 'flowchart TD\n  A --> B\n' },
      ],
      { cacheDir: null },
    );
    expect(findings.map((f) => `${f.path}:${f.line}:${f.rule}`)).toEqual([
      'a.yaml:2:yaml-parse',
      'b.json:3:json-parse',
      'z.md:1:MD033',
      'z.md:1:MD041',
    ]);
  });

  it('reports a format no validator handles', async () => {
    const findings = await validateArtifacts([{ path: 'a.txt', format: 'text' as never, content: 'x' }], {
      cacheDir: null,
      validators: [countingValidator()],
    });
    expect(findings).toEqual([expect.objectContaining({ path: 'a.txt', rule: 'unknown-format' })]);
  });

  it('sortFindings puts file-level findings first and is independent of input order', () => {
    const fs: Finding[] = [
      { path: 'b', line: 2, rule: 'r', message: 'm' },
      { path: 'a', line: 3, column: 2, rule: 'r', message: 'm' },
      { path: 'a', rule: 'whole', message: 'm' },
      { path: 'a', line: 3, column: 1, rule: 'r', message: 'm' },
    ];
    const sorted = sortFindings([...fs]).map((f) => `${f.path}:${f.line ?? '-'}:${f.column ?? '-'}`);
    expect(sorted).toEqual(['a:-:-', 'a:3:1', 'a:3:2', 'b:2:-']);
    expect(sortFindings([...fs].reverse())).toEqual(sortFindings([...fs]));
  });
});

describe('planWorkers', () => {
  const files = (prefix: string, sizes: number[]) =>
    sizes.map((n, i) => ({ path: `${prefix}-${i}`, content: 'x'.repeat(n) }));

  it('cuts Markdown into one piece per worker, keeps the slow starters apart, and places every file once', () => {
    const batches = [
      { validator: 'markdownlint', files: files('md', [150_000, 120_000, 90_000, 60_000, 30_000]) },
      { validator: 'mermaid', files: files('mmd', [100, 100]) },
      { validator: 'github-workflow', files: files('wf', [100]) },
      { validator: 'json-schema', files: files('js', [100]) },
    ];
    const plans = planWorkers(batches, 2);
    expect(plans).toHaveLength(2);
    const placed = plans
      .flat()
      .flatMap((b) => b.files.map((f) => f.path))
      .sort();
    expect(placed).toEqual(batches.flatMap((b) => b.files.map((f) => f.path)).sort());
    const workerOf = (v: string) => plans.findIndex((p) => p.some((b) => b.validator === v));
    expect(workerOf('mermaid')).not.toBe(workerOf('github-workflow'));
    expect(plans.every((p) => p.some((b) => b.validator === 'markdownlint'))).toBe(true);
  });

  it('keeps Markdown too small to repay another markdownlint load in one piece', () => {
    const small = files('md', [5000, 4000, 3000, 2000, 1000]);
    const plans = planWorkers(
      [
        { validator: 'markdownlint', files: small },
        { validator: 'json-schema', files: files('js', [100]) },
      ],
      4,
    );
    const markdown = plans.flat().filter((b) => b.validator === 'markdownlint');
    expect(markdown).toHaveLength(1);
    expect(markdown[0]!.files.map((f) => f.path).sort()).toEqual(small.map((f) => f.path).sort());
    // Each piece is worth a load: 450 KB splits in two for four workers, not four.
    const large = planWorkers(
      [{ validator: 'markdownlint', files: files('md', [150_000, 150_000, 150_000]) }],
      4,
    );
    expect(large).toHaveLength(2);
  });

  it('one worker gets everything', () => {
    const plans = planWorkers([{ validator: 'markdownlint', files: files('md', [1, 2]) }], 1);
    expect(plans).toEqual([
      [
        {
          validator: 'markdownlint',
          files: [
            { path: 'md-1', content: 'xx' },
            { path: 'md-0', content: 'x' },
          ],
        },
      ],
    ]);
  });
});
