import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDefaults, loadStudioConfig } from '../../src/inputs/config.js';
import { parseDials } from '../../src/spec/build-spec.js';
import { tempDir } from '../e2e/cli.js';

function project(files: Record<string, string>): string {
  const root = tempDir('studio-config-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe('studio config', () => {
  it('no config: empty, and cosmiconfig is not needed', async () => {
    const root = project({ 'package.json': '{"name":"x"}' });
    expect(await loadStudioConfig(root)).toEqual({ file: null, data: {} });
  });

  it('a plugin package.json#studio (packs/agents) is not a config', async () => {
    const root = project({ 'package.json': '{"name":"x","studio":{"packs":{"p":"pack.json"}}}' });
    expect((await loadStudioConfig(root)).file).toBeNull();
  });

  it('.studiorc (YAML) found from a subfolder, up to the project root', async () => {
    const root = project({
      'package.json': '{"name":"x"}',
      '.studiorc': 'pack: deep\nout: plan\ndials: {flow: scrum}\nlocale: en-GB\n',
      'sub/dir/.keep': '',
    });
    const config = await loadStudioConfig(join(root, 'sub/dir'));
    expect(config.file).toBe(join(root, '.studiorc'));
    expect(generateDefaults(config, parseDials)).toEqual({
      pack: ['deep'],
      out: 'plan',
      dials: { flow: 'Scrum' },
      locale: 'en-GB',
    });
  });

  it('package.json#studio with config keys is read', async () => {
    const root = project({
      'package.json': '{"name":"x","studio":{"pack":["balanced","deep"],"dials":"test=Trophy"}}',
    });
    const d = generateDefaults(await loadStudioConfig(root), parseDials);
    expect(d).toEqual({ pack: ['balanced', 'deep'], dials: { test: 'Trophy' } });
  });

  it('unknown keys and bad values are CONFIG_INVALID (exit 2) naming the file and key', async () => {
    const root = project({ 'package.json': '{"name":"x"}', 'studio.config.json': '{"packs_typo": 1}' });
    await expect(loadStudioConfig(root)).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      pointer: '/packs_typo',
    });
    const bad = project({ 'package.json': '{"name":"x"}', '.studiorc.json': '{"pack": 3}' });
    expect(() =>
      generateDefaults({ file: join(bad, '.studiorc.json'), data: { pack: 3 } }, parseDials),
    ).toThrow(/"pack"/);
    expect(() =>
      generateDefaults({ file: 'f', data: { dials: { flow: 'waterfall' } } }, parseDials),
    ).toThrow();
  });
});
