// Shared by the spec tests: the bundled examples, read through the real reader.
import { fileURLToPath } from 'node:url';
import { readDocument } from '../../src/inputs/read-document.js';

export const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

export async function example(name: 'clinic-queue' | 'ledgerly' | 'permit-desk') {
  const idea = await readDocument(`${EXAMPLES}${name}/idea.yaml`);
  const decisions = await readDocument(`${EXAMPLES}${name}/decisions.yaml`);
  return { idea, decisions };
}

/** The smallest Idea Card the schema accepts. */
export const MINIMAL_IDEA = {
  title: 'Minimal',
  one_liner: '',
  problem: '',
  audience: [],
  goals: [],
  features: [],
};

/** Deep copy of plain data. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The sections of a 1.0-shape Source Spec in which nothing is declared (fresh objects per call, so a
 *  test may edit them). */
export function undeclaredSections() {
  return {
    decisions: [],
    stack: { languages: [], frameworks: [], datastores: [], hosting: null },
    entities: [],
    ops: { ci: null, environments: [], slos: [], observability: { logs: null, metrics: [], traces: false } },
    security: { data_classification: null, threats_in_scope: [] },
    milestones: [],
  };
}
