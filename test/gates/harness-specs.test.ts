import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { harnessSpecs, loadHarnessSpecs, writeHarnessSpecs } from '../../src/gates/harness-specs.js';
import { ROOT } from '../e2e/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'studio-harness-specs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Written {
  key: string;
  specs: { label: string; spec: { title: string } }[];
}

describe('harness specs', () => {
  it('are the smallest spec, then the two examples, each a built Source Spec', () => {
    const specs = harnessSpecs();
    expect(specs.map((s) => s.label)).toEqual([
      'the smallest valid spec',
      'examples/clinic-queue',
      'examples/ledgerly',
    ]);
    expect(specs[0]!.spec.title).toBe('Minimal');
    for (const { spec } of specs) expect(spec.meta.generator).toMatch(/^spec-to-pack-studio /);
  });

  it('are read back from the written file exactly as built', () => {
    const file = join(dir, 'round-trip.json');
    writeHarnessSpecs(file);
    expect(loadHarnessSpecs(file)).toEqual(harnessSpecs());
  });

  it('come from the written file while its key matches, and are built again when it does not', () => {
    const file = join(dir, 'tampered.json');
    writeHarnessSpecs(file);
    const written = JSON.parse(readFileSync(file, 'utf8')) as Written;
    written.specs[1]!.spec.title = 'Taken from the file';
    writeFileSync(file, JSON.stringify(written));
    expect(loadHarnessSpecs(file)[1]!.spec.title).toBe('Taken from the file');

    writeFileSync(file, JSON.stringify({ ...written, key: 'another key' }));
    expect(loadHarnessSpecs(file)[1]!.spec.title).toBe(harnessSpecs()[1]!.spec.title);
    writeFileSync(file, '{"key":');
    expect(loadHarnessSpecs(file)).toEqual(harnessSpecs());
    expect(loadHarnessSpecs(join(dir, 'missing.json'))).toEqual(harnessSpecs());
  });

  it.runIf(existsSync(join(ROOT, 'dist/gates/harness-specs.json')))(
    'are what the build wrote into dist/ for the current examples',
    () => {
      expect(loadHarnessSpecs(join(ROOT, 'dist/gates/harness-specs.json'))).toEqual(harnessSpecs());
      const written = JSON.parse(
        readFileSync(join(ROOT, 'dist/gates/harness-specs.json'), 'utf8'),
      ) as Written;
      const fresh = join(dir, 'fresh.json');
      writeHarnessSpecs(fresh);
      expect(written.key).toBe((JSON.parse(readFileSync(fresh, 'utf8')) as Written).key);
    },
  );
});
