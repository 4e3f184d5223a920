// The host's output limits are derived from the input limits: whatever `validate` accepts must fit under
// the agent output limit and the output caps (accept-then-fail otherwise). The largest outputs come from
// the inputs below, each packed up to the 1 MiB file limit along the axis that multiplies output most;
// they run through the real stages up to Render with the default limits, and must keep a margin, so a
// change that makes a view-model or document grow faster than its input fails here first.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES } from '../../src/inputs/read-document.js';
import { DEFAULT_OUTPUT_LIMITS, OutputBudget, outputLimits } from '../../src/pipeline/output-rules.js';
import { createRunContext } from '../../src/pipeline/run-context.js';
import { StageSequence, stageContext } from '../../src/pipeline/stage.js';
import { buildSpecStage } from '../../src/pipeline/stages/build-spec.js';
import { collectInputs } from '../../src/pipeline/stages/collect-inputs.js';
import { planStage } from '../../src/pipeline/stages/plan.js';
import { render } from '../../src/pipeline/stages/render.js';
import { runAgents } from '../../src/pipeline/stages/run-agents.js';
import { validateSpec } from '../../src/pipeline/stages/validate-spec.js';
import { buildCatalog } from '../../src/plugins/discovery.js';
import { DEFAULT_AGENT_OUTPUT_MB } from '../../src/sandbox/agents.js';
import { SPEC_LIMITS } from '../../src/spec/rules.js';
import { tempDir } from '../e2e/cli.js';
import { ensureFirstPartyBuilt, firstPartyPlugins } from '../gates/first-party.js';

const MARGIN = 0.75;

const idea = (features: unknown[]) => ({
  title: 'Largest accepted input',
  one_liner: 'o',
  problem: 'p',
  audience: [{ name: 'User', needs: ['n'] }],
  goals: ['g'],
  features,
  metrics: [{ name: 'm', target: 't', window: 'w' }],
});

const decisions = (extra: Record<string, unknown> = {}) => ({
  dials: { audience: 'Engineering', flow: 'Scrum', test: 'Trophy' },
  decisions: [],
  entities: Array.from({ length: 500 }, (_, e) => ({
    name: `E${e}`,
    fields: Array.from({ length: 10 }, (_, f) => ({ name: `f${f}`, type: 'string', pii: true })),
  })),
  ops: {
    ci: { provider: 'github-actions', runtime: 'node@20', steps: ['test'] },
    environments: ['staging'],
    slos: [{ name: 'availability', sli: 's', objective: '99.9%', window: '30d' }],
    observability: { logs: 'json', metrics: ['m'], traces: true },
  },
  security: { data_classification: 'internal', threats_in_scope: ['t'] },
  milestones: [],
  ...extra,
});

const SHAPES: Record<string, () => { idea: unknown; decisions: unknown }> = {
  // Every acceptance criterion allowed, on features with the longest names, each case repeating a
  // flow just short of the length the test plan prints only once: the largest test plan.
  'criteria × flow': () => ({
    idea: idea(
      Array.from({ length: SPEC_LIMITS.maxCriteria / 50 }, (_, i) => ({
        name: `${'n'.repeat(190)}${i}`,
        priority: 'must',
        acceptance: Array.from({ length: 50 }, (_, j) => `${'c'.repeat(60)}${j}`),
        flow: Array.from({ length: 6 }, () => ({ from: 'User', to: 'API', message: 'm'.repeat(100) })),
      })),
    ),
    decisions: decisions(),
  }),
  // Every deliverable allowed, naming features with the longest names: roadmap and PRD.
  deliverables: () => ({
    idea: idea(
      Array.from({ length: 2000 }, (_, i) => ({
        id: `F-${i + 1}`,
        name: `${'n'.repeat(190)} ${i}`,
        priority: 'must',
        acceptance: ['a'],
      })),
    ),
    decisions: decisions({
      milestones: Array.from({ length: 200 }, (_, m) => ({
        name: `M${m}`,
        goal: 'g',
        duration_weeks: 2,
        deliverables: Array.from(
          { length: SPEC_LIMITS.maxDeliverables / 200 },
          (_, k) => `F-${((m * 20 + k) % 2000) + 1}`,
        ),
      })),
    }),
  }),
};

let dir: string;
beforeAll(() => {
  ensureFirstPartyBuilt();
  dir = tempDir('studio-limits-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('output limits derived from the input limits', () => {
  const catalog = () => buildCatalog(firstPartyPlugins());

  it.each(Object.keys(SHAPES))(
    'the largest "%s" input fits every agent output limit and output cap',
    async (name) => {
      const { idea: card, decisions: sheet } = SHAPES[name]!();
      const ideaFile = join(dir, `${name}-idea.json`);
      const decisionsFile = join(dir, `${name}-decisions.json`);
      writeFileSync(ideaFile, JSON.stringify(card));
      writeFileSync(decisionsFile, JSON.stringify(sheet));
      // Packed close to the input limit, or the shape proves little.
      expect(JSON.stringify(card).length + JSON.stringify(sheet).length).toBeGreaterThan(
        DEFAULT_MAX_BYTES / 2,
      );
      const env = { SOURCE_DATE_EPOCH: '0' };
      const run = createRunContext({ cacheDir: null });
      const stages = new StageSequence(stageContext(run, env));
      const packIds = ['balanced', 'deep'];
      const inputs = await stages.run(collectInputs, { ideaFile, decisionsFile });
      const spec = await stages.run(validateSpec, {
        candidate: await stages.run(buildSpecStage, { inputs }),
      });
      const plan = await stages.run(planStage, { catalog: catalog(), packIds, spec });
      const models = await stages.run(runAgents, { plan, spec });
      const limit = DEFAULT_AGENT_OUTPUT_MB * 1024 * 1024;
      for (const [id, vm] of Object.entries(models))
        expect(JSON.stringify(vm).length, id).toBeLessThan(limit * MARGIN);
      // Render checks every cap itself (OutputBudget); the margin is checked here.
      const artifacts = await stages.run(render, { plan, spec, models });
      let total = 0;
      for (const a of artifacts) {
        const size = Buffer.byteLength(a.content, 'utf8');
        total += size;
        expect(size, a.path).toBeLessThan(DEFAULT_OUTPUT_LIMITS.maxArtifactBytes * MARGIN);
      }
      expect(artifacts.length).toBeLessThan(DEFAULT_OUTPUT_LIMITS.maxArtifacts * MARGIN);
      expect(total).toBeLessThan(DEFAULT_OUTPUT_LIMITS.maxTotalBytes * MARGIN);
    },
  );

  it('environment overrides raise the caps, and the budget refuses past them', () => {
    expect(outputLimits({ STUDIO_MAX_ARTIFACT_BYTES: '10' }).maxArtifactBytes).toBe(10);
    expect(outputLimits({ STUDIO_MAX_ARTIFACT_BYTES: 'x' })).toEqual(DEFAULT_OUTPUT_LIMITS);
    const budget = new OutputBudget({ maxArtifacts: 2, maxArtifactBytes: 4, maxTotalBytes: 6 });
    budget.addContent('1234', 'a.md');
    expect(() => budget.addContent('12345', 'b.md')).toThrow(/more than the cap of 4 per artifact/);
    expect(() => budget.addContent('123', 'c.md')).toThrow(/more than the cap of 6 bytes/);
  });
});
