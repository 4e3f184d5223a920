// Attacks through the locale-pack capability (a package's `studio.locales` and its catalogs): a catalog
// is data the host parses and formats, so a hostile locale pack may try to read host files through its
// catalog paths, smuggle markup or template syntax into documents, or rewrite the English documents of
// packs it does not own, or get markup past the checks through the checked-catalog cache. Each is
// refused by the gates, never reaches an English run, or is never believed.
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGates } from '../../src/gates/run-gates.js';
import { ROOT, ensureBuilt, example, studio, tempDir } from '../e2e/cli.js';
import { ensureFirstPartyBuilt, firstPartyPlugins } from '../gates/first-party.js';

/** A copy of the fr-CA pack, its pack.json and balanced catalog edited. */
function hostile(
  name: string,
  edit: { manifest?: (m: Record<string, unknown>) => void; messages?: (m: Record<string, string>) => void },
): string {
  const root = join(tempDir('studio-hostile-locale-'), name);
  cpSync(join(ROOT, 'packs/locale-fr-ca'), root, { recursive: true });
  const rewrite = <T>(file: string, change?: (v: T) => void) => {
    if (!change) return;
    const value = JSON.parse(readFileSync(join(root, file), 'utf8')) as T;
    change(value);
    writeFileSync(join(root, file), `${JSON.stringify(value, null, 2)}\n`);
  };
  rewrite('pack.json', edit.manifest);
  rewrite('catalogs/balanced.json', edit.messages);
  return root;
}

const gates = (root: string) => runGates({ root, name: '', version: '' }, { plugins: firstPartyPlugins() });
const localeFindings = async (root: string) => {
  const report = await gates(root);
  expect(report.ok).toBe(false);
  return report.gates.find((g) => g.name === 'locale')!.findings.map((f) => f.message);
};

describe('a hostile locale pack', () => {
  beforeAll(() => ensureFirstPartyBuilt(), 600_000);

  it('cannot point a catalog outside its package (reading a host file)', async () => {
    for (const path of ['../../../../etc/passwd', '/etc/passwd']) {
      const root = hostile('escape', {
        manifest: (m) => {
          (m.catalogs as Record<string, string>).balanced = path;
        },
      });
      expect((await localeFindings(root)).join('\n')).toMatch(/unsafe path/);
    }
  });

  it('cannot put markup or template syntax into the documents through a message', async () => {
    for (const text of [
      'Problème <script>alert(1)</script>',
      'Problème {{ spec.constructor }}',
      'Problème {% raw %}',
      'Problème ![x](https://attacker.example/pixel.png)',
    ]) {
      const root = hostile('markup', {
        messages: (m) => {
          m['brief.heading.problem'] = text;
        },
      });
      expect((await localeFindings(root)).join('\n')).toMatch(/brief\.heading\.problem/);
    }
  });

  it('declaring en-US does not rewrite the English documents of the built-in packs', () => {
    ensureBuilt();
    const root = hostile('en-us', {
      manifest: (m) => {
        m.locale = 'en-US';
      },
      messages: (m) => {
        m['brief.heading.problem'] = 'Pwned heading';
      },
    });
    const env = { STUDIO_DATA_DIR: tempDir('studio-data-') };
    const linked = studio(['plugins', 'link', root], { env });
    expect(linked.status, linked.stderr).toBe(0);
    expect(studio(['plugins'], { env }).stdout).toContain('@studio/locale-fr-ca');
    const { idea, decisions } = example('clinic-queue');
    const out = join(tempDir('studio-out-'), 'out');
    const run = studio(
      ['generate', '--idea', idea, '--decisions', decisions, '--pack', 'balanced', '-o', out],
      {
        env,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const brief = readFileSync(join(out, 'brief.md'), 'utf8');
    expect(brief).toContain('## Problem');
    expect(brief).not.toContain('Pwned');
  }, 120_000);

  it('cannot get markup past the checks through the checked-catalog cache', () => {
    ensureBuilt();
    const root = hostile('cached', {});
    const cache = tempDir('studio-cache-');
    const env = { STUDIO_DATA_DIR: tempDir('studio-data-'), STUDIO_CACHE_DIR: cache };
    expect(studio(['plugins', 'link', root], { env }).status).toBe(0);
    const { idea, decisions } = example('clinic-queue');
    const generate = () => {
      const out = join(tempDir('studio-out-'), 'out');
      const args = ['generate', '--idea', idea, '--decisions', decisions, '--pack', 'balanced'];
      return { out, run: studio([...args, '--locale', 'fr-CA', '-o', out], { env }) };
    };
    const first = generate();
    expect(first.run.status, first.run.stderr).toBe(0);
    const entries = readdirSync(join(cache, 'catalogs'));
    expect(entries).toHaveLength(2);
    // A cached entry edited to hold markup no longer matches its digest: it is ignored and rebuilt.
    const cached = (entry: string) => readFileSync(join(cache, 'catalogs', entry), 'utf8');
    const planted = entries.filter((entry) => cached(entry).includes('Problème'));
    expect(planted).toHaveLength(1);
    for (const entry of planted) {
      writeFileSync(
        join(cache, 'catalogs', entry),
        cached(entry).replace(/Problème/g, 'Problème <b>pwned</b>'),
      );
    }
    const again = generate();
    for (const entry of entries) expect(cached(entry)).not.toContain('pwned');
    expect(again.run.status, again.run.stderr).toBe(0);
    const brief = readFileSync(join(again.out, 'brief.md'), 'utf8');
    expect(brief).toBe(readFileSync(join(first.out, 'brief.md'), 'utf8'));
    expect(brief).not.toContain('pwned');
  }, 120_000);
});
