import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Suites that drive the built CLI, an npm registry or a browser in child processes. */
const SPAWNING_DIRS = ['e2e', 'docs', 'integration', 'security', 'research'];
const SPAWNING = new RegExp(`[\\\\/]test[\\\\/](${SPAWNING_DIRS.join('|')})[\\\\/]`);
const INCLUDE = ['test/**/*.test.ts', 'plugins/*/test/**/*.test.ts', 'packs/*/test/**/*.test.ts'];

/** The two longest suites, started before all others: the release e2e (about a minute, npm installing
 *  the packed CLI) and the schema property test (about 40 s of one core). Either one started late is the
 *  run's tail. */
const LONGEST = ['test/e2e/release.test.ts', 'test/schemas/inputs.property.test.ts'];

/** Rank 0: the longest suites; 1: suites that start an npm registry or a browser; 2: other suites that
 *  spawn processes (in the spawning folders, or in-process suites that start a CLI or two); 3: the
 *  rest, short in-process suites that fill the gaps at the end. */
function rank(file: string): number {
  if (LONGEST.some((f) => file.replaceAll('\\', '/').endsWith(f))) return 0;
  const text = readFileSync(file, 'utf8');
  if (!SPAWNING.test(file)) return /\bspawn(Sync)?\(|\bstudio\(/.test(text) ? 2 : 3;
  return /\bstartVerdaccio\(|\bchromium\.launch\(/.test(text) ? 1 : 2;
}

/**
 * Vitest's order (failed first, then the longest by the last run's durations, else the largest files),
 * with the suites that spawn processes moved ahead by rank: on a fresh clone (CI) there are no
 * durations, and a registry or browser suite started last would be the run's long tail.
 */
class SpawningSuitesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const ranks = new Map(sorted.map((f) => [f, rank(f.moduleId)]));
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => ranks.get(a.f)! - ranks.get(b.f)! || a.i - b.i)
      .map((x) => x.f);
  }
}

/**
 * Libraries as the CLI loads them: without the "development" export condition, which Vite adds by
 * default and vitest passes on to its workers (--conditions). With it, micromark (markdownlint's
 * parser) loads its dev build, with an assertion and a debug() call at every step, and linting cost the
 * tests far more than it costs a user. Set on the resolved config: vitest's own config merges the
 * condition back into any list given in the config file.
 */
const librariesAsShipped: Plugin = {
  name: 'libraries-as-shipped',
  configResolved(config) {
    for (const resolve of [config.ssr.resolve, config.environments.ssr?.resolve]) {
      if (resolve?.conditions === undefined) continue;
      resolve.conditions = resolve.conditions.filter((c) => !/^development(\|production)?$/.test(c));
    }
  },
};

export default defineConfig({
  // Packs' own tests import the host's public API by its package name, as a third-party pack's would.
  resolve: { alias: { 'spec-to-pack-studio': fileURLToPath(new URL('src/index.ts', import.meta.url)) } },
  plugins: [librariesAsShipped],
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The CLI runs as users run it. Vitest sets NODE_ENV=test, which every process a test starts
    // inherits, and oclif treats "test" (and "development") as a developer's machine: no file cache,
    // devPlugins loaded, and a search for TypeScript sources that loaded the typescript compiler in
    // every CLI a test started (bin/run.js now turns that search off for everyone; it doubled the CPU
    // of a short command). Empty rather than unset (vitest would pass on the text "undefined"), and
    // not "production", which changes what npm installs.
    env: { NODE_ENV: '' },
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine. Most
    // suites spend their time waiting for the CLI processes they start, so one worker more than the
    // cores keeps both cores busy.
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: SpawningSuitesFirst },
    globalSetup: ['test/global-setup.ts'],
    // In-process suites share their worker's module cache (isolate: false): most of their cost was
    // importing the same modules again for every file. So do the suites that only start processes
    // (a fresh worker per file cost ~0.5 s of CPU each). The security suites set process-wide state
    // for the sandboxes they start (budgets and secrets in process.env) and stay isolated, one fresh
    // worker per file.
    projects: [
      {
        extends: true,
        test: {
          name: 'spawning',
          include: SPAWNING_DIRS.filter((d) => d !== 'security').map((d) => `test/${d}/**/*.test.ts`),
          isolate: false,
          // A test here waits on real processes (npm, a registry, the CLI), several at once: on a loaded
          // machine a minute is not a hang.
          testTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'security',
          include: ['test/security/**/*.test.ts'],
          testTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'in-process',
          include: INCLUDE,
          exclude: SPAWNING_DIRS.map((d) => `test/${d}/**`),
          isolate: false,
        },
      },
    ],
  },
});
