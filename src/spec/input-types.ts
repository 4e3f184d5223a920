// The shapes of an Idea Card and a Decision Sheet once they have passed their schemas
// (schemas/idea_card.schema.json, schemas/decision_sheet.schema.json). Optional lists may be null.
import type {
  DataClass,
  FieldType,
  Level,
  ParticipantKind,
  Priority,
  StrideCategory,
  TestLevel,
} from '@studio/sdk';

type Maybe<T> = T | null | undefined;
type Text = Maybe<string>;
type TextList = Maybe<string[]>;

export interface IdeaInput {
  title: string;
  one_liner: Text;
  problem: Text;
  audience: Maybe<{ name: string; needs?: TextList }[]>;
  goals: TextList;
  non_goals?: TextList;
  features: Maybe<
    {
      id?: string;
      name: string;
      description?: Text;
      priority: Priority;
      acceptance?: Maybe<(string | { id?: string; text: string; level?: TestLevel | null })[]>;
      flow?: Maybe<{ from: string; to: string; message: string; reply?: Text; on_failure?: Text }[]>;
    }[]
  >;
  metrics?: Maybe<{ name: string; target: string | number; window?: Maybe<string | number> }[]>;
  constraints?: TextList;
  assumptions?: TextList;
  risks?: Maybe<{ id?: string; description: string; likelihood: Level; impact: Level; mitigation?: Text }[]>;
}

export interface DecisionsInput {
  dials?: { audience?: string; flow?: string; test?: string };
  locale?: string;
  decisions?: Maybe<
    {
      id?: string;
      title: string;
      status: 'proposed' | 'accepted' | 'superseded';
      context: string;
      choice: string;
      alternatives?: TextList;
      consequences?: TextList;
      date?: Text;
      deciders?: TextList;
      drivers?: TextList;
      pros?: TextList;
      cons?: TextList;
    }[]
  >;
  participants?: Maybe<
    {
      name: string;
      kind: ParticipantKind;
      zone?: Text;
      language?: Text;
      framework?: Text;
      description?: Text;
    }[]
  >;
  stack?: Maybe<{
    languages?: TextList;
    frameworks?: TextList;
    datastores?: TextList;
    hosting?: Text;
    hosting_model?: 'cloud' | 'on-prem' | 'hybrid' | null;
    regions?: TextList;
    deploy_target?: Text;
  }>;
  entities?: Maybe<
    {
      name: string;
      description?: Text;
      fields: {
        name: string;
        type: FieldType;
        required?: boolean;
        values?: string[];
        pii?: boolean;
        classification?: DataClass;
        pattern?: string | null;
        minimum?: number | null;
        maximum?: number | null;
        max_length?: number | null;
        example?: string | number | boolean | null;
        references?: Text;
      }[];
      transitions?: Maybe<{ from: string; to: string; event: string }[]>;
    }[]
  >;
  ops?: Maybe<{
    ci?: Maybe<{ provider: string; runtime: string; steps?: TextList }>;
    environments?: TextList;
    slos?: Maybe<
      {
        id?: string;
        name: string;
        sli: string;
        objective: string | number;
        window: string;
        good_events?: Text;
        valid_events?: Text;
        measured_at?: Text;
        features?: Maybe<string[]>;
      }[]
    >;
    observability?: Maybe<{
      logs?: Text;
      metrics?: Maybe<
        (string | { name: string; type: 'counter' | 'gauge' | 'histogram'; description?: Text })[]
      >;
      traces?: boolean;
    }>;
  }>;
  security?: Maybe<{
    data_classification?: Text;
    threats_in_scope?: Maybe<
      (string | { name: string; categories: StrideCategory[]; target?: Text; mitigation?: Text })[]
    >;
  }>;
  milestones?: Maybe<
    {
      id?: string;
      name: string;
      goal: string;
      duration_weeks?: Maybe<number>;
      deliverables?: Maybe<string[]>;
    }[]
  >;
}
