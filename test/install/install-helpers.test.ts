import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addGateRecord, pruneGateRecords, readGateRecords } from '../../src/install/gate-records.js';
import { takeTrustIndex } from '../../src/install/index-trust.js';
import { applyInstallEnv } from '../../src/install/npm-env.js';

const record = { version: '1.0.0', integrity: `sha512-${'Z'.repeat(86)}==`, gates: [], engine: '0.1.0' };
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('install helpers', () => {
  it('forces lifecycle scripts off and makes a dead registry fail fast, keeping user network settings', () => {
    const env: NodeJS.ProcessEnv = { npm_config_ignore_scripts: 'false', npm_config_fetch_timeout: '60000' };
    applyInstallEnv(env);
    expect(env.npm_config_ignore_scripts).toBe('true');
    expect(env.npm_config_fetch_retries).toBe('0');
    expect(env.npm_config_fetch_timeout).toBe('60000');
  });

  it('takes every --trust-index path off the install arguments, in both spellings', () => {
    const argv = [
      '@vendor/pack',
      '--trust-index',
      'a.json',
      '--json',
      '--trust-index=b.json',
      '--trust-index',
    ];
    expect(takeTrustIndex(argv)).toEqual(['a.json', 'b.json']);
    expect(argv).toEqual(['@vendor/pack', '--json', '--trust-index']);
  });

  it('prunes gate records of packages that are neither installed nor linked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-prune-'));
    temps.push(dir);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        dependencies: { '@a/kept': '1.0.0' },
        oclif: { plugins: [{ name: '@c/linked', type: 'link', root: '/x' }] },
      }),
    );
    addGateRecord(dir, '@a/kept', record);
    addGateRecord(dir, '@b/gone', record);
    addGateRecord(dir, '@c/linked', { ...record, type: 'link' });
    expect(pruneGateRecords(dir)).toEqual(['@b/gone']);
    expect(Object.keys(readGateRecords(dir)).sort()).toEqual(['@a/kept', '@c/linked']);
  });

  it('records into a data dir that does not exist yet (a first `plugins link`)', () => {
    const parent = mkdtempSync(join(tmpdir(), 'studio-fresh-'));
    temps.push(parent);
    const dir = join(parent, 'data', 'studio');
    addGateRecord(dir, '@c/linked', { ...record, type: 'link' });
    expect(Object.keys(readGateRecords(dir))).toEqual(['@c/linked']);
  });
});
