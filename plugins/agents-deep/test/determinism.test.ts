import { readdirSync, readFileSync } from 'node:fs';
import type { AgentDefinition, SourceSpec } from '@studio/sdk';
import { describe, expect, it } from 'vitest';
import a11y from '../src/a11y-reviewer.js';
import adrs from '../src/adr-writer.js';
import architect from '../src/architect.js';
import ci from '../src/ci-author.js';
import contracts from '../src/contract-writer.js';
import sre from '../src/sre.js';
import threats from '../src/threat-modeler.js';
import { exampleSpec, hostileSpec, minimalSpec, runAgent } from './fixtures.js';

const AGENTS: AgentDefinition[] = [architect, threats, a11y, sre, adrs, ci, contracts];
const SPECS: [string, () => SourceSpec][] = [
  ['clinic-queue', () => exampleSpec('clinic-queue')],
  ['ledgerly', () => exampleSpec('ledgerly')],
  ['minimal', minimalSpec],
  ['hostile', hostileSpec],
];

describe('deep agents are pure and deterministic', () => {
  it('each agent has a prefixed id, a produces key and a description, and package.json points at it', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      studio: { agents: Record<string, string> };
    };
    expect(Object.keys(pkg.studio.agents).sort()).toEqual(AGENTS.map((a) => a.id).sort());
    for (const a of AGENTS) {
      expect(a.id).toMatch(/^studio:[a-z][a-z0-9-]*$/);
      expect(a.description.length).toBeGreaterThan(10);
      const file = a.id.replace('studio:', '');
      expect(pkg.studio.agents[a.id]).toBe(`dist/${file}.js`);
    }
    expect(new Set(AGENTS.map((a) => a.produces)).size).toBe(AGENTS.length);
  });

  for (const [name, make] of SPECS) {
    it(`${name}: two runs deep-equal, and the frozen spec is left as it was`, async () => {
      for (const agent of AGENTS) {
        const spec = make();
        const before = JSON.stringify(spec);
        const first = await runAgent(agent, spec);
        const second = await runAgent(agent, spec);
        expect(second, agent.id).toEqual(first);
        expect(JSON.stringify(spec), agent.id).toBe(before);
        // View-models are plain data: they survive a JSON round trip unchanged.
        expect(JSON.parse(JSON.stringify(first)), agent.id).toEqual(first);
      }
    });
  }

  it('sources use no clock, randomness, I/O or runtime imports beyond the pure SDK helpers', () => {
    const dir = new URL('../src/', import.meta.url);
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(7);
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(text, f).not.toMatch(/\bDate\b|Math\.random|\bprocess\.[a-z]|from .node:|require\(/);
      for (const m of text.matchAll(/^(?:import|export) (?:type )?.* from '([^']+)';$/gmu)) {
        const [, source] = m;
        if (!source!.startsWith('.')) expect(source, f).toBe('@studio/sdk');
      }
    }
    // What the agents may run from the SDK is pure too: no clock, randomness, I/O or imports.
    // JSDoc type annotations (`@param {import('./types.js').Message}`) are not code: comments are left out.
    const sdk = readFileSync(new URL('../../../packages/sdk/index.js', import.meta.url), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    expect(sdk).not.toMatch(/\bDate\b|Math\.random|\bprocess\.|\bimport\b|require\(/);
  });
});
