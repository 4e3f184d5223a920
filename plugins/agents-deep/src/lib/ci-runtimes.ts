// Runtimes a CI workflow can set up, and the conventional command for each CI step on that runtime.
// Commands are fixed strings chosen here, never user text: user text only ever reaches the workflow as
// quoted YAML values or environment variables.

/** A runtime we know how to set up in GitHub Actions. */
export interface RuntimeRecipe {
  /** Canonical name: node, python, go, java. */
  language: string;
  /** Name for step titles: "Node.js". */
  display: string;
  /** Action that installs it, pinned to a major version. */
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

const RECIPES: RuntimeRecipe[] = [
  {
    language: 'node',
    display: 'Node.js',
    uses: 'actions/setup-node@v4',
    version_input: 'node-version',
    default_version: '20',
    extra: [{ key: 'cache', value: 'npm' }],
    commands: {
      install: 'npm ci',
      lint: 'npm run lint',
      format: 'npm run format:check',
      typecheck: 'npm run typecheck',
      test: 'npm test',
      e2e: 'npm run test:e2e',
      coverage: 'npm run coverage',
      build: 'npm run build',
      audit: 'npm audit --audit-level=high',
    },
    deploy: 'npm run deploy -- "$DEPLOY_ENVIRONMENT"',
  },
  {
    language: 'python',
    display: 'Python',
    uses: 'actions/setup-python@v5',
    version_input: 'python-version',
    default_version: '3.12',
    extra: [{ key: 'cache', value: 'pip' }],
    commands: {
      install: 'python -m pip install -r requirements.txt',
      lint: 'python -m ruff check .',
      format: 'python -m ruff format --check .',
      typecheck: 'python -m mypy .',
      test: 'python -m pytest',
      e2e: 'python -m pytest tests/e2e',
      coverage: 'python -m pytest --cov',
      build: 'python -m build',
      audit: 'python -m pip_audit',
    },
    deploy: './scripts/deploy.sh "$DEPLOY_ENVIRONMENT"',
  },
  {
    language: 'go',
    display: 'Go',
    uses: 'actions/setup-go@v5',
    version_input: 'go-version',
    default_version: '1.22',
    extra: [],
    commands: {
      install: 'go mod download',
      lint: 'go vet ./...',
      format: 'test -z "$(gofmt -l .)"',
      typecheck: 'go build ./...',
      test: 'go test ./...',
      e2e: 'go test -tags e2e ./...',
      coverage: 'go test -cover ./...',
      build: 'go build ./...',
      audit: 'go run golang.org/x/vuln/cmd/govulncheck@latest ./...',
    },
    deploy: './scripts/deploy.sh "$DEPLOY_ENVIRONMENT"',
  },
  {
    language: 'java',
    display: 'Java',
    uses: 'actions/setup-java@v4',
    version_input: 'java-version',
    default_version: '21',
    extra: [
      { key: 'distribution', value: 'temurin' },
      { key: 'cache', value: 'maven' },
    ],
    commands: {
      install: 'mvn -B -q dependency:resolve',
      lint: 'mvn -B -q checkstyle:check',
      format: 'mvn -B -q spotless:check',
      typecheck: 'mvn -B -q compile',
      test: 'mvn -B test',
      e2e: 'mvn -B verify',
      coverage: 'mvn -B verify',
      build: 'mvn -B package -DskipTests',
      audit: 'mvn -B -q org.owasp:dependency-check-maven:check',
    },
    deploy: './scripts/deploy.sh "$DEPLOY_ENVIRONMENT"',
  },
];

const ALIASES: Record<string, string> = {
  node: 'node',
  nodejs: 'node',
  'node.js': 'node',
  python: 'python',
  python3: 'python',
  py: 'python',
  go: 'go',
  golang: 'go',
  java: 'java',
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
