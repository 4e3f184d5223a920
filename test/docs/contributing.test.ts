// CONTRIBUTING.md's layout table must match the tree (DESIGN §8): every folder of src/ has its row, and
// every first-party package under packages/, plugins/ and packs/ is named in the table by its npm name.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/cli.js';

const layout = (() => {
  const text = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
  const start = text.indexOf('## Layout');
  return text.slice(start, text.indexOf('\n## ', start + 1));
})();

function folders(parent: string): string[] {
  return readdirSync(join(ROOT, parent), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

describe('CONTRIBUTING layout table', () => {
  it.each(folders('src'))('has a row for src/%s/', (dir) => {
    expect(layout).toContain(`| \`src/${dir}/\` |`);
  });

  const packages = ['packages', 'plugins', 'packs'].flatMap((parent) =>
    folders(parent)
      .map((dir) => join(ROOT, parent, dir, 'package.json'))
      .filter((file) => existsSync(file))
      .map((file) => (JSON.parse(readFileSync(file, 'utf8')) as { name: string }).name),
  );

  it('finds the first-party packages', () => {
    expect(packages.length).toBeGreaterThanOrEqual(6);
  });

  it.each(packages)('names %s', (name) => {
    expect(layout).toContain(`\`${name}\``);
  });
});
