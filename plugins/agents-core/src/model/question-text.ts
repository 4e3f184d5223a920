// The model's open questions as messages (catalog ids `question.*`). Each says what the documents
// assume until the team answers, so nothing is silently guessed. `about` is an id or a name (data).
import { type ModelQuestion, msg } from '@studio/sdk';

type Q = Omit<ModelQuestion, 'id'>;

export const QUESTION = {
  placeholder: (pointer: string, question: string, placeholder: string): Q => ({
    about: pointer,
    question: msg('common.verbatim', { text: question }),
    meanwhile: msg('question.placeholder.meanwhile', { placeholder }),
  }),
  undeclaredParticipant: (name: string, features: readonly string[]): Q => ({
    about: name,
    question: msg('question.undeclared_participant', { name }),
    meanwhile: msg('question.undeclared_participant.meanwhile', { features: features.join(', ') }),
  }),
  noFlow: (features: readonly string[]): Q => ({
    about: features.join(', '),
    question: msg('question.no_flow', { features: features.join(', '), count: features.length }),
    meanwhile: msg('question.no_flow.meanwhile'),
  }),
  hosting: (hosting: string | null): Q => ({
    about: 'stack.hosting_model',
    question: hosting ? msg('question.hosting.named', { hosting }) : msg('question.hosting'),
    meanwhile: msg('question.hosting.meanwhile'),
  }),
  language: (name: string, languages: readonly string[]): Q => ({
    about: name,
    question: msg('question.language', { name, languages: languages.join(', ') }),
    meanwhile: msg('question.language.meanwhile'),
  }),
  sliSpec: (id: string, name: string): Q => ({
    about: id,
    question: msg('question.sli_spec', { id, name }),
    meanwhile: msg('question.sli_spec.meanwhile'),
  }),
  sliWhere: (id: string, name: string): Q => ({
    about: id,
    question: msg('question.sli_where', { id, name }),
    meanwhile: msg('question.sli_where.meanwhile'),
  }),
  metricTypes: (names: readonly string[]): Q => ({
    about: 'ops.observability.metrics',
    question: msg('question.metric_types', { names: names.join(', ') }),
    meanwhile: msg('question.metric_types.meanwhile'),
  }),
  scopedThreat: (name: string): Q => ({
    about: name,
    question: msg('question.scoped_threat', { name }),
    meanwhile: msg('question.scoped_threat.meanwhile'),
  }),
  lifecycle: (entities: readonly string[]): Q => ({
    about: entities.join(', '),
    question: msg('question.lifecycle', { entities: entities.join(', ') }),
    meanwhile: msg('question.lifecycle.meanwhile'),
  }),
  proposed: (id: string, title: string): Q => ({
    about: id,
    question: msg('question.proposed', { id, title }),
    meanwhile: msg('question.proposed.meanwhile'),
  }),
  unscheduled: (id: string, name: string): Q => ({
    about: id,
    question: msg('question.unscheduled', { id, name }),
    meanwhile: msg('question.unscheduled.meanwhile'),
  }),
};
