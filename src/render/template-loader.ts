// Loads templates from an ordered list of folders and compiles them with position tracking.
//
// Nunjucks records the template position only at function calls, so a runtime error (a missing name
// thrown by the strict views) would otherwise carry the line of the last call, not of the failing
// expression. The compiler here additionally records (template, line, column) on the environment just
// before every name lookup, attribute lookup and filter call; the renderer reads the last position when
// an error escapes. Templates are handed to nunjucks precompiled (`{type: 'code'}`), so includes,
// imports and macros from other files are compiled the same way.
//
// Compiled code is cached per template (content-addressed, verified), and so is V8's compiled form of
// that code: without it V8 parses and compiles the code of every template again in every run.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readEntry, writeAtomic, writeEntry } from '../util/cache-entry.js';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import nunjucks from 'nunjucks';
import { sha256Hex } from '../util/hash.js';
import { FORBIDDEN_MEMBERS, TemplateUnsafeError } from './template-sandbox.js';

const require = createRequire(import.meta.url);
const NUNJUCKS_VERSION = (require('nunjucks/package.json') as { version: string }).version;
/** Bump when compileWithPositions changes what it emits. */
const COMPILER_VERSION = 2;

/** The parts of nunjucks' compiler this module uses (not covered by @types/nunjucks). */
interface CompilerNode {
  typename: string;
  lineno: number;
  colno: number;
  name?: { value: string };
  right?: { name?: { value: string }; value?: string };
  /** Symbol: the name. */
  value?: unknown;
  /** LookupVal: the member (a Literal when written as `a.b` or `a["b"]`). */
  val?: { typename: string; value?: unknown };
}
interface CompilerInstance {
  compile(node: unknown, frame?: unknown): void;
  getCode(): string;
  fail(message: string, lineno?: number, colno?: number): never;
  _emit(code: string): void;
  [method: string]: unknown;
}
type CompilerClass = new (templateName: string, throwOnUndefined: boolean) => CompilerInstance;

const { Compiler } = (nunjucks as unknown as { compiler: { Compiler: CompilerClass } }).compiler;
const { parse } = (nunjucks as unknown as { parser: { parse: (...a: unknown[]) => unknown } }).parser;
const { transform } = require('nunjucks/src/transformer.js') as {
  transform: (ast: unknown, asyncFilters: string[], name: string) => unknown;
};

/** Where the last evaluated expression is: 1-based line and column in `template`. */
export interface TemplatePosition {
  template: string;
  line: number;
  column: number;
}

/** Environment property through which compiled code reports positions. */
export const POSITION_HOOK = '__studioAt';

/** A compile failure located in a template (syntax error, unknown filter or test). */
export class TemplateCompileError extends Error {
  constructor(
    message: string,
    readonly template: string,
    readonly line?: number,
    readonly column?: number,
    /** The template reaches for something the sandbox forbids (E_TEMPLATE_UNSAFE). */
    readonly unsafe = false,
  ) {
    super(message);
    this.name = 'TemplateCompileError';
  }
}

export interface CompileEnv {
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
  opts: { trimBlocks?: boolean; lstripBlocks?: boolean };
}

function compileWithPositions(source: string, name: string, env: CompileEnv): string {
  const compiler = new Compiler(name, true);
  const mark = (node: CompilerNode): void => {
    compiler._emit(`(env.${POSITION_HOOK}(${JSON.stringify(name)}, ${node.lineno + 1}, ${node.colno + 1}), `);
  };
  for (const method of ['compileSymbol', 'compileLookupVal', 'compileFilter', 'compileIs']) {
    const base = compiler[method] as (node: CompilerNode, frame: unknown) => void;
    compiler[method] = function (this: CompilerInstance, node: CompilerNode, frame: unknown) {
      if (method === 'compileFilter' && node.name && !(node.name.value in env.filters)) {
        this.fail(`unknown filter "${node.name.value}"`, node.lineno, node.colno);
      }
      const test = node.right?.name?.value ?? node.right?.value;
      if (method === 'compileIs' && test !== undefined && !(test in env.tests)) {
        this.fail(`unknown test "${test}"`, node.lineno, node.colno);
      }
      const literal =
        method === 'compileSymbol'
          ? node.value
          : node.val?.typename === 'Literal'
            ? node.val.value
            : undefined;
      if ((method === 'compileSymbol' || method === 'compileLookupVal') && typeof literal === 'string') {
        if (FORBIDDEN_MEMBERS.has(literal)) {
          throw Object.assign(new TemplateUnsafeError(`"${literal}" is not reachable from templates`), {
            lineno: node.lineno + 1,
            colno: node.colno + 1,
          });
        }
      }
      mark(node);
      base.call(this, node, frame);
      compiler._emit(')');
    };
  }
  const ast = parse(source, [], env.opts);
  compiler.compile(transform(ast, [], name));
  return compiler.getCode();
}

