// A V8 code cache for the CommonJS modules a command loads (oclif, nunjucks, the precompiled schema
// validators and the bundled hot commands). Node 20 has no `module.enableCompileCache` (Node 22), so
// the entry installs this before it imports anything else: each CommonJS module is compiled through
// `vm.Script` with the cached data of its previous run, and the cache is written at exit, AFTER the
// command ran, so it holds the functions V8 compiled lazily while running too (most of a warm run's
// compile time). One cache file per command name: `generate` and `--help` warm different functions.
// Like every cache of studio's, it only makes a run faster, and deleting it is always safe.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { Module } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { deserialize, serialize } from 'node:v8';
import { studioCacheRoot } from '../util/cache-dir.js';

interface Entry {
  /** sha1 of the module's source: V8 checks only the source's length before using cached code. */
  hash: string;
  data: Buffer;
  /** The file's stat when `hash` was taken (see fileStamp); '' or absent: hash the source. */
  stamp?: string;
}

/** How long after its last change a file's stat is trusted to stand for its content. The kernel
 *  stamps ctime from a coarse clock (a few ms), so a file changed just before or after Node read it
 *  can keep the stat it had; a file changed this recently is hashed until it is older (git's "racily
 *  clean" entries are handled the same way). */
const SETTLED_NS = 1_000_000_000n;

/** The file's identity as git's index and ccache's direct mode take it, or '' when it cannot stand
 *  for the content: size, mtime, ctime (ns), inode and device. Any write changes ctime, and ctime
 *  cannot be set back by a user (utimes sets mtime, and ctime to now), so an edit that keeps the size
 *  and restores mtime is still seen. What a stat cannot show: a change made by setting the system
 *  clock back or writing the disk under the filesystem, and filesystems that keep no real ctime or
 *  inode (some network and FUSE ones); on those, a cached module could run stale code until its size
 *  or mtime changes. Called after Node read the source, so a change after that read is recent and
 *  gives ''. Only for a source Node's own loader read from that file and as long as the file (not one
 *  compiled under the file's name by a library); a loader hook that rewrites a source to the same
 *  byte length is not told apart (studio installs none).
 *  Hashing every module's source instead costs ~3 ms of every warm `generate`. */
export function fileStamp(filename: string, content: string): string {
  try {
    const s = statSync(filename, { bigint: true });
    const now = BigInt(Date.now()) * 1_000_000n;
    if (s.ctimeNs > now - SETTLED_NS || s.mtimeNs > now - SETTLED_NS) return '';
    // The source is the file's (Node's loader read it as UTF-8), not code compiled under its name.
    if (BigInt(Buffer.byteLength(content)) !== s.size) return '';
    return `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}:${s.dev}`;
  } catch {
    return '';
  }
}

/** Node's own `Module.prototype._compile` (and the internals this file uses), as far as typed here. */
interface CjsModule {
  exports: unknown;
  require(id: string): unknown;
}
type Compile = (this: CjsModule, content: string, filename: string, format?: string) => unknown;
interface ModuleInternals {
  prototype: { _compile: Compile };
  wrap(source: string): string;
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: CjsModule): string[] | null;
  _extensions: Record<string, (module: CjsModule, filename: string) => unknown>;
  _cache: unknown;
}

/** The cache file for this command line: one per command name, per Node version and architecture
 *  (V8 rejects a cache from another version anyway; separate files keep two versions from fighting). */
function cacheFile(argv: string[], env: NodeJS.ProcessEnv): string {
  const command = /^[a-z][a-z0-9-]{0,60}$/.test(argv[0] ?? '') ? argv[0]! : 'other';
  const dir = join(studioCacheRoot(env), 'compile');
  return join(dir, `${process.version}-${process.arch}-${command}.bin`);
}

/** SHA-1 (20 bytes) of the payload, first in the file: V8 checks cached code only for its version, flags
 *  and source length (its checksum is on in debug builds only), so a damaged file must never reach it. */
const DIGEST_BYTES = 20;

function readEntries(file: string): Map<string, Entry> {
  try {
    const bytes = readFileSync(file);
    const payload = bytes.subarray(DIGEST_BYTES);
    if (createHash('sha1').update(payload).digest().equals(bytes.subarray(0, DIGEST_BYTES))) {
      const stored = deserialize(payload) as unknown;
      if (stored instanceof Map) return stored as Map<string, Entry>;
    }
  } catch {
    // Missing or unreadable (another Node version's format): start a new one.
  }
  return new Map();
}

/** Whether `source` may call import(). A call always has an argument, so `import()` alone is only text
 *  (oclif's bundle has it in an error message, and for that text alone oclif was compiled from source
 *  on every run). Anything else that looks like a call counts, in a string or a comment too. */
export function usesDynamicImport(source: string): boolean {
  return /(?<![\w$])import\s*\((?!\s*\))/.test(source);
}

// Where installCompileCache leaves its writer for saveCompileCache: a module bundled into a command or
// worker bundle has its own copy of this file, and the one bin/run.js (or the worker's entry) loaded
// installed the cache.
const SAVE = Symbol.for('studio.compile-cache.save');

/** Write the cache of this thread now, if it installed one and compiled something. A worker thread
 *  that its parent terminates runs no 'exit' handler: it calls this before it posts its result. */
export function saveCompileCache(): void {
  const save = (globalThis as Record<symbol, unknown>)[SAVE];
  if (typeof save === 'function') (save as () => void)();
}

/** Whether this thread installed the cache (`--no-cache` not given): a worker it starts follows it. */
export function compileCacheInstalled(): boolean {
  return typeof (globalThis as Record<symbol, unknown>)[SAVE] === 'function';
}

