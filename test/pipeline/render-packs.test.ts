import { describe, expect, it } from 'vitest';
import { harnessSpecs } from '../../src/gates/harness-specs.js';
import { renderEach, renderPacks } from '../../src/pipeline/render-packs.js';
import type { Plan } from '../../src/pipeline/plan.js';
import { findingsOfEach } from '../../src/pipeline/stages/validate-outputs.js';
import { buildCatalog } from '../../src/plugins/discovery.js';
import { firstPartyPlugins } from '../gates/first-party.js';

const catalog = () => buildCatalog(firstPartyPlugins());
const noPacks = { packs: [] } as unknown as Plan;

describe('renderEach', () => {
  it('gives each run what renderPacks gives it alone, and a failed run its error', async () => {
    // The run's shared cache (test/global-setup.ts) holds the example's validated outputs already.
    const [smallest, example] = harnessSpecs().map((s) => s.spec);
    const runs = [
      { packIds: ['balanced'], spec: smallest! },
      { packIds: ['no-such-pack'], spec: smallest! },
      { packIds: ['balanced'], spec: example! },
    ];
    const each = await renderEach({ catalog: catalog(), runs });
    expect(each).toHaveLength(3);
    expect(each[1]).toHaveProperty('error');
    await expect(renderPacks({ catalog: catalog(), ...runs[1]! })).rejects.toThrow();
    for (const i of [0, 2]) {
      const alone = await renderPacks({ catalog: catalog(), ...runs[i]! });
      expect(each[i]).toEqual(alone);
      expect(alone.artifacts.length).toBeGreaterThan(0);
    }
    const unvalidated = await renderEach({
      catalog: catalog(),
      runs: [runs[0]!],

      validate: false,
    });
    expect(unvalidated[0]).toEqual({
      artifacts: (each[0] as { artifacts: unknown }).artifacts,
      findings: [],
    });
  });
});

describe('findingsOfEach', () => {
  it("reports each render's findings under its own paths, though the renders share them", async () => {
    const file = (content: string) => ({ path: 'data/out.json', format: 'json', content }) as const;
    const [spec] = harnessSpecs().map((s) => s.spec);
    const inputs = [
      { plan: noPacks, spec: spec!, artifacts: [file('{"ok": true}\n')] },
      { plan: noPacks, spec: spec!, artifacts: [file('{"ok": tru}\n')] },
      { plan: noPacks, spec: spec!, artifacts: [file('[1]\n')] },
    ] as unknown as Parameters<typeof findingsOfEach>[0];
    const found = await findingsOfEach(inputs, null);
    expect(found.map((f) => f.length)).toEqual([0, 1, 0]);
    expect(found[1]![0]).toMatchObject({ path: 'data/out.json', rule: 'json-parse' });
    expect(await findingsOfEach([inputs[1]!], null)).toEqual([found[1]]);
  });
});
