// The specs every template is rendered with: the smallest valid spec (only the Idea Card's required
// fields; Framer-lite fills the rest with placeholders) and the two bundled examples.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import type { SourceSpec } from '@studio/sdk';
import { buildSpec } from '../spec/build-spec.js';
import { generatorName } from '../spec/generator.js';
import { sha256Hex } from '../util/hash.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The specs as the build computed them, beside the compiled module (dist/gates/): see harnessSpecs. */
const PRECOMPUTED = fileURLToPath(new URL('../gates/harness-specs.json', import.meta.url));

/** Part of the precomputed file's key: change it whenever what the specs are built from changes in a
 *  way the key does not see (another example, other options). */
const REVISION = '1';

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

const EXAMPLE_NAMES = ['clinic-queue', 'ledgerly'];
const EXAMPLE_FILES = ['idea.yaml', 'decisions.yaml'];

let cached: HarnessSpec[] | undefined;

type Texts = Record<string, string>;

function exampleTexts(): Texts {
  const texts: Texts = {};
  for (const name of EXAMPLE_NAMES) {
    for (const file of EXAMPLE_FILES)
      texts[`${name}/${file}`] = readFileSync(`${EXAMPLES}${name}/${file}`, 'utf8');
  }
  return texts;
}

/** Everything the specs are built from but the engine's code, which the build that writes the file
 *  compiled: the example texts, the smallest card and the version the specs name as their generator. */
function keyOf(texts: Texts): string {
  return sha256Hex(JSON.stringify([REVISION, generatorName(), SMALLEST_IDEA, texts]));
}

function build(texts: Texts): HarnessSpec[] {
  const example = (name: string): HarnessSpec => {
    const read = (f: string): unknown => parse(texts[`${name}/${f}`]!);
    return {
      label: `examples/${name}`,
      spec: buildSpec({ idea: read('idea.yaml'), decisions: read('decisions.yaml') }).spec,
    };
  };
  return [
    { label: 'the smallest valid spec', spec: buildSpec({ idea: SMALLEST_IDEA, decisions: {} }).spec },
    ...EXAMPLE_NAMES.map(example),
  ];
}

function precomputed(path: string, key: string): HarnessSpec[] | undefined {
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as { key?: unknown; specs?: unknown };
    return file.key === key && Array.isArray(file.specs) ? (file.specs as HarnessSpec[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Smallest spec first, then the examples in name order. Built once per process; parsing the two
 * examples' YAML and building three specs is ~0.1–0.3 s of every `pack verify` and gated install
 * (code that runs once per process never gets fast), so the build writes them beside this module
 * (writeHarnessSpecs) and they are used while their key still matches the files on disk.
 */
export function harnessSpecs(): HarnessSpec[] {
  cached ??= loadHarnessSpecs(PRECOMPUTED);
  return cached;
}

/** The specs from the precomputed `file` when its key matches the files on disk, else built. */
export function loadHarnessSpecs(file: string): HarnessSpec[] {
  const texts = exampleTexts();
  return precomputed(file, keyOf(texts)) ?? build(texts);
}

/** Write the precomputed specs, by default beside the compiled module (scripts/build.mjs, after tsc). */
export function writeHarnessSpecs(file = PRECOMPUTED): void {
  const texts = exampleTexts();
  const specs = build(texts);
  // Only what JSON carries exactly: a spec JSON would change is built at run time instead.
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(specs)), specs)) {
    throw new Error('harness specs do not survive JSON; review writeHarnessSpecs');
  }
  writeFileSync(file, `${JSON.stringify({ key: keyOf(texts), specs })}\n`);
}