/** The argv for a worker thread's entry: its own cache file for each set of `parts` (what it is to
 *  load: the validation worker that lints Markdown only needs none of the ~1,000 modules of jsdom and
 *  mermaid another set loads, and reading and checking a 5 MB file costs each worker ~10 ms), or
 *  `--no-cache` when this thread runs without a cache. */
export function workerCompileCacheArgv(name: string, parts: readonly string[]): string[] {
  if (!compileCacheInstalled()) return ['--no-cache'];
  const set = [...new Set(parts)].sort().join('\n');
  return [`${name}-${createHash('sha1').update(set).digest('hex').slice(0, 8)}`];
}

/** What the cache did in this process, so far. */
export interface CompileCacheStats {
  file: string;
  /** Modules whose code came from the cache. */
  fromCache: number;
  /** Modules compiled from source (their code is stored at exit). */
  compiled: number;
  /** Modules whose source was hashed: their stat did not match the stored one, or was too recent. */
  hashed: number;
}

/** Install the cache for this process (`argv` without node and the script). `--no-cache` turns it off,
 *  like every other cache: then it returns null. */
export function installCompileCache(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): CompileCacheStats | null {
  const end = argv.indexOf('--');
  if (argv.slice(0, end === -1 ? undefined : end).includes('--no-cache')) return null;
  const file = cacheFile(argv, env);
  const stats: CompileCacheStats = { file, fromCache: 0, compiled: 0, hashed: 0 };
  const entries = readEntries(file);
  // Scripts to store at exit; null for a module that may call import() (stored as empty data, so that
  // the next run knows without searching its source again).
  const fresh: Array<[string, string, Script | null, string]> = [];
  // Modules whose cached code was used and whose stat changed (a touched file, or one that has
  // settled since the last run): the entry is stored with the new stat.
  let restamped = false;
  const M = Module as unknown as ModuleInternals;
  const original = M.prototype._compile;
  // The file Node's .js loader is reading now: its `_compile` call gets the file's own source.
  let reading: string | undefined;
  const loadJs = M._extensions['.js']!;
  M._extensions['.js'] = function (module, filename) {
    const outer = reading;
    reading = filename;
    try {
      return loadJs.call(this, module, filename);
    } finally {
      reading = outer;
    }
  };

  M.prototype._compile = function (this: CjsModule, content, filename, format) {
    // Left to Node: ES module syntax in a .js file (Node detects it and loads it as a module), a
    // hashbang, and dynamic import(), which a cached vm.Script cannot resolve on Node 20 without an
    // experimental flag.
    if (format === 'module' || content.startsWith('#!'))
      return original.call(this, content, filename, format);
    const known = entries.get(filename);
    const stamp = reading === filename ? fileStamp(filename, content) : '';
    reading = undefined;
    let hash: string;
    if (stamp !== '' && known?.stamp === stamp) hash = known.hash;
    else {
      hash = createHash('sha1').update(content).digest('base64');
      stats.hashed += 1;
    }
    const cached = known?.hash === hash ? known : undefined;
    if (cached !== undefined && cached.stamp !== stamp && stamp !== '') {
      cached.stamp = stamp;
      restamped = true;
    }
    if (cached?.data.length === 0) return original.call(this, content, filename, format);
    if (cached === undefined && usesDynamicImport(content)) {
      fresh.push([filename, hash, null, stamp]);
      return original.call(this, content, filename, format);
    }
    let script: Script;
    try {
      script = new Script(M.wrap(content), { filename, cachedData: cached?.data });
    } catch {
      // A syntax error (or ES module syntax): Node's own compile reports it, or loads it as a module.
      return original.call(this, content, filename, format);
    }
    if (cached === undefined || script.cachedDataRejected === true) {
      fresh.push([filename, hash, script, stamp]);
      stats.compiled += 1;
    } else stats.fromCache += 1;
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    // The `require` Node gives a module (lib/internal/modules/helpers.js makeRequireFunction).
    const require = (id: string): unknown => this.require(id);
    const resolve = (request: string, options?: unknown): string =>
      M._resolveFilename(request, this, false, options);
    resolve.paths = (request: string): string[] | null => M._resolveLookupPaths(request, this);
    Object.assign(require, {
      resolve,
      main: process.mainModule,
      extensions: M._extensions,
      cache: M._cache,
    });
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };

  const save = (): void => {
    if (fresh.length === 0 && !restamped) return;
    try {
      for (const [filename, hash, script, stamp] of fresh)
        entries.set(filename, { hash, data: script?.createCachedData() ?? Buffer.alloc(0), stamp });
      fresh.length = 0;
      restamped = false;
      // Validation workers of one run write the same file at about the same time, each with the
      // modules it loaded: keep what another one stored meanwhile.
      for (const [filename, entry] of readEntries(file))
        if (!entries.has(filename)) entries.set(filename, entry);
      // Modules whose file is gone (an older library version, a removed checkout) are dropped, so the
      // file stays about as large as what the command loads.
      for (const filename of entries.keys()) if (!existsSync(filename)) entries.delete(filename);
      mkdirSync(dirname(file), { recursive: true });
      // Atomic: a concurrent run reads either the old file or this one, never half of it.
      // (Workers share the pid; node:worker_threads' threadId would cost every start a module load.)
      const tmp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
      const payload = serialize(entries);
      writeFileSync(tmp, Buffer.concat([createHash('sha1').update(payload).digest(), payload]));
      renameSync(tmp, file);
    } catch {
      // A cache that cannot be written is simply not used.
    }
  };
  (globalThis as Record<symbol, unknown>)[SAVE] = save;
  process.once('exit', (code) => {
    // A failed run stopped early and compiled little; the cache it would leave behind is kept until
    // the source changes, so only a successful run writes it.
    if (code === 0) save();
  });
  return stats;
}
