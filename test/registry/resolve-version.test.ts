import { describe, expect, it } from 'vitest';
import { newestFirst } from '../../src/registry/resolve-version.js';

describe('newestFirst', () => {
  it('orders listed versions by semver precedence, highest first, without changing its input', () => {
    const listed = [
      { version: '1.2.0' },
      { version: '1.10.0-rc.1' },
      { version: '0.9.0' },
      { version: '1.10.0' },
    ];
    expect(newestFirst(listed).map((v) => v.version)).toEqual(['1.10.0', '1.10.0-rc.1', '1.2.0', '0.9.0']);
    expect(listed[0]!.version).toBe('1.2.0');
  });
});
