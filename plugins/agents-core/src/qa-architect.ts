// studio:qa-architect — test_plan.md's view-model: one traceable test case per acceptance criterion,
// levels chosen by the test dial's mix, a feature × level matrix, and entry/exit criteria.
import type { AgentContext, AgentDefinition, TestDial, ReadonlySpec as Spec } from '@studio/sdk';
import { audienceProfile } from './audience.js';
import { assignLevels, LEVELS, TARGET_MIX } from './qa-levels.js';
import { priorityLabel, scoreRisk } from './spec-helpers.js';
import type { LevelMix, QaView, TestCase, TestLevel } from './types.js';

const LEVEL_LABEL: Record<TestLevel, string> = {
  unit: 'Unit',
  integration: 'Integration',
  e2e: 'End-to-end',
};

const SCOPE: Record<TestDial, Record<TestLevel, string>> = {
  Pyramid: {
    unit: 'Rules and calculations in isolation; fast, run on every change. The bulk of the suite.',
    integration: 'One component with its real neighbours (database, gateway) behind its own interface.',
    e2e: 'A few critical journeys through the deployed product.',
  },
  Trophy: {
    unit: 'Only for logic too intricate to cover through an integration test.',
    integration: 'The product wired together with realistic data; the widest layer of the trophy.',
    e2e: 'The main journeys as a user performs them.',
  },
  Diamond: {
    unit: 'Kept to genuinely algorithmic code.',
    integration: 'Service and API tests at component boundaries; almost all criteria are proved here.',
    e2e: 'A thin smoke layer over the deployed product.',
  },
};

const STRATEGY: Record<TestDial, string> = {
  Pyramid:
    'Pyramid: most acceptance criteria are proved by fast unit tests, fewer by integration tests, and only a handful end to end. Failures point at one rule, and the suite stays fast enough to run on every change.',
  Trophy:
    'Trophy: static checks catch typos and type errors for free, and integration tests carry most of the weight because they test the product the way it is used while staying fast. Unit and end-to-end tests fill the gaps.',
  Diamond:
    'Diamond: the weight sits in integration and service tests at component boundaries, where this product is most likely to break; unit and end-to-end tests are kept few and focused.',
};

function staticChecks(spec: Spec, dial: TestDial): string[] {
  const languages = spec.stack.languages.length > 0 ? ` (${spec.stack.languages.join(', ')})` : '';
  const checks = [`Type checking${languages}`, 'Linting', 'Formatting'];
  // The trophy names static analysis as its own layer; the other shapes still run it, just not as a layer.
  return dial === 'Trophy' ? [...checks, 'Dependency and secret scanning'] : checks;
}

/** "TC-" + the criterion id; if two criteria share an id the later one gets a counter, never a clash. */
function caseIds(acIds: readonly string[]): string[] {
  const used = new Set<string>();
  return acIds.map((ac) => {
    let id = `TC-${ac}`;
    for (let n = 2; used.has(id); n += 1) id = `TC-${ac}-${n}`;
    used.add(id);
    return id;
  });
}

function reason(keywords: readonly string[], rebalanced: boolean, dial: TestDial): string {
  if (keywords.length > 0) return `Mentions ${keywords.join(', ')}`;
  return rebalanced ? `Moved to keep the ${dial} mix` : `No strong signal; follows the ${dial} mix`;
}

function criteria(spec: Spec): { entry: string[]; exit: string[] } {
  const entry = ['Acceptance criteria reviewed and agreed; each has the test case id listed here'];
  if (spec.ops.environments.length > 0) entry.push(`Test environment available: ${spec.ops.environments[0]}`);
  if (spec.open_questions.length > 0)
    entry.push(`Open questions answered or accepted as risks (${spec.open_questions.length} open)`);
  const exit = [
    'Every test case passes; no must-have feature has a failing or skipped case',
    'No open defect of high severity',
    'Actual level mix within 10 points of the target on every level, or the gap explained',
  ];
  for (const slo of spec.ops.slos)
    exit.push(`${slo.name}: ${slo.objective} over ${slo.window} met in a pre-production run`);
  for (const r of spec.risks)
    if (scoreRisk(r.likelihood, r.impact).severity === 'High')
      exit.push(`Mitigation for ${r.id} demonstrated: ${r.mitigation}`);
  return { entry, exit };
}

export function architectTests(spec: Spec): QaView {
  const dial = spec.dials.test;
  const criteriaList = spec.features.flatMap((f) => f.acceptance.map((ac) => ({ f, ac })));
  const choices = assignLevels(
    dial,
    criteriaList.map(({ ac }) => ac.text),
  );
  const ids = caseIds(criteriaList.map(({ ac }) => ac.id));
  const cases: TestCase[] = criteriaList.map(({ f, ac }, i) => {
    const choice = choices[i]!;
    return {
      id: ids[i]!,
      ac_id: ac.id,
      feature_id: f.id,
      feature_name: f.name,
      priority_label: priorityLabel(f.priority),
      criterion: ac.text,
      level: choice.level,
      level_label: LEVEL_LABEL[choice.level],
      reason: reason(choice.keywords, choice.rebalanced, dial),
    };
  });
  const count = (level: TestLevel, featureId?: string) =>
    cases.filter((c) => c.level === level && (featureId === undefined || c.feature_id === featureId)).length;
  const levels: LevelMix[] = LEVELS.map((id) => ({
    id,
    label: LEVEL_LABEL[id],
    scope: SCOPE[dial][id],
    target_pct: TARGET_MIX[dial][id],
    actual_count: count(id),
    actual_pct: cases.length === 0 ? 0 : Math.round((count(id) * 100) / cases.length),
  }));
  const { entry, exit } = criteria(spec);
  return {
    dial,
    strategy: STRATEGY[dial],
    sections: audienceProfile(spec.dials.audience).qa_sections,
    levels,
    static_checks: staticChecks(spec, dial),
    cases,
    matrix: {
      rows: spec.features.map((f) => ({
        feature_id: f.id,
        feature_name: f.name,
        counts: LEVELS.map((l) => count(l, f.id)),
        total: f.acceptance.length,
      })),
      totals: LEVELS.map((l) => count(l)),
      total: cases.length,
    },
    environments: [...spec.ops.environments],
    entry_criteria: entry,
    exit_criteria: exit,
  };
}

const agent = {
  id: 'studio:qa-architect',
  produces: 'qa',
  description:
    'Test plan: one traceable test case per acceptance criterion, levels by the test dial, feature × level matrix.',
  run: (ctx: AgentContext): QaView => architectTests(ctx.spec),
} satisfies AgentDefinition<QaView>;

export default agent;
