// The repository's own documentation passes the same markdownlint configuration as generated packs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMarkdownValidator } from '../src/validators/markdown.js';

const ROOT = new URL('../', import.meta.url);
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'docs/pack-authoring.md',
  'docs/quality-rubric.md',
  'docs/troubleshooting.md',
  'docs/spec-migrations.md',
  'docs/template-versioning.md',
  'packs/balanced/CHANGELOG.md',
  'packs/deep/CHANGELOG.md',
  'packs/locale-fr-ca/CHANGELOG.md',
  'examples/packs/fintech-pack/CHANGELOG.md',
  'examples/packs/fintech-pack/README.md',
];

describe('documentation', () => {
  it('passes markdownlint with the project configuration', async () => {
    const files = DOCS.map((path) => ({ path, content: readFileSync(new URL(path, ROOT), 'utf8') }));
    const findings = await createMarkdownValidator().validate(files);
    expect(findings.map((f) => `${f.path}:${f.line ?? 0} ${f.rule} ${f.message}`)).toEqual([]);
  });
});
