import { describe, expect, it } from 'vitest';
import { buildCatalog, pluginsFromOclif } from '../../src/plugins/discovery.js';

const plugin = (name: string, studio: unknown, type = 'core') => ({
  name,
  version: '1.0.0',
  root: `/x/${name}`,
  type,
  pjson: { studio },
});

describe('plugin discovery', () => {
  it('reads studio sections, skips plugins without one, sorts by name', () => {
    const { plugins, warnings } = pluginsFromOclif([
      plugin('z-pack', { packs: { z: 'pack.json' } }),
      { name: '@oclif/plugin-help', version: '6', root: '/x', type: 'core', pjson: {} },
      plugin('a-agents', { agents: { 'a:one': 'one.js' } }),
    ]);
    expect(plugins.map((p) => p.name)).toEqual(['a-agents', 'z-pack']);
    expect(warnings).toEqual([]);
  });

  it('passes a string agent_bundle through and drops any other value', () => {
    const { plugins } = pluginsFromOclif([
      plugin('a', { agents: { 'a:one': 'dist/one.js' }, agent_bundle: 'dist/agents.cjs' }),
      plugin('b', { agents: { 'b:one': 'dist/one.js' }, agent_bundle: ['dist/agents.cjs'] }),
    ]);
    expect(plugins.map((p) => p.studio.agent_bundle)).toEqual(['dist/agents.cjs', undefined]);
  });

  it('a malformed studio section is a warning naming the plugin, not a crash', () => {
    const { plugins, warnings } = pluginsFromOclif([
      plugin('bad-1', 'nope'),
      plugin('bad-2', { packs: ['pack.json'] }),
      plugin('bad-3', { agents: { 'x:y': 42 } }),
      plugin('bad-4', { packs: { l: 'pack.json' }, locales: 'fr-CA' }),
      plugin('good', { packs: { g: 'pack.json' } }),
    ]);
    expect(plugins.map((p) => p.name)).toEqual(['good']);
    expect(warnings).toEqual([
      { plugin: 'bad-1', message: 'package.json "studio" must be an object; plugin ignored' },
      { plugin: 'bad-2', message: '"studio.packs" must map pack ids to manifest paths; plugin ignored' },
      { plugin: 'bad-3', message: '"studio.agents" must map agent ids to module paths; plugin ignored' },
      {
        plugin: 'bad-4',
        message: '"studio.locales" must map locale pack ids to manifest paths; plugin ignored',
      },
    ]);
  });

  it('indexes packs and agents; two plugins claiming one id: neither used, both named', () => {
    const { plugins } = pluginsFromOclif([
      plugin('vendor-a', { packs: { fintech: 'pack.json', a: 'a.json' }, agents: { 'v:x': 'x.js' } }),
      plugin('vendor-b', { packs: { fintech: 'pack.json' }, agents: { 'v:x': 'x.js', 'v:y': 'y.js' } }),
    ]);
    const catalog = buildCatalog(plugins);
    expect([...catalog.packs.keys()]).toEqual(['a']);
    expect([...catalog.agents.keys()]).toEqual(['v:y']);
    const messages = catalog.warnings.map((w) => `${w.plugin}: ${w.message}`);
    expect(messages).toContain(
      'vendor-a: pack id "fintech" is claimed by vendor-a and vendor-b; neither is used',
    );
    expect(messages).toContain(
      'vendor-b: agent id "v:x" is claimed by vendor-a and vendor-b; neither is used',
    );
  });

  it('the catalog does not depend on the order plugins were loaded in', () => {
    const list = [plugin('b', { packs: { b: 'p.json' } }), plugin('a', { packs: { a: 'p.json' } })];
    const one = buildCatalog(pluginsFromOclif(list).plugins);
    const two = buildCatalog(pluginsFromOclif([...list].reverse()).plugins);
    expect([...one.packs.keys()]).toEqual([...two.packs.keys()]);
    expect([...one.packs.keys()]).toEqual(['a', 'b']);
  });
});
