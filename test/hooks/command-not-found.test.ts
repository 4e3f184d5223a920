import { Config } from '@oclif/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { closestCommand } from '../../src/hooks/command-not-found.js';
import { ROOT, ensureBuilt } from '../e2e/cli.js';

let config: Config;
beforeAll(async () => {
  ensureBuilt();
  config = await Config.load(ROOT);
});

describe('closestCommand', () => {
  it('picks the visible command id nearest by edit distance', () => {
    expect(closestCommand('generat', config)).toBe('generate');
    expect(closestCommand('registry:serch', config)).toBe('registry:search');
    expect(closestCommand('plugins:instal', config)).toBe('plugins:install');
    expect(closestCommand('verfy', config)).toBe('verify');
  });
});
