// The edits scripts/build.mjs makes to @oclif/core while bundling it (dist/bundles/oclif-core-*.cjs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

// What a `generate` run never uses of oclif, loaded on first use instead of with oclif (~8 ms of every
// start, measured with each module's init timed): by file under @oclif/core/lib, the requires made
// lazy ('*': all of them, the index: each export loads when read). Each binding is used only as
// `binding.name` (checked below), so a lazyModule() stand-in (src/cli/oclif-lazy.ts) can take its
// place. main.js reads two functions of help/util.js through the whole help module; they are read
// from help/util.js instead (the same functions), so that help loads only for help.
export const LAZY_OCLIF = {
  'index.js': '*',
  'main.js': ['./help'],
  'flags.js': ['./help'],
  'help/util.js': ['ejs'],
  'errors/handle.js': ['../help/index', './errors/pretty-print'],
  'errors/errors/cli.js': ['wrap-ansi'],
  'errors/errors/pretty-print.js': ['wrap-ansi'],
  'config/plugin.js': ['tinyglobby'],
  'config/config.js': ['ejs'],
  'util/os.js': ['node:child_process'],
  'logger.js': ['debug'],
  'ux/supports-color.js': ['supports-color'],
  'parser/parse.js': ['node:readline'],
};
export const OCLIF_EDITS = {
  'main.js': [
    [
      'const help_1 = require("./help");',
      'const help_1 = require("./help");\nconst help_util_1 = require("./help/util");',
    ],
    ['(0, help_1.getHelpFlagAdditions)', '(0, help_util_1.getHelpFlagAdditions)'],
    ['(0, help_1.normalizeArgv)', '(0, help_util_1.normalizeArgv)'],
  ],
  // wsl-utils re-exports is-wsl's answer, and loads child_process and PowerShell helpers to do so.
  'util/os.js': [["(await import('wsl-utils')).isWsl ?", "(await import('is-wsl')).default ?"]],
  // The debug library only once DEBUG names something (see debugWhenEnabled).
  'logger.js': [
    [
      '    const debug = (0, debug_1.default)(namespace);',
      '    const debug = require("studio:oclif-lazy").debugWhenEnabled(() => (0, debug_1.default)(namespace));',
    ],
  ],
  // The first localeCompare of a process initialises ICU's collator (~5 ms); see compareCommandIds.
  'config/plugin.js': [
    [
      '.sort((a, b) => a.id.localeCompare(b.id));',
      '.sort((a, b) => require("studio:oclif-lazy").compareCommandIds(a.id, b.id));',
    ],
  ],
};

/** The source of an @oclif/core/lib file with the edits and lazy requires above; throws when the
 *  installed oclif no longer has what they expect (review them on an oclif upgrade). `lazy` is the
 *  expression a lazy require calls with its loader (in a command bundle, its banner's __studioLazy). */
export function lazyOclifSource(
  file,
  code,
  lazyRequires = LAZY_OCLIF,
  edits = OCLIF_EDITS,
  lazy = 'require("studio:oclif-lazy").lazyModule',
) {
  for (const [from, to] of edits[file] ?? []) {
    if (code.split(from).length !== 2) throw new Error(`${file} has no single "${from}"; review the edit`);
    code = code.replace(from, () => to);
  }
  const specs = lazyRequires[file];
  if (specs === undefined) return code;
  const wanted = (spec) => specs === '*' || specs.includes(spec);
  const found = new Set();
  // `exports.X = __importStar(require("m"));` (index.js): a getter that loads m when X is read.
  code = code.replace(
    /^exports\.(\w+) = (__importStar\(require\("([^"]+)"\)\));$/gm,
    (line, name, value, spec) => {
      if (!wanted(spec)) return line;
      found.add(spec);
      return `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, get: () => ${value} });`;
    },
  );
  // `const x_1 = require("m");`, also wrapped in __importDefault/__importStar.
  const declaration = /^(var|const) (\w+) = ((?:__importDefault|__importStar)\()?require\("([^"]+)"\)\)?;$/gm;
  code = code.replace(declaration, (line, kind, name, wrap, spec) => {
    if (!wanted(spec)) return line;
    found.add(spec);
    // Every occurrence but the declaration must be `name.x` (one preceded by a dot, like `...name` or
    // `o.name`, counts as another use: refused rather than guessed).
    const uses = code.match(new RegExp(`(?<![\\w$])${name}\\b(?!\\.)|(?<=\\.)${name}\\b`, 'g')) ?? [];
    if (uses.length !== 1)
      throw new Error(`${file} uses ${name} other than as ${name}.x; it cannot be lazy`);
    const value = line.slice(line.indexOf('=') + 2, -1);
    return `${kind} ${name} = ${lazy}(() => ${value});`;
  });
  for (const spec of specs === '*' ? [] : specs)
    if (!found.has(spec)) throw new Error(`${file} no longer requires "${spec}"; review the lazy requires`);
  return code;
}

/** The esbuild plugin that applies them, for the repository at `root`. */
export function lazyOclif(root) {
  const lib = join(dirname(createRequire(join(root, 'package.json')).resolve('@oclif/core')), '/');
  return {
    name: 'lazy-oclif',
    setup(b) {
      b.onResolve({ filter: /^studio:oclif-lazy$/ }, () => ({ path: join(root, 'src/cli/oclif-lazy.ts') }));
      b.onLoad({ filter: /@oclif[\\/]core[\\/]lib[\\/].*\.js$/ }, (args) => {
        const file = relative(lib, args.path).split('\\').join('/');
        if (LAZY_OCLIF[file] === undefined && OCLIF_EDITS[file] === undefined) return undefined;
        return { contents: lazyOclifSource(file, readFileSync(args.path, 'utf8')), loader: 'js' };
      });
    },
  };
}
