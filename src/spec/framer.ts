// Framer-lite: a spec must be complete enough to render every document, but an idea is often not.
// Each required field that is still empty gets a visible "TBD — …" placeholder, and each fill is
// recorded as an open question (listed in the brief, logged as an audit override).
//
// What is filled, in spec order (the pointer is the field that was filled):
//   /one_liner, /problem                  text placeholder
//   /audience                              one placeholder segment (no needs)
//   /goals                                 one placeholder goal
//   /features                              one placeholder "must" feature (F-1 unless taken)
//   /features/<i>/description              text placeholder
//   /features/<i>/acceptance               one placeholder criterion (<feature id>-AC-1 unless taken)
//   /metrics                               one placeholder metric (window null)
//   /risks/<i>/mitigation                  text placeholder
//   /milestones                            one milestone delivering every must-have feature (when none
//                                          is a must, every feature that is not a wont; else all)
// Nothing else is invented: optional lists (non_goals, risks, decisions, entities…) stay empty.
import type { Milestone, OpenQuestion, SourceSpec } from '@studio/sdk';
import { ID_FORMATS, IdAllocator } from './ids.js';

/** Prefix of every placeholder, so documents and reviewers can spot them. */
export const PLACEHOLDER_PREFIX = 'TBD — ';

const P = {
  one_liner: ['TBD — summarise the product in one sentence', 'What is the product, in one sentence?'],
  problem: ['TBD — state the problem this solves', 'What problem does the product solve, and for whom?'],
  audience: ['TBD — name the primary users', 'Who are the primary users, and what do they need?'],
  goals: ['TBD — state a measurable goal', 'What measurable outcome should the product achieve?'],
  feature: ['TBD — name the first feature', 'What is the first feature the product needs?'],
  featureDescription: ['TBD — describe what this feature does', 'What does feature "{name}" do?'],
  acceptance: ['TBD — state how we know this works', 'How will we know feature "{name}" works?'],
  metric: ['TBD — name a success metric', 'How will success be measured, and what is the target?'],
  metricTarget: ['TBD — set a target', ''],
  mitigation: ['TBD — describe how to reduce this risk', 'How will the risk "{name}" be reduced?'],
  milestone: ['TBD — name the first milestone', 'What does the first milestone deliver, and when?'],
  milestoneGoal: ['TBD — state what the first milestone achieves', ''],
} as const;

function ask(template: string, name: string): string {
  return template.replace('{name}', name);
}

/** Fill every required-but-empty field of `spec` in place; return the open questions, in spec order. */
export function frameSpec(spec: SourceSpec): OpenQuestion[] {
  const questions: OpenQuestion[] = [];
  const fill = (pointer: string, [placeholder, question]: readonly [string, string], name = ''): string => {
    questions.push({ pointer, question: ask(question, name), placeholder });
    return placeholder;
  };

  if (spec.one_liner === '') spec.one_liner = fill('/one_liner', P.one_liner);
  if (spec.problem === '') spec.problem = fill('/problem', P.problem);
  if (spec.audience.length === 0) spec.audience = [{ name: fill('/audience', P.audience), needs: [] }];
  if (spec.goals.length === 0) spec.goals = [fill('/goals', P.goals)];

  if (spec.features.length === 0) {
    const id = ID_FORMATS.feature(1);
    spec.features = [
      {
        id,
        name: fill('/features', P.feature),
        description: P.featureDescription[0],
        priority: 'must',
        acceptance: [{ id: ID_FORMATS.acceptance(id)(1), text: P.acceptance[0], level: null }],
        flow: [],
      },
    ];
  } else {
    const usedAcceptance = new Set(spec.features.flatMap((f) => f.acceptance.map((a) => a.id)));
    spec.features.forEach((feature, i) => {
      if (feature.description === '') {
        feature.description = fill(`/features/${i}/description`, P.featureDescription, feature.name);
      }
      if (feature.acceptance.length === 0) {
        const id = new IdAllocator(usedAcceptance, ID_FORMATS.acceptance(feature.id)).next();
        feature.acceptance = [
          { id, text: fill(`/features/${i}/acceptance`, P.acceptance, feature.name), level: null },
        ];
      }
    });
  }

  if (spec.metrics.length === 0) {
    spec.metrics = [{ name: fill('/metrics', P.metric), target: P.metricTarget[0], window: null }];
  }

  spec.risks.forEach((risk, i) => {
    if (risk.mitigation === '')
      risk.mitigation = fill(`/risks/${i}/mitigation`, P.mitigation, risk.description);
  });

  if (spec.milestones.length === 0) spec.milestones = [placeholderMilestone(spec, fill)];

  spec.open_questions = [...spec.open_questions, ...questions];
  return questions;
}

function placeholderMilestone(
  spec: SourceSpec,
  fill: (pointer: string, p: readonly [string, string]) => string,
): Milestone {
  const must = spec.features.filter((f) => f.priority === 'must');
  const notWont = spec.features.filter((f) => f.priority !== 'wont');
  const delivered = must.length > 0 ? must : notWont.length > 0 ? notWont : spec.features;
  return {
    id: ID_FORMATS.milestone(1),
    name: fill('/milestones', P.milestone),
    goal: P.milestoneGoal[0],
    duration_weeks: null,
    deliverables: delivered.map((f) => f.id),
  };
}
