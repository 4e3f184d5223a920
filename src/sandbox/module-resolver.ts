// The only module loader sandboxed agents have. Module names inside the sandbox are virtual:
// "pkg:/<path>" for files of the agent's own package and "sdk:/<path>" for the public SDK, which is
// plain data helpers. Anything else (bare names, "node:", absolute paths, URLs, `..` out of the package,
// symlinks that leave it) is refused, so an agent can import only its own verified files.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The SDK package agents may import by name. */
export const SDK_NAME = '@studio/sdk';
/** Largest module file the loader reads. */
const MAX_MODULE_BYTES = 4 * 1024 * 1024;

export class ModuleRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModuleRefused';
  }
}

/** The SDK's package folder: up from its resolved entry to the package.json that names it. */
function sdkRoot(): string | null {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(SDK_NAME);
  } catch {
    return null;
  }
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pjson = path.join(dir, 'package.json');
    if (existsSync(pjson) && (JSON.parse(readFileSync(pjson, 'utf8')) as { name?: string }).name === SDK_NAME)
      return dir;
  }
  return null;
}

function sdkEntry(root: string): string {
  const pjson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    main?: string;
    exports?: unknown;
  };
  const exp = pjson.exports as Record<string, unknown> | string | undefined;
  let entry: unknown = typeof exp === 'string' ? exp : exp?.['.'];
  if (entry !== null && typeof entry === 'object') {
    const cond = entry as Record<string, unknown>;
    entry = cond.import ?? cond.default;
  }
  return path.posix.normalize(typeof entry === 'string' ? entry : (pjson.main ?? 'index.js'));
}

/** Resolves and reads modules for one agent package. */
export class AgentModuleResolver {
  private readonly roots: Map<string, string>;

  constructor(packageRoot: string) {
    this.roots = new Map([['pkg', realpathSync(packageRoot)]]);
    const sdk = sdkRoot();
    if (sdk !== null) this.roots.set('sdk', realpathSync(sdk));
  }

  /** Virtual name of a file of the agent's package. */
  static packageModule(relPath: string): string {
    return `pkg:/${path.posix.normalize(relPath).replace(/^\/+/, '')}`;
  }

  normalize(base: string, requested: string): string {
    if (requested === SDK_NAME) {
      const root = this.roots.get('sdk');
      if (root === undefined) throw new ModuleRefused(`"${SDK_NAME}" is not installed`);
      return `sdk:/${sdkEntry(root).replace(/^\.?\/+/, '')}`;
    }
    if (!requested.startsWith('./') && !requested.startsWith('../')) {
      throw new ModuleRefused(
        `import of "${requested}" refused: an agent may import only files of its own package ` +
          `(relative paths) and "${SDK_NAME}"`,
      );
    }
    const match = /^(pkg|sdk):\/(.*)$/.exec(base);
    if (!match) throw new ModuleRefused(`import of "${requested}" from an unknown module refused`);
    const joined = path.posix.normalize(path.posix.join(path.posix.dirname(match[2]!), requested));
    if (joined.startsWith('/') || joined.split('/').includes('..')) {
      throw new ModuleRefused(`import of "${requested}" refused: it leaves the package`);
    }
    return `${match[1]}:/${joined}`;
  }

  load(name: string): string {
    const match = /^(pkg|sdk):\/(.+)$/.exec(name);
    const root = match ? this.roots.get(match[1]!) : undefined;
    if (!match || root === undefined) throw new ModuleRefused(`module "${name}" refused`);
    const rel = match[2]!;
    if (!/\.(m?js|json)$/.test(rel)) throw new ModuleRefused(`module "${rel}" is not a .js or .mjs file`);
    const file = path.join(root, ...rel.split('/'));
    if (!existsSync(file)) throw new ModuleRefused(`module "${rel}" does not exist in the package`);
    const real = realpathSync(file);
    if (real !== root && !real.startsWith(root + path.sep)) {
      throw new ModuleRefused(`module "${rel}" resolves outside the package`);
    }
    const stat = statSync(real);
    if (!stat.isFile()) throw new ModuleRefused(`module "${rel}" is not a regular file`);
    if (stat.size > MAX_MODULE_BYTES) throw new ModuleRefused(`module "${rel}" is larger than 4 MiB`);
    const source = readFileSync(real, 'utf8');
    return rel.endsWith('.json') ? `export default ${JSON.stringify(JSON.parse(source))};` : source;
  }
}
