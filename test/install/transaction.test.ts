// The install transaction on its own: a process that dies at any step leaves a data dir that the next
// command settles back to exactly its state before the install.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGateRecords } from '../../src/install/gate-records.js';
import {
  INSTALL_DIR,
  abortInstall,
  beginInstall,
  commitInstall,
  prepareShadow,
  recoverInstall,
} from '../../src/install/transaction.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const BEFORE_PJSON = JSON.stringify({ dependencies: { '@a/old': '1.0.0' } });
const BEFORE_LOCK = JSON.stringify({ packages: { 'node_modules/@a/old': {} } });

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-txn-'));
  temps.push(dir);
  writeFileSync(join(dir, 'package.json'), BEFORE_PJSON);
  writeFileSync(join(dir, 'package-lock.json'), BEFORE_LOCK);
  mkdirSync(join(dir, 'node_modules/@a/old'), { recursive: true });
  return dir;
}

/** What npm would have done in the shadow. */
function npmInstalled(shadow: string): void {
  mkdirSync(join(shadow, 'node_modules/@v/new'), { recursive: true });
  writeFileSync(join(shadow, 'node_modules/@v/new/package.json'), '{}');
  writeFileSync(
    join(shadow, 'package.json'),
    JSON.stringify({ dependencies: { '@a/old': '1.0.0', '@v/new': '1.0.0' } }),
  );
  writeFileSync(
    join(shadow, 'package-lock.json'),
    JSON.stringify({ packages: { 'node_modules/@v/new': {} } }),
  );
}

const RECORD = { version: '1.0.0', integrity: 'sha512-x', gates: [], engine: '0.1.0', files: {} };

function asBefore(dir: string): void {
  expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(BEFORE_PJSON);
  expect(readFileSync(join(dir, 'package-lock.json'), 'utf8')).toBe(BEFORE_LOCK);
  expect(existsSync(join(dir, 'node_modules/@v/new'))).toBe(false);
  expect(existsSync(join(dir, 'node_modules/@a/old'))).toBe(true);
  expect(existsSync(join(dir, INSTALL_DIR))).toBe(false);
  expect(readGateRecords(dir)).toEqual({});
}

/** Leave a journal owned by a process that is gone (a real, exited child's pid). */
function orphan(dir: string): void {
  const journal = join(dir, INSTALL_DIR, 'journal.json');
  const data = JSON.parse(readFileSync(journal, 'utf8')) as { pid: number };
  data.pid = spawnSync(process.execPath, ['-e', '0']).pid!;
  writeFileSync(journal, JSON.stringify(data));
}

describe('install transaction', () => {
  it('commits: the pack, its lock entry, package.json and the gate record, and no journal', () => {
    const dir = dataDir();
    const txn = beginInstall(dir, '@v/new', '1.0.0');
    prepareShadow(txn);
    npmInstalled(txn.shadow);
    commitInstall(txn, RECORD);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies).toHaveProperty('@v/new');
    expect(existsSync(join(dir, 'node_modules/@v/new/package.json'))).toBe(true);
    expect(readGateRecords(dir)).toHaveProperty('@v/new');
    expect(existsSync(join(dir, INSTALL_DIR))).toBe(false);
    expect(recoverInstall(dir)).toBeNull();
  });

  it('rolls back a process that died before the commit point, even half-way through the commit', () => {
    const dir = dataDir();
    const txn = beginInstall(dir, '@v/new', '1.0.0');
    prepareShadow(txn);
    npmInstalled(txn.shadow);
    // The commit's first steps (gate record, pack folder, lock file) without the last (package.json).
    writeFileSync(join(dir, 'studio-gates.json'), JSON.stringify({ records: { '@v/new': RECORD } }));
    mkdirSync(join(dir, 'node_modules/@v/new'), { recursive: true });
    writeFileSync(join(dir, 'package-lock.json'), readFileSync(join(txn.shadow, 'package-lock.json')));
    orphan(dir);
    expect(recoverInstall(dir)).toEqual({ name: '@v/new', outcome: 'rolled back' });
    asBefore(dir);
    expect(existsSync(join(dir, 'studio-gates.json'))).toBe(false);
  });

  it('keeps an install whose package.json was committed, and only tidies up', () => {
    const dir = dataDir();
    const txn = beginInstall(dir, '@v/new', '1.0.0');
    prepareShadow(txn);
    npmInstalled(txn.shadow);
    writeFileSync(join(dir, 'package.json'), readFileSync(join(txn.shadow, 'package.json')));
    orphan(dir);
    expect(recoverInstall(dir)).toEqual({ name: '@v/new', outcome: 'completed' });
    expect(existsSync(join(dir, INSTALL_DIR))).toBe(false);
  });

  it('leaves a live install alone, refuses a second one, and aborts its own', () => {
    const dir = dataDir();
    beginInstall(dir, '@v/new', '1.0.0');
    expect(recoverInstall(dir)).toBeNull();
    const journal = join(dir, INSTALL_DIR, 'journal.json');
    const data = JSON.parse(readFileSync(journal, 'utf8')) as { pid: number };
    writeFileSync(journal, JSON.stringify({ ...data, pid: process.ppid }));
    expect(() => beginInstall(dir, '@v/other', '1.0.0')).toThrow(/another install/);
    writeFileSync(journal, JSON.stringify(data));
    abortInstall(dir);
    asBefore(dir);
  });

  it('refuses a name that is already installed', () => {
    const dir = dataDir();
    expect(() => beginInstall(dir, '@a/old', '1.0.0')).toThrow(/already installed/);
    expect(existsSync(join(dir, INSTALL_DIR))).toBe(false);
  });
});
