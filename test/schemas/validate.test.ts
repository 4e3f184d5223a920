import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemasDigest } from '../../src/schemas/create-ajv.js';
import { humanizeErrors } from '../../src/schemas/humanize.js';
import { writeStandaloneValidators } from '../../src/schemas/standalone.js';
import { getValidator, loadPrecompiled, schemaPassKey, validateSchema } from '../../src/schemas/validate.js';
import { StudioError } from '../../src/errors/studio-error.js';
import { entryFiles } from '../util/memo-cache-files.js';
import { MemoCache } from '../../src/util/memo-cache.js';

const minimalIdea = { title: 'T', one_liner: '', problem: '', audience: [], goals: [], features: [] };

describe('validateSchema', () => {
  it('returns no errors for valid data', () => {
    expect(validateSchema('idea_card', minimalIdea)).toEqual([]);
    expect(validateSchema('decision_sheet', {})).toEqual([]);
  });

  it('names an unknown key and the closest known one', () => {
    const errors = validateSchema('idea_card', {
      ...minimalIdea,
      features: [{ name: 'F', priority: 'must', priorty: 'must' }],
    });
    expect(errors).toEqual([
      {
        pointer: '/features/0/priorty',
        message: 'unknown key "priorty" — did you mean "priority"?',
        hint: 'Rename "priorty" to "priority".',
      },
    ]);
  });

  it('lists the allowed keys when no known key is close', () => {
    const [error] = validateSchema('decision_sheet', { dials: { colour: 'red' } });
    expect(error?.message).toBe('unknown key "colour"');
    expect(error?.hint).toBe('Remove it; the keys allowed here are: audience, flow, test.');
  });

  it('lists enum values and suggests the case-corrected one', () => {
    const errors = validateSchema('decision_sheet', {
      dials: { audience: 'engineering', flow: 'Waterfall' },
    });
    expect(errors).toEqual([
      {
        pointer: '/dials/audience',
        message: 'must be one of: Balanced, Engineering, Executive',
        hint: 'Did you mean "Engineering"? Values are case-sensitive.',
      },
      {
        pointer: '/dials/flow',
        message: 'must be one of: Dual-Track, Scrum, Kanban',
        hint: 'Use one of the listed values, spelled exactly as shown.',
      },
    ]);
  });

  it('explains type errors in words, with a quoting hint for YAML numbers', () => {
    const errors = validateSchema('idea_card', { ...minimalIdea, title: 2048, goals: 'one goal' });
    expect(errors).toContainEqual({
      pointer: '/title',
      message: 'must be a string',
      hint: 'Quote it ("2048") so it is read as text.',
    });
    expect(errors).toContainEqual(
      expect.objectContaining({ pointer: '/goals', message: 'must be a list or empty' }),
    );
  });

  it('reports every missing required key at the object that lacks it', () => {
    const errors = validateSchema('idea_card', { title: 'T' });
    expect(errors.map((e) => e.message)).toEqual([
      'missing required key "one_liner"',
      'missing required key "problem"',
      'missing required key "audience"',
      'missing required key "goals"',
      'missing required key "features"',
    ]);
    expect(new Set(errors.map((e) => e.pointer))).toEqual(new Set(['']));
  });

  it('uses the schema x-hint for pattern errors and explains empty strings', () => {
    const errors = validateSchema('idea_card', {
      ...minimalIdea,
      title: '',
      features: [{ id: 'bad id', name: 'F', priority: 'must' }],
    });
    expect(errors).toContainEqual(
      expect.objectContaining({ pointer: '/title', message: 'must not be empty' }),
    );
    const idError = errors.find((e) => e.pointer === '/features/0/id');
    expect(idError?.hint).toMatch(/letters, digits/);
  });

  it('reports only the taken branch of a string-or-object acceptance item', () => {
    const errors = validateSchema('idea_card', {
      ...minimalIdea,
      features: [{ name: 'F', priority: 'must', acceptance: ['ok', { txt: 'x' }, 3] }],
    });
    expect(errors.map((e) => `${e.pointer} ${e.message}`)).toEqual([
      '/features/0/acceptance/1 missing required key "text"',
      '/features/0/acceptance/1/txt unknown key "txt" — did you mean "text"?',
      '/features/0/acceptance/2 must be a string',
    ]);
  });

  it('requires values on enum fields', () => {
    const errors = validateSchema('decision_sheet', {
      entities: [{ name: 'E', fields: [{ name: 's', type: 'enum' }] }],
    });
    expect(errors).toEqual([
      {
        pointer: '/entities/0/fields/0',
        message: 'missing required key "values"',
        hint: 'An enum field lists its allowed values, e.g. values: [draft, sent].',
      },
    ]);
  });

  it('always gives a hint', () => {
    const errors = validateSchema('decision_sheet', {
      milestones: [{ name: 'M', goal: 'g', duration_weeks: -1 }],
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.hint).toMatch(/schemas\/decision_sheet\.schema\.json/);
  });

  it('compiles each schema once per process', () => {
    expect(getValidator('idea_card')).toBe(getValidator('idea_card'));
  });

  it('refuses names that are not schema names, and unknown schemas, with StudioError', () => {
    expect(() => validateSchema('../package', {})).toThrow(StudioError);
    expect(() => validateSchema('no_such_schema', {})).toThrow(/no schema named "no_such_schema"/);
  });
});

describe('humanizeErrors', () => {
  it('drops exact repeats', () => {
    const error = { keyword: 'minLength', instancePath: '/a', schemaPath: '#', params: { limit: 1 } };
    expect(humanizeErrors([error, error])).toEqual([{ pointer: '/a', message: 'must not be empty' }]);
  });
});

describe('precompiled (standalone) validators', () => {
  // Inside the repo so the generated modules resolve ajv's runtime helpers from node_modules.
  const cache = new URL('../../node_modules/.cache/', import.meta.url).pathname;
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'studio-standalone-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are written for every schema and validate exactly like the run-time compiler', () => {
    const names = writeStandaloneValidators(dir);
    expect(names).toEqual(expect.arrayContaining(['idea_card', 'decision_sheet', 'source_spec']));
    const precompiled = loadPrecompiled(dir, 'idea_card', schemasDigest());
    expect(precompiled).toBeDefined();
    const bad = { title: 1, extra: true, features: [{ name: 'F', priority: 'Must' }] };
    expect(precompiled!(bad)).toBe(false);
    expect(humanizeErrors(precompiled!.errors ?? [])).toEqual(
      validateSchema('idea_card', bad).map(({ pointer, message, hint }) => ({
        pointer,
        message,
        // validateSchema adds a generic hint where the error has none.
        ...(hint?.startsWith('See the description') ? {} : { hint }),
      })),
    );
    expect(precompiled!(minimalIdea)).toBe(true);
  });

  it('are ignored when the schemas changed since they were generated', () => {
    writeStandaloneValidators(dir);
    expect(loadPrecompiled(dir, 'idea_card', 'another-digest')).toBeUndefined();
    expect(loadPrecompiled(dir, 'not_there', schemasDigest())).toBeUndefined();
  });
});

