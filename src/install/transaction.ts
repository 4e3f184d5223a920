// One install as a transaction over the data dir. Everything npm and oclif write happens in a shadow
// copy of the data dir (`.studio-install/data`); the real one changes only when the pack has passed,
// in a fixed order whose last step — renaming package.json into place, which is what registers the
// plugin with oclif — is the commit point. A journal records what the data dir looked like before; a
// refused, failed or killed install (SIGKILL at any moment) is rolled back from it: at exit of the
// failing process, or by the next studio command when the process was killed.
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { type GateRecord, RECORDS_FILE, addGateRecord } from './gate-records.js';
import { INSTALL_DIR } from './install-dir.js';

export { INSTALL_DIR };

const JOURNAL = 'journal.json';
/** The data dir files an install may change, snapshotted before it starts. */
const TRACKED = ['package.json', 'package-lock.json', RECORDS_FILE];

interface Journal {
  pid: number;
  name: string;
  version: string;
  /** Tracked files that did not exist before the install. */
  absent: string[];
}

/** An install in progress. */
export interface InstallTxn {
  dataDir: string;
  name: string;
  version: string;
  /** Where the tarball is downloaded. */
  tarballDir: string;
  /** Where the tarball is extracted and gated. */
  staged: string;
  /** The shadow data dir npm and oclif install into. */
  shadow: string;
}

function root(dataDir: string): string {
  return join(dataDir, INSTALL_DIR);
}

function readJournal(dataDir: string): Journal | null {
  try {
    return JSON.parse(readFileSync(join(root(dataDir), JOURNAL), 'utf8')) as Journal;
  } catch {
    return existsSync(root(dataDir)) ? { pid: -1, name: '', version: '', absent: [] } : null;
  }
}

function alive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function dependsOn(pjsonFile: string, name: string): boolean {
  try {
    const pjson = JSON.parse(readFileSync(pjsonFile, 'utf8')) as { dependencies?: Record<string, unknown> };
    return Object.hasOwn(pjson.dependencies ?? {}, name);
  } catch {
    return false;
  }
}

/** Undo (or, when the commit point was passed, just tidy up) the install recorded in the journal. */
function settle(dataDir: string, journal: Journal): 'rolled back' | 'completed' {
  const dir = root(dataDir);
  const committed =
    journal.name !== '' &&
    dependsOn(join(dataDir, 'package.json'), journal.name) &&
    !dependsOn(join(dir, 'before', 'package.json'), journal.name);
  if (!committed) {
    for (const file of TRACKED) {
      const before = join(dir, 'before', file);
      if (existsSync(before)) {
        copyFileSync(before, join(dataDir, `${file}.studio-tmp`));
        renameSync(join(dataDir, `${file}.studio-tmp`), join(dataDir, file));
      } else if (journal.absent.includes(file)) rmSync(join(dataDir, file), { force: true });
    }
    // beginInstall refuses a name that is already installed, so this folder is the install's own.
    if (journal.name)
      rmSync(join(dataDir, 'node_modules', ...journal.name.split('/')), { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
  return committed ? 'completed' : 'rolled back';
}

/** Settle an install left by a process that is gone. Returns what happened, or null (nothing to do). */
export function recoverInstall(
  dataDir: string,
): { name: string; outcome: 'rolled back' | 'completed' } | null {
  if (!existsSync(root(dataDir))) return null;
  const journal = readJournal(dataDir);
  if (!journal || alive(journal.pid)) return null;
  return { name: journal.name, outcome: settle(dataDir, journal) };
}

/** Roll back this process's own install, if one is still open (refusal, failure, exit). */
export function abortInstall(dataDir: string): void {
  const journal = readJournal(dataDir);
  if (journal && journal.pid === process.pid) settle(dataDir, journal);
}

/** Start an install of name@version: snapshot the data dir and open the journal. */
export function beginInstall(dataDir: string, name: string, version: string): InstallTxn {
  recoverInstall(dataDir);
  const dir = root(dataDir);
  const other = readJournal(dataDir);
  if (other && other.pid !== process.pid) {
    throw new StudioError(
      ErrorCodes.INTERNAL,
      `another install (${other.name}, process ${other.pid}) is running`,
      {
        hint: 'Wait for it to finish, then retry.',
      },
    );
  }
  if (
    existsSync(join(dataDir, 'node_modules', ...name.split('/'))) ||
    dependsOn(join(dataDir, 'package.json'), name)
  ) {
    throw new StudioError(ErrorCodes.PLUGIN_CONFLICT, `${name} is already installed`, {
      hint: `Run "studio plugins uninstall ${name}" first, then install the version you want.`,
    });
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'before'), { recursive: true });
  // The journal (with this pid) comes before the snapshot, so no other studio process ever sees an
  // install folder without an owner; a snapshot file not yet copied was not changed either.
  const absent = TRACKED.filter((file) => !existsSync(join(dataDir, file)));
  const journal: Journal = { pid: process.pid, name, version, absent };
  writeFileSync(join(dir, `${JOURNAL}.tmp`), JSON.stringify(journal));
  renameSync(join(dir, `${JOURNAL}.tmp`), join(dir, JOURNAL));
  for (const file of TRACKED) {
    if (!absent.includes(file)) copyFileSync(join(dataDir, file), join(dir, 'before', file));
  }
  process.once('exit', () => abortInstall(dataDir));
  return {
    dataDir,
    name,
    version,
    tarballDir: join(dir, 'tarball'),
    staged: join(dir, 'staged'),
    shadow: join(dir, 'data'),
  };
}

/** Fill the shadow data dir with a copy of the real one (packs have no dependencies: it is small). */
export function prepareShadow(txn: InstallTxn): void {
  mkdirSync(txn.shadow, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    if (existsSync(join(txn.dataDir, file))) copyFileSync(join(txn.dataDir, file), join(txn.shadow, file));
  }
  if (existsSync(join(txn.dataDir, 'node_modules'))) {
    cpSync(join(txn.dataDir, 'node_modules'), join(txn.shadow, 'node_modules'), {
      recursive: true,
      verbatimSymlinks: true,
    });
  }
}

function replaceFile(from: string, to: string): void {
  copyFileSync(from, `${to}.studio-tmp`);
  renameSync(`${to}.studio-tmp`, to);
}

/** Move the passed install from the shadow into the real data dir; package.json last (commit point). */
export function commitInstall(txn: InstallTxn, record: GateRecord): void {
  const parts = txn.name.split('/');
  addGateRecord(txn.dataDir, txn.name, record);
  const target = join(txn.dataDir, 'node_modules', ...parts);
  mkdirSync(dirname(target), { recursive: true });
  renameSync(join(txn.shadow, 'node_modules', ...parts), target);
  if (existsSync(join(txn.shadow, 'package-lock.json')))
    replaceFile(join(txn.shadow, 'package-lock.json'), join(txn.dataDir, 'package-lock.json'));
  replaceFile(join(txn.shadow, 'package.json'), join(txn.dataDir, 'package.json'));
  rmSync(root(txn.dataDir), { recursive: true, force: true });
}
