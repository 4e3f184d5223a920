// The shapes of an Idea Card and a Decision Sheet once they have passed their schemas
// (schemas/idea_card.schema.json, schemas/decision_sheet.schema.json). Optional lists may be null.
import type { FieldType, Level, Priority } from '@studio/sdk';

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
      acceptance?: Maybe<(string | { id?: string; text: string })[]>;
      flow?: Maybe<{ from: string; to: string; message: string }[]>;
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
    }[]
  >;
  stack?: Maybe<{ languages?: TextList; frameworks?: TextList; datastores?: TextList; hosting?: Text }>;
  entities?: Maybe<
    {
      name: string;
      description?: Text;
      fields: { name: string; type: FieldType; required?: boolean; values?: string[]; pii?: boolean }[];
    }[]
  >;
  ops?: Maybe<{
    ci?: Maybe<{ provider: string; runtime: string; steps?: TextList }>;
    environments?: TextList;
    slos?: Maybe<{ id?: string; name: string; sli: string; objective: string | number; window: string }[]>;
    observability?: Maybe<{ logs?: Text; metrics?: TextList; traces?: boolean }>;
  }>;
  security?: Maybe<{ data_classification?: Text; threats_in_scope?: TextList }>;
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
