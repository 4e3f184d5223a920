// The specs every template is rendered with: the smallest valid spec (only the Idea Card's required
// fields; Framer-lite fills the rest with placeholders) and the two bundled examples.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { SourceSpec } from '@studio/sdk';
import { buildSpec } from '../spec/build-spec.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** A spec the harness renders with, and how findings name it. */
export interface HarnessSpec {
  label: string;
  spec: SourceSpec;
}

/** The smallest Idea Card the schema accepts. */
export const SMALLEST_IDEA = {
  title: 'Minimal',
  one_liner: 'Smallest valid idea.',
  problem: 'None yet.',
  audience: [],
  goals: [],
  features: [],
};

let cached: HarnessSpec[] | undefined;

function example(name: string): HarnessSpec {
  const read = (f: string): unknown => parse(readFileSync(`${EXAMPLES}${name}/${f}`, 'utf8'));
  return {
    label: `examples/${name}`,
    spec: buildSpec({ idea: read('idea.yaml'), decisions: read('decisions.yaml') }).spec,
  };
}

/** Smallest spec first, then the examples in name order. Built once per process. */
export function harnessSpecs(): HarnessSpec[] {
  cached ??= [
    { label: 'the smallest valid spec', spec: buildSpec({ idea: SMALLEST_IDEA, decisions: {} }).spec },
    example('clinic-queue'),
    example('ledgerly'),
  ];
  return cached;
}
