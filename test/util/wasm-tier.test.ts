import { describe, expect, it } from 'vitest';
import { withBaselineWasm } from '../../src/util/wasm-tier.js';

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const ADD = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x03,
  0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x20,
  0x00, 0x20, 0x01, 0x6a, 0x0b,
]);

const instantiate = async () =>
  (await WebAssembly.instantiate(ADD)).instance.exports as { add: (a: number, b: number) => number };

describe('withBaselineWasm', () => {
  it('gives what the compile gives: a module compiled inside runs, during and after, like one compiled outside', async () => {
    const inside = await withBaselineWasm(instantiate);
    const outside = await instantiate();
    for (let i = 0; i < 100_000; i += 1) expect(inside.add(i, 7)).toBe(outside.add(i, 7));
    expect(inside.add(0x7fffffff, 1)).toBe(-0x80000000);
  });

  it('passes a failed compile on, and later compiles are unaffected', async () => {
    await expect(withBaselineWasm(() => WebAssembly.compile(Uint8Array.from([0, 1, 2])))).rejects.toThrow(
      WebAssembly.CompileError,
    );
    expect((await instantiate()).add(2, 3)).toBe(5);
  });
});
