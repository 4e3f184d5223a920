// Writes a synthetic Idea Card + Decision Sheet of a given size (for the bench's scaling run).
// Usage: node scripts/synthetic-spec.mjs <dir> <features> <entities> <decisions>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

const [dir, nf, ne, nd] = process.argv.slice(2);
const F = Number(nf), E = Number(ne), D = Number(nd);
const features = Array.from({ length: F }, (_, i) => ({
  id: `F-${i + 1}`,
  name: `Feature number ${i + 1}`,
  description: `Lets a user do thing ${i + 1} with the product.`,
  priority: ['must', 'should', 'could', 'wont'][i % 4],
  acceptance: [`Thing ${i + 1} completes within 2 seconds`, `An audit event is recorded for thing ${i + 1}`],
  ...(i % 5 === 0 ? { flow: [{ from: 'User', to: 'API', message: `start ${i + 1}` }, { from: 'API', to: 'Store', message: 'save' }] } : {}),
}));
const idea = {
  title: 'Synthetic product',
  one_liner: 'A generated spec for scaling measurements.',
  problem: 'Benchmarks need large inputs.',
  audience: [{ name: 'Operator', needs: ['Predictable timings'] }],
  goals: ['Grow linearly'],
  features,
  metrics: [{ name: 'p95 latency', target: '< 1 s', window: '30 days' }],
};
const decisions = {
  dials: { audience: 'Engineering', flow: 'Scrum', test: 'Trophy' },
  decisions: Array.from({ length: D }, (_, i) => ({
    title: `Decision ${i + 1}`,
    status: 'accepted',
    context: `Context ${i + 1}.`,
    choice: `Choice ${i + 1}.`,
    alternatives: ['Something else'],
    consequences: ['A consequence'],
  })),
  entities: Array.from({ length: E }, (_, i) => ({
    name: `Entity${i + 1}`,
    description: `Entity number ${i + 1}.`,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'email', type: 'email', required: false, pii: true },
      { name: 'state', type: 'enum', values: ['new', 'done'], required: true },
      { name: 'amount', type: 'integer', required: true },
    ],
  })),
  ops: {
    ci: { provider: 'github-actions', runtime: 'node@20', steps: ['install', 'lint', 'test', 'build'] },
    environments: ['staging', 'production'],
    slos: [{ name: 'API availability', sli: 'successful requests', objective: '99.9%', window: '30d' }],
    observability: { logs: 'structured JSON', metrics: ['requests_total'], traces: true },
  },
  security: { data_classification: 'internal', threats_in_scope: ['credential stuffing'] },
  milestones: Array.from({ length: Math.ceil(F / 20) }, (_, m) => ({
    name: `Milestone ${m + 1}`,
    goal: `Ship batch ${m + 1}`,
    duration_weeks: 4,
    deliverables: features.slice(m * 20, m * 20 + 20).map((f) => f.id),
  })),
};
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'idea.yaml'), stringify(idea));
writeFileSync(join(dir, 'decisions.yaml'), stringify(decisions));
