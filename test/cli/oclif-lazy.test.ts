import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCommandIds, debugWhenEnabled, lazyModule } from '../../src/cli/oclif-lazy.js';

describe('lazyModule', () => {
  it('loads the module the first time a property is read or tested, and only once', () => {
    let loads = 0;
    const mod = lazyModule(() => {
      loads += 1;
      return { answer: 42, run: (x: number) => x + 1 };
    });
    expect(loads).toBe(0);
    expect('answer' in mod).toBe(true);
    expect(loads).toBe(1);
    expect(mod.answer).toBe(42);
    expect(mod.run(1)).toBe(2);
    expect(loads).toBe(1);
  });

  it('reads getters of the loaded module (a TypeScript re-export) at each access', () => {
    let value = 1;
    const target = Object.defineProperty({}, 'live', { enumerable: true, get: () => value }) as {
      live: number;
    };
    const mod = lazyModule(() => target);
    expect(mod.live).toBe(1);
    value = 2;
    expect(mod.live).toBe(2);
  });
});

const sign = (n: number): number => Math.sign(n);
const english = (a: string, b: string): number => sign(a.localeCompare(b, 'en'));

describe('compareCommandIds', () => {
  it('orders ids of lowercase letters, digits and - : . _ as localeCompare does', () => {
    const id = fc.stringMatching(/^[a-z0-9:._-]{0,12}$/);
    fc.assert(
      fc.property(id, id, (a, b) => {
        expect(compareCommandIds(a, b)).toBe(english(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts real command ids (topics, hyphens, digits) as localeCompare does', () => {
    const ids = [
      'plugins:link',
      'plugins',
      'pack:new',
      'pack-x',
      'pack',
      'registry:verify',
      'a2',
      'a10',
      'a_b',
      'a.b',
    ];
    expect([...ids].sort(compareCommandIds)).toEqual([...ids].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('leaves any other id to localeCompare (capitals, accents, spaces)', () => {
    for (const [a, b] of [
      ['Plugins', 'plugins'],
      ['b', 'A'],
      ['café', 'cafe'],
      ['a b', 'a-b'],
      ['plugins', 'plugins:Install'],
    ] as const) {
      expect(compareCommandIds(a, b)).toBe(sign(a.localeCompare(b)));
      expect(compareCommandIds(b, a)).toBe(sign(b.localeCompare(a)));
    }
  });
});

describe('debugWhenEnabled', () => {
  it('makes no logger while DEBUG is unset or empty, and one, used for every later call, once it is set', () => {
    const env: NodeJS.ProcessEnv = {};
    const calls: unknown[][] = [];
    let made = 0;
    const debug = debugWhenEnabled(() => {
      made += 1;
      return (...args: unknown[]) => void calls.push(args);
    }, env);
    debug('quiet %s', 1);
    env.DEBUG = '';
    debug('still quiet');
    expect(made).toBe(0);
    env.DEBUG = 'oclif:*';
    debug('loud %s', 2);
    delete env.DEBUG;
    debug('the logger decides now');
    expect(made).toBe(1);
    expect(calls).toEqual([['loud %s', 2], ['the logger decides now']]);
  });
});
