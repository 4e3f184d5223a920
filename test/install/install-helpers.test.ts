import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addGateRecord, readGateRecords } from '../../src/install/gate-records.js';
import { applyInstallEnv } from '../../src/install/npm-env.js';
import { pruneGateRecords } from '../../src/install/plugins-postuninstall.js';
import { removeInstalled } from '../../src/install/remove-installed.js';

const record = { version: '1.0.0', integrity: `sha512-${'Z'.repeat(86)}==`, gates: [], engine: '0.1.0' };

describe('install helpers', () => {
  it('forces lifecycle scripts off and makes a dead registry fail fast, keeping user network settings', () => {
    const env: NodeJS.ProcessEnv = { npm_config_ignore_scripts: 'false', npm_config_fetch_timeout: '60000' };
    applyInstallEnv(env);
    expect(env.npm_config_ignore_scripts).toBe('true');
    expect(env.npm_config_fetch_retries).toBe('0');
    expect(env.npm_config_fetch_timeout).toBe('60000');
  });

  it('prunes gate records of packages that are no longer installed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-prune-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: { '@a/kept': '1.0.0' } }));
    addGateRecord(dir, '@a/kept', record);
    addGateRecord(dir, '@b/gone', record);
    expect(pruneGateRecords(dir)).toEqual(['@b/gone']);
    expect(Object.keys(readGateRecords(dir))).toEqual(['@a/kept']);
  });

  it('removes every trace of a package from the data dir, even when npm cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-remove-'));
    mkdirSync(join(dir, 'node_modules/@x/bad/templates'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/@x/bad/package.json'), '{"name":"@x/bad","version":"1.0.0"}');
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'host',
        dependencies: { '@x/bad': '1.0.0', '@y/ok': '1.0.0' },
        oclif: {
          plugins: [
            { name: '@x/bad', type: 'user' },
            { name: '@y/ok', type: 'user' },
          ],
        },
      }),
    );
    writeFileSync(
      join(dir, 'package-lock.json'),
      JSON.stringify({
        packages: { '': { dependencies: { '@x/bad': '1.0.0' } }, 'node_modules/@x/bad': {} },
      }),
    );
    addGateRecord(dir, '@x/bad', record);
    expect(await removeInstalled(dir, '@x/bad')).toEqual([]);
    expect(existsSync(join(dir, 'node_modules/@x/bad'))).toBe(false);
    const pjson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pjson.dependencies).toEqual({ '@y/ok': '1.0.0' });
    expect(pjson.oclif.plugins).toEqual([{ name: '@y/ok', type: 'user' }]);
    expect(readFileSync(join(dir, 'package-lock.json'), 'utf8')).not.toContain('@x/bad');
    expect(readGateRecords(dir)).toEqual({});
  });
});