/** Compiled code depends on the source, the name, the options and which filters/tests exist (unknown
 *  ones fail at compile time), and on nunjucks and this compiler: all of it goes into the key. */
function compiledKey(source: string, name: string, env: CompileEnv): string {
  return sha256Hex(
    JSON.stringify([
      COMPILER_VERSION,
      NUNJUCKS_VERSION,
      name,
      Boolean(env.opts.trimBlocks),
      Boolean(env.opts.lstripBlocks),
      Object.keys(env.filters).sort(),
      Object.keys(env.tests).sort(),
      source,
    ]),
  );
}

/** Where the compiled code of `source` is cached under `cacheDir`. */
export function compiledEntryPath(cacheDir: string, source: string, name: string, env: CompileEnv): string {
  return path.join(cacheDir, `${compiledKey(source, name, env)}.js`);
}

/** Where V8's compiled form of the code in `entry` is kept: beside it, per Node version and
 *  architecture (V8 refuses data of another version; one file each keeps two versions from fighting). */
export function codeCachePath(entry: string): string {
  return `${entry.replace(/\.js$/, '')}.${process.version}-${process.arch}.v8`;
}

/** Bytes of the digest that heads a V8 data file. */
const DIGEST_BYTES = 32;

/** The digest a V8 data file starts with: over the digest of the code it was made from, then the data. */
function codeCacheDigest(codeDigest: string, data: Uint8Array): Buffer {
  return createHash('sha256').update(codeDigest).update(data).digest();
}

/** V8's data for exactly the code whose digest is `codeDigest`, else undefined. V8 checks cached data
 *  only for its version, flags and the source's length (its checksum is verified in debug builds
 *  only): data made from other code of the same length would run that other code. So the data is
 *  bound to the digest of the code it was made from, and damaged or foreign data never reaches V8. */
