import { describe, expect, it } from 'vitest';
import { harnessSpecs } from '../../../src/gates/harness-specs.js';
import { agentContext, frozenSpec } from '../../../src/pipeline/stages/run-agents.js';

const isDeepFrozen = (value: unknown): boolean =>
  value === null ||
  typeof value !== 'object' ||
  (Object.isFrozen(value) && Object.values(value).every((v) => isDeepFrozen(v)));

describe('agent contexts', () => {
  it('frozenSpec is a deep-frozen copy; the caller keeps a spec it can change', () => {
    const spec = structuredClone(harnessSpecs()[1]!.spec);
    const frozen = frozenSpec(spec);
    expect(frozen).toEqual(spec);
    expect(frozen).not.toBe(spec);
    expect(isDeepFrozen(frozen)).toBe(true);
    expect(Object.isFrozen(spec)).toBe(false);
    expect(() => {
      (frozen.features[0] as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    spec.features[0]!.name = 'the caller may';
    expect(frozen.features[0]!.name).not.toBe('the caller may');
  });

  it('agents of one run share one frozen spec; a context without one gets its own copy', () => {
    const spec = structuredClone(harnessSpecs()[1]!.spec);
    const shared = frozenSpec(spec);
    const a = agentContext(spec, { model: { x: 1 } }, shared);
    const b = agentContext(spec, {}, shared);
    expect(a.spec).toBe(shared);
    expect(b.spec).toBe(shared);
    expect(a.locale).toBe(spec.meta.locale);
    expect(Object.isFrozen(a.inputs)).toBe(true);
    const own = agentContext(spec);
    expect(own.spec).not.toBe(shared);
    expect(own.spec).toEqual(spec);
    expect(isDeepFrozen(own.spec)).toBe(true);
  });
});
