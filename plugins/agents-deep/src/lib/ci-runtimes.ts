// Runtimes a CI workflow can set up, and the conventional command for each CI step on that runtime.
// Commands are fixed strings chosen here, never user text: user text only ever reaches the workflow as
// quoted YAML values or environment variables.

/** A runtime we know how to set up in GitHub Actions. */
export interface RuntimeRecipe {
  /** Canonical name: node, python, go, java. */
  language: string;
  /** Name for step titles: "Node.js". */
  display: string;
  /** Action that installs it, pinned to a full commit SHA (tags can be moved; SHAs cannot). */
  uses: string;
  /** Input naming the version, e.g. "node-version". */
  version_input: string;
  /** Version used when the spec names none. */
  default_version: string;
  /** Extra inputs (e.g. the dependency cache). */
  extra: { key: string; value: string }[];
  /** Command per known step name. */
  commands: Record<string, string>;
  /** Command for deploying to an environment named in $DEPLOY_ENVIRONMENT. */
  deploy: string;
}

/** The runtimes, in the column order of the tables below. */
const RUNTIMES = ['node', 'python', 'go', 'java'] as const;
const COLUMNS = [0, 1, 2, 3] as const;

/** One value per runtime, in RUNTIMES order. */
type PerRuntime<T> = readonly [node: T, python: T, go: T, java: T];

// How each runtime is set up in GitHub Actions: one row per setting, one column per runtime.
const SETUP: {
  [K in 'display' | 'uses' | 'version_input' | 'default_version' | 'extra']: PerRuntime<RuntimeRecipe[K]>;
} = {
  display: ['Node.js', 'Python', 'Go', 'Java'],
  uses: [
    'actions/setup-node@60edb5dd545a775178f52524783378180af0d1f8', // v4.0.2
    'actions/setup-python@0a5c61591373683505ea898e09a3ea4f39ef2b9c', // v5.0.0
    'actions/setup-go@0c52d547c9bc32b1aa3301fd7a9cb496313a4491', // v5.0.0
    'actions/setup-java@387ac29b308b003ca37ba93a6cab5eb57c8f5f93', // v4.0.0
  ],
  version_input: ['node-version', 'python-version', 'go-version', 'java-version'],
  default_version: ['20', '3.12', '1.22', '21'],
  extra: [
    [{ key: 'cache', value: 'npm' }],
    [{ key: 'cache', value: 'pip' }],
    [],
    [
      { key: 'distribution', value: 'temurin' },
      { key: 'cache', value: 'maven' },
    ],
  ],
};

// The command for each known CI step: one row per step, one column per runtime.
// prettier-ignore
const COMMANDS: Record<string, PerRuntime<string>> = {
  //           node                            python                                       go                                                       java
  install:    ['npm ci',                       'python -m pip install -r requirements.txt', 'go mod download',                                       'mvn -B -q dependency:resolve'],
  lint:       ['npm run lint',                 'python -m ruff check .',                    'go vet ./...',                                          'mvn -B -q checkstyle:check'],
  format:     ['npm run format:check',         'python -m ruff format --check .',           'test -z "$(gofmt -l .)"',                               'mvn -B -q spotless:check'],
  typecheck:  ['npm run typecheck',            'python -m mypy .',                          'go build ./...',                                        'mvn -B -q compile'],
  test:       ['npm test',                     'python -m pytest',                          'go test ./...',                                         'mvn -B test'],
  e2e:        ['npm run test:e2e',             'python -m pytest tests/e2e',                'go test -tags e2e ./...',                               'mvn -B verify'],
  coverage:   ['npm run coverage',             'python -m pytest --cov',                    'go test -cover ./...',                                  'mvn -B verify'],
  build:      ['npm run build',                'python -m build',                           'go build ./...',                                        'mvn -B package -DskipTests'],
  audit:      ['npm audit --audit-level=high', 'python -m pip_audit',                       'go run golang.org/x/vuln/cmd/govulncheck@latest ./...', 'mvn -B -q org.owasp:dependency-check-maven:check'],
};

const DEPLOY: PerRuntime<string> = [
  'npm run deploy -- "$DEPLOY_ENVIRONMENT"',
  './scripts/deploy.sh "$DEPLOY_ENVIRONMENT"',
  './scripts/deploy.sh "$DEPLOY_ENVIRONMENT"',
  './scripts/deploy.sh "$DEPLOY_ENVIRONMENT"',
];

const RECIPES: RuntimeRecipe[] = COLUMNS.map((i) => ({
  language: RUNTIMES[i],
  display: SETUP.display[i],
  uses: SETUP.uses[i],
  version_input: SETUP.version_input[i],
  default_version: SETUP.default_version[i],
  extra: SETUP.extra[i],
  commands: Object.fromEntries(Object.entries(COMMANDS).map(([step, row]) => [step, row[i]])),
  deploy: DEPLOY[i],
}));

