import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheSubdir, studioCacheRoot } from '../../src/util/cache-dir.js';

describe('cache folders', () => {
  it('root: STUDIO_CACHE_DIR, else XDG_CACHE_HOME/studio, else ~/.cache/studio', () => {
    expect(studioCacheRoot({ STUDIO_CACHE_DIR: '/c' })).toBe('/c');
    expect(studioCacheRoot({ XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'studio'));
    expect(studioCacheRoot({})).toMatch(/\.cache[\\/]studio$/);
  });
  it('subfolders: null turns caching off, undefined uses the default root', () => {
    expect(cacheSubdir(null, 'templates')).toBeNull();
    expect(cacheSubdir('/r', 'validation')).toBe(join('/r', 'validation'));
    expect(cacheSubdir(undefined, 'templates')).toBe(join(studioCacheRoot(), 'templates'));
  });
});
