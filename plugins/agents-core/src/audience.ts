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

/** One value per audience. */
type PerAudience<T> = Readonly<Record<AudienceDial, T>>;

// Each decision is one table with a row per audience. Executive: outcomes and metrics lead; detail
// that does not change a decision is left to the engineering docs. Engineering: interfaces, data and
// operations lead, what the builders need before the product narrative.
const EMPHASIS: PerAudience<Message> = {
  Balanced: msg('audience.emphasis.balanced'),
  Executive: msg('audience.emphasis.executive'),
  Engineering: msg('audience.emphasis.engineering'),
};

const FEATURE_DETAIL: PerAudience<boolean> = { Balanced: true, Executive: false, Engineering: true };
const AUDIENCE_DETAIL: PerAudience<boolean> = { Balanced: true, Executive: false, Engineering: true };

// The section order of each document.
const SECTIONS: {
  [D in 'brief_sections' | 'prd_sections' | 'qa_sections' | 'roadmap_sections']: PerAudience<
    AudienceProfile[D]
  >;
} = {
  brief_sections: {
    Balanced: ['problem', 'solution', 'scope', 'milestones', 'risks', 'metrics', 'decisions'],
    Executive: ['ask', 'problem', 'metrics', 'milestones', 'cost', 'risks', 'decisions'],
    Engineering: ['problem', 'solution', 'interfaces', 'scope', 'milestones', 'risks', 'decisions'],
  },
  prd_sections: {
    Balanced: [
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
    Executive: ['overview', 'goals', 'milestones', 'risks', 'features', 'constraints', 'open_questions'],
    Engineering: [
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
  },
  roadmap_sections: {
    Balanced: ['plan', 'timeline', 'unscheduled'],
    Executive: ['timeline', 'plan', 'unscheduled'],
    Engineering: ['plan', 'timeline', 'unscheduled'],
  },
  qa_sections: {
    Balanced: ['strategy', 'cases', 'nonfunctional', 'matrix', 'mix', 'excluded', 'criteria'],
    Executive: ['strategy', 'mix', 'criteria', 'matrix', 'cases', 'nonfunctional', 'excluded'],
    Engineering: ['strategy', 'criteria', 'cases', 'nonfunctional', 'matrix', 'mix', 'excluded'],
  },
};

function profile(a: AudienceDial): AudienceProfile {
  return {
    emphasis: EMPHASIS[a],
    brief_sections: SECTIONS.brief_sections[a],
    prd_sections: SECTIONS.prd_sections[a],
    feature_detail: FEATURE_DETAIL[a],
    audience_detail: AUDIENCE_DETAIL[a],
    qa_sections: SECTIONS.qa_sections[a],
    roadmap_sections: SECTIONS.roadmap_sections[a],
  };
}

const PROFILES: PerAudience<AudienceProfile> = {
  Balanced: profile('Balanced'),
  Executive: profile('Executive'),
  Engineering: profile('Engineering'),
};

export function audienceProfile(dial: AudienceDial): AudienceProfile {
  // An unknown dial value cannot pass the spec schema; fall back rather than crash a render.
  return PROFILES[dial] ?? PROFILES.Balanced;
}