export function readCodeCache(file: string, codeDigest: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(DIGEST_BYTES);
  if (data.length === 0) return undefined;
  return codeCacheDigest(codeDigest, data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

/** A compiled script whose V8 data is written after the render that ran it. */
interface PendingCodeCache {
  /** The compiled-code entry the data belongs to. */
  entry: string;
  file: string;
  codeDigest: string;
  script: Script;
}

/** Templates already evaluated in this process, by compiled-code entry (whose name is the digest of the
 *  source, the name, the options and the compiler: see compiledKey). A later renderer of the same process
 *  (the next run of a long-lived host: the gates' harness, packs' own tests, a thousand runs of a property
 *  test) takes the functions as they are instead of reading, verifying and evaluating the entry and its
 *  V8 data again, as long as neither file changed on disk since (a damaged file is still repaired). */
const evaluated = new Map<string, { template: Record<string, unknown>; stamp: string | undefined }>();
/** Bounds the map in a process that renders ever-changing templates. */
const MAX_EVALUATED = 2_000;

/** Identity and state of an entry and its V8 data on disk. */
function diskStamp(entry: string): string {
  return [entry, codeCachePath(entry)]
    .map((file) => {
      const st = statSync(file, { throwIfNoEntry: false });
      return st === undefined ? '-' : `${st.ino}:${st.size}:${st.mtimeMs}`;
    })
    .join(' ');
}

function rememberEvaluated(entry: string, template: Record<string, unknown>, stamp: string | undefined) {
  if (evaluated.size >= MAX_EVALUATED) evaluated.clear();
  evaluated.set(entry, { template, stamp });
}

/** Compile, or reuse code compiled by an earlier run (parsing and compiling costs ~100 ms a pack;
 *  evaluating cached code ~1 ms). A cache that cannot be read or written is simply not used. */
function loadCompiled(
  source: string,
  name: string,
  env: CompileEnv,
  cacheDir: string | null,
  pending: PendingCodeCache[],
): Record<string, unknown> {
  const file = cacheDir === null ? null : compiledEntryPath(cacheDir, source, name, env);
  const known = file === null ? undefined : evaluated.get(file);
  if (known !== undefined && known.stamp === diskStamp(file!)) return known.template;
  let verified = file !== null && existsSync(file) ? readEntry(file) : null;
  if (verified === null) {
    const code = compileWithPositions(source, name, env);
    verified = { text: code, digest: sha256Hex(code) };
    if (file !== null) {
      try {
        writeEntry(file, code);
      } catch {
        // read-only or full disk: compile every time
      }
    }
  }
  const v8File = file === null ? null : codeCachePath(file);
  const cachedData = v8File === null ? undefined : readCodeCache(v8File, verified.digest);
  // The code is evaluated as the body of a function in the host realm, as nunjucks evaluates its own
  // precompiled templates (`new Function(code)`); a vm.Script of the same function is what V8 can
  // cache. The code is the compiler's output or a verified entry of it, so the wrapper adds nothing
  // a body could not already do.
  const script = new Script(`(function () {\n${verified.text}\n})`, {
    filename: `template:${name}`,
    cachedData,
  });
  const writeData = v8File !== null && (cachedData === undefined || script.cachedDataRejected === true);
  if (writeData) pending.push({ entry: file!, file: v8File, codeDigest: verified.digest, script });
  const template = (script.runInThisContext() as () => Record<string, unknown>)();
  // With V8 data still to write, the stamp is taken once it is written (saveCodeCache).
  if (file !== null) rememberEvaluated(file, template, writeData ? undefined : diskStamp(file));
  return template;
}

function isSafeName(name: string): boolean {
  if (name === '' || name.includes('\\') || name.includes('\0') || path.posix.isAbsolute(name)) return false;
  return !path.posix.normalize(name).split('/').includes('..');
}

/** A nunjucks loader over `searchPaths` (first match wins). Template names are relative POSIX paths;
 *  nothing outside the search paths can be named. */
export class SearchPathLoader {
  /** Filled by nunjucks: compiled templates, so each file is compiled once per renderer. */
  cache: Record<string, unknown> = {};
  private env: CompileEnv | undefined;
  private readonly pendingCodeCache: PendingCodeCache[] = [];

  constructor(
    private readonly searchPaths: readonly string[],
    /** Folder for compiled template code; null compiles every time. */
    private readonly cacheDir: string | null = null,
  ) {}

  /** Bind the environment whose filters and tests the compiler checks names against. */
  attach(env: CompileEnv): void {
    this.env = env;
  }

  isRelative(name: string): boolean {
    return name.startsWith('./') || name.startsWith('../');
  }

  /** `./x` and `../x` in an include are relative to the including template, like nunjucks' own loaders. */
  resolve(from: string, to: string): string {
    return path.posix.normalize(path.posix.join(path.posix.dirname(from), to));
  }

  getSource(name: string): { src: { type: 'code'; obj: Record<string, unknown> }; path: string } | null {
    if (!this.env) throw new Error('SearchPathLoader used before attach()');
    if (!isSafeName(name)) {
      throw new TemplateCompileError(
        `template name "${name}" must be a relative path inside the templates`,
        name,
      );
    }
    const normalized = path.posix.normalize(name);
    for (const dir of this.searchPaths) {
      const file = path.join(dir, ...normalized.split('/'));
      if (!existsSync(file) || !statSync(file).isFile()) continue;
      const source = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      try {
        return {
          src: {
            type: 'code',
            obj: loadCompiled(source, normalized, this.env, this.cacheDir, this.pendingCodeCache),
          },
          path: normalized,
        };
      } catch (error) {
        const e = error as { message?: string; lineno?: number; colno?: number };
        // Nunjucks' parser and compiler report 1-based positions; drop its "(path) [Line…]" decoration.
        const message = String(e.message ?? error).replace(/^\(.*?\)(?: \[Line \d+, Column \d+\])?\n\s*/, '');
        throw new TemplateCompileError(
          message,
          normalized,
          e.lineno || undefined,
          e.colno || undefined,
          error instanceof TemplateUnsafeError,
        );
      }
    }
    return null;
  }

  /** Store V8's data for the templates compiled since the last call. Called after a render, so the
   *  data holds the functions V8 compiled while rendering too (it compiles functions lazily, on first
   *  call). */
  saveCodeCache(): void {
    for (const { entry, file, codeDigest, script } of this.pendingCodeCache.splice(0)) {
      try {
        const data = script.createCachedData();
        writeAtomic(file, Buffer.concat([codeCacheDigest(codeDigest, data), data]));
        const known = evaluated.get(entry);
        if (known !== undefined) known.stamp = diskStamp(entry);
      } catch {
        // read-only or full disk: compiled again next run
      }
    }
  }
}