// Declared language or runtime names → the toolchain that builds them (a lookup of what the Decision
// Sheet declares, not a guess about what something is).
const ALIASES: Record<string, string> = {
  typescript: 'node',
  javascript: 'node',
  ts: 'node',
  js: 'node',
  node: 'node',
  nodejs: 'node',
  'node.js': 'node',
  python: 'python',
  python3: 'python',
  py: 'python',
  go: 'go',
  golang: 'go',
  java: 'java',
  kotlin: 'java',
  jdk: 'java',
  temurin: 'java',
};

const STEP_ALIASES: Record<string, string> = {
  install: 'install',
  deps: 'install',
  dependencies: 'install',
  setup: 'install',
  lint: 'lint',
  linting: 'lint',
  format: 'format',
  fmt: 'format',
  typecheck: 'typecheck',
  'type-check': 'typecheck',
  types: 'typecheck',
  test: 'test',
  tests: 'test',
  'unit-test': 'test',
  'unit-tests': 'test',
  e2e: 'e2e',
  'e2e-test': 'e2e',
  coverage: 'coverage',
  build: 'build',
  compile: 'build',
  audit: 'audit',
  'security-audit': 'audit',
  deploy: 'deploy',
  release: 'deploy',
};

/** A runtime string read: `node@20`, `Node.js 20`, `python3.12`, `go 1.22`, `java@21`, `jdk17`. */
export interface ParsedRuntime {
  /** As written. */
  raw: string;
  /** Recipe when the language is known, else null. */
  recipe: RuntimeRecipe | null;
  /** Version from the text (digits, dots, `x`), else the recipe's default, else null. */
  version: string | null;
}

/** Parse a runtime string. Unknown languages give `recipe: null`; odd versions are ignored, not copied. */
export function parseRuntime(raw: string): ParsedRuntime {
  const m = /^\s*([a-z][a-z.]*?)(?:\s*[@:\s-]?\s*v?(\d+(?:\.(?:\d+|x))*))?\s*$/iu.exec(raw);
  const name = (m?.[1] ?? '').toLowerCase();
  const language = ALIASES[name] ?? (/^python3$/u.test(name) ? 'python' : undefined);
  const recipe = RECIPES.find((r) => r.language === language) ?? null;
  const version = m?.[2] ?? recipe?.default_version ?? null;
  return { raw, recipe, version: recipe === null ? (m?.[2] ?? null) : version };
}

/** Canonical step name for what the author wrote ("Unit tests" → "test"), or null when unknown. */
export function canonicalStep(step: string): string | null {
  const key = step
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/gu, '-');
  return STEP_ALIASES[key] ?? null;
}

/** The recipe for a declared stack language ("TypeScript", "Python"), or null when studio knows none. */
export function recipeForLanguage(language: string): RuntimeRecipe | null {
  const key = language.trim().toLowerCase();
  const name = ALIASES[key];
  return RECIPES.find((r) => r.language === name) ?? null;
}

/** Pinned actions used outside the runtime recipes. */
export const PINNED = {
  checkout: 'actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11', // v4.1.1
  upload: 'actions/upload-artifact@5d5d22a31266ced268874388b861e4b58bb5c2f3', // v4.3.1
  download: 'actions/download-artifact@c850b930e6ba138125429b7e5c93fc707a7f8427', // v4.1.4
};

/** A service container for a declared data store product, or null when studio knows no image for it. */
export interface ServiceRecipe {
  image: string;
  env: { key: string; value: string }[];
  ports: string[];
}

// Declared data store products → official images (values for a throwaway CI database only).
const SERVICES: Record<string, ServiceRecipe> = {
  postgresql: {
    image: 'postgres:16',
    env: [{ key: 'POSTGRES_PASSWORD', value: 'postgres' }],
    ports: ['5432:5432'],
  },
  postgres: {
    image: 'postgres:16',
    env: [{ key: 'POSTGRES_PASSWORD', value: 'postgres' }],
    ports: ['5432:5432'],
  },
  mysql: { image: 'mysql:8.4', env: [{ key: 'MYSQL_ROOT_PASSWORD', value: 'mysql' }], ports: ['3306:3306'] },
  mariadb: {
    image: 'mariadb:11',
    env: [{ key: 'MARIADB_ROOT_PASSWORD', value: 'mariadb' }],
    ports: ['3306:3306'],
  },
  redis: { image: 'redis:7', env: [], ports: ['6379:6379'] },
  mongodb: { image: 'mongo:7', env: [], ports: ['27017:27017'] },
};

export function serviceFor(datastore: string): ServiceRecipe | null {
  return SERVICES[datastore.trim().toLowerCase()] ?? null;
}
