import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StudioError } from '../../src/errors/studio-error.js';
import { loadPack, templateDigest } from '../../src/plugins/load-pack.js';
import { tempDir } from '../e2e/cli.js';

const manifest = (over: Record<string, unknown> = {}) => ({
  id: 'demo',
  title: 'Demo',
  description: 'A demo pack.',
  template_set: '1.0.0',
  engine: '>=0.1.0',
  spec_versions: '^1.0.0',
  locales: ['en-US'],
  agents: [],
  artifacts: [
    { id: 'doc', path: 'doc.md', template: 'doc.md.njk', purpose: 'A doc', format: 'markdown', agents: [] },
  ],
  ...over,
});

function packDir(json: string): string {
  const root = tempDir('studio-pack-');
  mkdirSync(join(root, 'templates'));
  writeFileSync(join(root, 'templates/doc.md.njk'), '# Doc\n');
  writeFileSync(join(root, 'pack.json'), json);
  return root;
}

const ref = (root: string) => ({
  id: 'demo',
  manifest: 'pack.json',
  plugin: { name: '@x/demo', version: '1.0.0', root, type: 'user', studio: { packs: { demo: 'pack.json' } } },
});

function failure(root: string): StudioError {
  try {
    loadPack(ref(root));
  } catch (e) {
    return e as StudioError;
  }
  throw new Error('expected failure');
}

describe('loadPack', () => {
  it('loads a valid manifest; without a build record template_commit is a digest of the templates', () => {
    const root = packDir(JSON.stringify(manifest()));
    const pack = loadPack(ref(root));
    expect(pack.manifest.id).toBe('demo');
    expect(pack.templateCommit).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pack.templateCommit).toBe(templateDigest(root, 'pack.json'));
    writeFileSync(join(root, 'templates/doc.md.njk'), '# Changed\n');
    expect(templateDigest(root, 'pack.json')).not.toBe(pack.templateCommit);
  });

  it('uses the build record when it holds a git commit', () => {
    const root = packDir(JSON.stringify(manifest()));
    writeFileSync(
      join(root, 'build-info.json'),
      JSON.stringify({ template_commit: `git:${'a'.repeat(40)}` }),
    );
    expect(loadPack(ref(root)).templateCommit).toBe(`git:${'a'.repeat(40)}`);
  });

  it('refuses unknown fields and duplicate keys', () => {
    expect(failure(packDir(JSON.stringify(manifest({ colour: 'red' })))).code).toBe('E_MANIFEST_INVALID');
    const dup = JSON.stringify(manifest()).replace('"id":"demo",', '"id":"demo","id":"other",');
    expect(failure(packDir(dup)).code).toBe('E_INPUT_PARSE');
  });

  it.each(['../escape.md', '/abs.md', 'a\\b.md', 'CON.md'])('refuses the artifact path %s', (p) => {
    const bad = manifest({
      artifacts: [
        { id: 'doc', path: p, template: 'doc.md.njk', purpose: 'x', format: 'markdown', agents: [] },
      ],
    });
    const e = failure(packDir(JSON.stringify(bad)));
    expect(e.code).toBe('E_ARTIFACT_PATH_UNSAFE');
    expect(e.plugin).toBe('@x/demo');
  });

  it('refuses an id that disagrees with package.json, and duplicate artifact ids', () => {
    expect(failure(packDir(JSON.stringify(manifest({ id: 'other' })))).message).toContain('"other"');
    const twice = manifest({
      artifacts: [
        { id: 'doc', path: 'a.md', template: 'doc.md.njk', purpose: 'x', format: 'markdown', agents: [] },
        { id: 'doc', path: 'b.md', template: 'doc.md.njk', purpose: 'x', format: 'markdown', agents: [] },
      ],
    });
    expect(failure(packDir(JSON.stringify(twice))).message).toContain('appears twice');
  });
});
