// The words of the model's open questions, in one place (a locale catalog can take them over). Each
// says what the documents assume until the team answers, so nothing is silently guessed.
import type { ModelQuestion } from '@studio/sdk';

type Q = Omit<ModelQuestion, 'id'>;

export const QUESTION = {
  placeholder: (pointer: string, question: string, placeholder: string): Q => ({
    about: pointer,
    question,
    meanwhile: `The documents show the placeholder "${placeholder}".`,
  }),
  undeclaredParticipant: (name: string, features: readonly string[]): Q => ({
    about: name,
    question: `What is "${name}" (person, internal service, external system or data store), and in which trust zone does it sit?`,
    meanwhile: `It appears in the flows of ${features.join(', ')} but is not declared in participants; it gets no STRIDE rows, no runbook and no CI job until it is.`,
  }),
  noFlow: (features: readonly string[]): Q => ({
    about: features.join(', '),
    question: `Who and what takes part in ${features.join(', ')}? ${features.length === 1 ? 'Add a flow to it.' : 'Add a flow to each.'}`,
    meanwhile:
      'Their test cases have no steps beyond the criterion, they get no accessibility checks and no data-flow threats.',
  }),
  hosting: (hosting: string | null): Q => ({
    about: 'stack.hosting_model',
    question: `Does the product run in a public cloud, on premises, or both${hosting ? ` ("${hosting}")` : ''}?`,
    meanwhile:
      'Runbooks give advice that holds for both, and CI deploys through a protected environment only.',
  }),
  language: (name: string, languages: readonly string[]): Q => ({
    about: name,
    question: `Which language is ${name} written in (${languages.join(', ')})?`,
    meanwhile: 'CI builds it in no job until it is declared.',
  }),
  sliSpec: (id: string, name: string): Q => ({
    about: id,
    question: `Which events count as good and which as valid for ${id} (${name})?`,
    meanwhile: 'The SLO document states the SLI in words only; its error budget in events cannot be counted.',
  }),
  sliWhere: (id: string, name: string): Q => ({
    about: id,
    question: `Where is ${id} (${name}) measured: load balancer, service, client, or a synthetic probe?`,
    meanwhile: 'The SLI implementation is left open.',
  }),
  metricTypes: (names: readonly string[]): Q => ({
    about: 'ops.observability.metrics',
    question: `Which instrument type (counter, gauge, histogram) is each of ${names.join(', ')}?`,
    meanwhile: 'The observability plan lists them as "type not declared" and gives no query for them.',
  }),
  scopedThreat: (name: string): Q => ({
    about: name,
    question: `Which STRIDE categories does "${name}" fall under, and which participant or entity does it target?`,
    meanwhile: 'It is listed unrated by category, with an abuse-case test to write.',
  }),
  lifecycle: (entities: readonly string[]): Q => ({
    about: entities.join(', '),
    question: `Which of ${entities.join(', ')} has a lifecycle? Declare its transitions (from, to, event).`,
    meanwhile: 'The lifecycle diagram shows the feature lifecycle instead.',
  }),
  proposed: (id: string, title: string): Q => ({
    about: id,
    question: `Accept or reject ${id} (${title})?`,
    meanwhile: 'It is proposed: work that depends on it is at risk.',
  }),
  unscheduled: (id: string, name: string): Q => ({
    about: id,
    question: `Which milestone delivers ${id} (${name})?`,
    meanwhile: 'It is on no milestone of the roadmap.',
  }),
};
