// The audience dial (DESIGN §3) decides depth and emphasis. Every such decision lives here, as data,
// so the templates only follow the order they are given.
import { type AudienceDial, type Message, msg } from '@studio/sdk';
import type { BriefSection, PrdSection, QaSection, RoadmapSection } from './types.js';

/** How one audience reads the Balanced pack. */
export interface AudienceProfile {
  /** One sentence for the reader (no user text). */
  emphasis: Message;
  brief_sections: BriefSection[];
  prd_sections: PrdSection[];
  /** Whether features carry their description and flow in the PRD. */
  feature_detail: boolean;
  /** Whether audience segments list their needs. */
  audience_detail: boolean;
  qa_sections: QaSection[];
  roadmap_sections: RoadmapSection[];
}

const PROFILES: Record<AudienceDial, AudienceProfile> = {
  Balanced: {
    emphasis: msg('audience.emphasis.balanced'),
    brief_sections: ['problem', 'solution', 'scope', 'milestones', 'risks', 'metrics', 'decisions'],
    prd_sections: [
      'overview',
      'audience',
      'goals',
      'features',
      'constraints',
      'assumptions',
      'risks',
      'milestones',
      'open_questions',
    ],
    feature_detail: true,
    audience_detail: true,
    qa_sections: ['strategy', 'cases', 'nonfunctional', 'matrix', 'mix', 'excluded', 'criteria'],
    roadmap_sections: ['plan', 'timeline', 'unscheduled'],
  },
  // Outcomes and metrics lead; detail that does not change a decision is left to the engineering docs.
  Executive: {
    emphasis: msg('audience.emphasis.executive'),
    brief_sections: ['ask', 'problem', 'metrics', 'milestones', 'cost', 'risks', 'decisions'],
    prd_sections: ['overview', 'goals', 'milestones', 'risks', 'features', 'constraints', 'open_questions'],
    feature_detail: false,
    audience_detail: false,
    qa_sections: ['strategy', 'mix', 'criteria', 'matrix', 'cases', 'nonfunctional', 'excluded'],
    roadmap_sections: ['timeline', 'plan', 'unscheduled'],
  },
  // Interfaces, data and operations lead: what the builders need before the product narrative.
  Engineering: {
    emphasis: msg('audience.emphasis.engineering'),
    brief_sections: ['problem', 'solution', 'interfaces', 'scope', 'milestones', 'risks', 'decisions'],
    prd_sections: [
      'overview',
      'interfaces',
      'data',
      'operations',
      'features',
      'constraints',
      'assumptions',
      'risks',
      'milestones',
      'goals',
      'audience',
      'open_questions',
    ],
    feature_detail: true,
    audience_detail: true,
    qa_sections: ['strategy', 'criteria', 'cases', 'nonfunctional', 'matrix', 'mix', 'excluded'],
    roadmap_sections: ['plan', 'timeline', 'unscheduled'],
  },
};

export function audienceProfile(dial: AudienceDial): AudienceProfile {
  // An unknown dial value cannot pass the spec schema; fall back rather than crash a render.
  return PROFILES[dial] ?? PROFILES.Balanced;
}