describe('blank text', () => {
  it('is reported once, in words, whether empty or whitespace', () => {
    for (const title of ['', '  \t ']) {
      const errors = validateSchema('idea_card', { ...minimalIdea, title });
      expect(errors).toEqual([
        {
          pointer: '/title',
          message: 'must not be empty',
          hint: 'Give the product a name, e.g. title: Clinic Queue',
        },
      ]);
    }
  });
});

describe('remembered passes (the schemas/ cache)', () => {
  const root = mkdtempSync(join(tmpdir(), 'studio-schema-passes-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const newCache = () => new MemoCache(join(root, `c${(n += 1)}`));
  const invalidIdea = { ...minimalIdea, title: '' };

  it('remembers a pass; never a failure, which is reported in full every time', () => {
    const cache = newCache();
    expect(validateSchema('idea_card', minimalIdea, { cache })).toEqual([]);
    expect(entryFiles(cache)).toHaveLength(1);
    expect(validateSchema('idea_card', minimalIdea, { cache })).toEqual([]);
    expect(entryFiles(cache)).toHaveLength(1);
    const uncached = validateSchema('idea_card', invalidIdea);
    expect(uncached).toHaveLength(1);
    for (let i = 0; i < 2; i += 1)
      expect(validateSchema('idea_card', invalidIdea, { cache })).toEqual(uncached);
    expect(entryFiles(cache)).toHaveLength(1);
  });

  it('a key covers the schema and the exact data: any other data is validated', () => {
    const cache = newCache();
    validateSchema('idea_card', minimalIdea, { cache });
    const key = schemaPassKey('idea_card', minimalIdea)!;
    expect(schemaPassKey('decision_sheet', minimalIdea)).not.toBe(key);
    expect(schemaPassKey('idea_card', { ...minimalIdea, title: 'U' })).not.toBe(key);
    // An undefined value is not the same data as a missing key (JSON would make them equal).
    expect(schemaPassKey('idea_card', { ...minimalIdea, extra: undefined })).not.toBe(key);
    expect(validateSchema('idea_card', { ...minimalIdea, extra: undefined }, { cache })).not.toEqual([]);
    expect(validateSchema('idea_card', invalidIdea, { cache })).toHaveLength(1);
    // Data V8 cannot serialize is validated and never remembered.
    expect(schemaPassKey('idea_card', { ...minimalIdea, f: () => 1 })).toBeUndefined();
  });

  it('uses an intact entry, and ignores a damaged one', () => {
    const cache = newCache();
    const key = schemaPassKey('idea_card', invalidIdea)!;
    // An intact pass entry for this exact data is trusted (this is what spares a warm run the validator).
    cache.set(key, 'pass');
    expect(validateSchema('idea_card', invalidIdea, { cache })).toEqual([]);
    const file = join(cache.dir, key.slice(0, 2), key);
    for (const damaged of ['pass', `// sha256:${'0'.repeat(64)}\npass`, '']) {
      writeFileSync(file, damaged);
      expect(validateSchema('idea_card', invalidIdea, { cache })).toHaveLength(1);
    }
    // An intact entry with any other body is not a pass either.
    cache.set(key, 'fail');
    expect(validateSchema('idea_card', invalidIdea, { cache })).toHaveLength(1);
  });

  it('without a cache (--no-cache) nothing is remembered', () => {
    const cache = newCache();
    validateSchema('idea_card', minimalIdea, { cache: null });
    validateSchema('idea_card', minimalIdea);
    expect(entryFiles(cache)).toHaveLength(0);
  });
});
