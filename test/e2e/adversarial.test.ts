import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ensureBuilt, readTree, studio, tempDir } from './cli.js';

beforeAll(() => ensureBuilt());

// Every kind of text a template could misread: template syntax, HTML, Markdown table and code
// syntax, quotes, Mermaid keywords and punctuation, path traversal, Unicode.
const NASTY = [
  '{{ spec.title }} {% if x %}y{% endif %} {# c #}',
  '<script>alert("x")</script> <b>bold</b> &amp; &lt;',
  '| a | b | `code` ``` fenced',
  '"double" \'single\' `back`',
  'graph TD; A-->B; end; click A call evil(); %% comment; subgraph',
  '../../etc/passwd C:\\Windows\\system32 CON aux.txt',
  '# heading * star _under_ [link](http://x) ![img](y) ~~s~~ 1. list - item + plus > quote',
  'naïve café — 日本語 ‏עברית‏ 🚀 \u00a0nbsp',
  'semi;colon #hash :colon ->> -x --) participant Alice as Bob',
];
const pick = (i: number) => NASTY[i % NASTY.length]!;

function nastyInputs(dir: string): { idea: string; decisions: string } {
  let n = 0;
  const t = () => pick(n++);
  const idea = {
    title: t(),
    one_liner: t(),
    problem: t(),
    audience: [{ name: t(), needs: [t(), t()] }],
    goals: [t(), t()],
    non_goals: [t()],
    features: [1, 2, 3].map((i) => ({
      id: `F-${i}`,
      name: t(),
      description: t(),
      priority: 'must',
      acceptance: [t(), t()],
      flow: [
        { from: t(), to: t(), message: t() },
        { from: t(), to: t(), message: t() },
      ],
    })),
    metrics: [{ name: t(), target: t(), window: t() }],
    constraints: [t()],
    assumptions: [t()],
    risks: [{ id: 'R-1', description: t(), likelihood: 'high', impact: 'low', mitigation: t() }],
  };
  const decisions = {
    dials: { audience: 'Engineering', flow: 'Kanban', test: 'Diamond' },
    decisions: [1, 2].map((i) => ({
      id: `ADR-000${i}`,
      title: t(),
      status: 'accepted',
      context: t(),
      choice: t(),
      alternatives: [t()],
      consequences: [t()],
    })),
    stack: { languages: [t()], frameworks: [t()], datastores: [t()], hosting: t() },
    entities: [
      {
        name: t(),
        description: t(),
        fields: [
          { name: 'id', type: 'uuid', required: true },
          { name: t(), type: 'string', required: true, pii: true },
          { name: 'state', type: 'enum', values: [t(), t()], required: false },
        ],
      },
      { name: 'CON', description: t(), fields: [{ name: 'x', type: 'integer' }] },
    ],
    ops: {
      ci: { provider: 'github-actions', runtime: 'node@20', steps: ['install', t(), 'test'] },
      environments: [t(), 'production'],
      slos: [{ name: t(), sli: t(), objective: '99.9%', window: '30d' }],
      observability: { logs: t(), metrics: [t()], traces: true },
    },
    security: { data_classification: t(), threats_in_scope: [t(), t()] },
    milestones: [{ name: t(), goal: t(), duration_weeks: 3, deliverables: ['F-1', 'F-2', 'F-3'] }],
  };
  const ideaFile = join(dir, 'idea.yaml');
  const decisionsFile = join(dir, 'decisions.yaml');
  writeFileSync(ideaFile, stringify(idea));
  writeFileSync(decisionsFile, stringify(decisions));
  return { idea: ideaFile, decisions: decisionsFile };
}

describe('adversarial text in every field', () => {
  for (const pack of ['balanced', 'deep']) {
    it(`--pack ${pack}: generation succeeds, so every output passed its validator; text stays literal`, () => {
      const dir = tempDir();
      const { idea, decisions } = nastyInputs(dir);
      const out = join(dir, 'out');
      const r = studio(['generate', '--idea', idea, '--decisions', decisions, '--pack', pack, '-o', out]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const tree = readTree(out);
      for (const [path, bytes] of tree) {
        const text = bytes.toString('utf8');
        // Nothing was interpreted as a template: the literal text survives.
        if (path.endsWith('.md')) {
          expect(text, path).not.toMatch(/<script>/);
          expect(text, path).not.toMatch(/<b>/);
        }
        // No path segment escaped the folder, and no Windows-reserved file name was created.
        expect(
          path.split('/').some((s) => s === '..'),
          path,
        ).toBe(false);
        expect(/^(con|aux|prn|nul)(\.|$)/i.test(path.split('/').pop()!), path).toBe(false);
      }
      const prd = tree.get('prd.md')!.toString('utf8');
      expect(prd).toContain('spec.title');
      expect(prd).toContain('日本語');
      const spec = JSON.parse(readFileSync(join(out, 'source_spec.json'), 'utf8'));
      expect(spec.title).toBe(NASTY[0]);
    });
  }
});
