// studio:ci-author — a model of a GitHub Actions workflow built from ops.ci: a build job that sets up
// the runtime and runs the declared steps, then one deploy job per environment, each needing the one
// before. The template only prints this model; every string in it is either a constant chosen here or
// user text that is quoted by the template and stripped of `${{` so Actions never evaluates it.
import type { AgentContext, AgentDefinition, ReadonlySpec as Spec } from '@studio/sdk';
import { canonicalStep, parseRuntime } from './lib/ci-runtimes.js';
import { SlugAllocator } from './lib/slug.js';
import { oneLine } from './lib/text.js';

/** A key/value pair (kept as a list so templates print them in a fixed order). */
export interface Pair {
  key: string;
  value: string;
}

/** One workflow step: exactly one of `uses` and `run` is set. */
export interface StepModel {
  name: string;
  uses: string | null;
  run: string | null;
  with: Pair[];
  env: Pair[];
}

/** One job. */
export interface JobModel {
  /** Job id: `[a-z0-9-]`, starts with a letter. */
  id: string;
  name: string;
  needs: string[];
  /** GitHub environment name, or null. */
  environment: string | null;
  /** Condition (a constant expression), or null. */
  if: string | null;
  /** Concurrency group for deploys (one deploy per environment at a time), or null. */
  concurrency: string | null;
  steps: StepModel[];
}

/** The view-model under `ci`. */
export interface CiViewModel {
  /** Workflow name. */
  name: string;
  /** The provider as written; the artifact is a GitHub Actions workflow either way. */
  provider: string | null;
  runtime: { raw: string | null; language: string | null; version: string | null; supported: boolean };
  /** Branch that deploys. */
  branch: string;
  jobs: JobModel[];
  /** Steps as written with what they became: a command, a deploy job, or a placeholder. */
  steps: { written: string; mapped_to: string | null }[];
  /** Things a reviewer must know (constants plus quoted user text, for the docs and YAML comments). */
  notes: string[];
}

/** User text safe to place in a workflow value: one line, no `${{` for Actions to evaluate. */
export function actionsText(text: string): string {
  return (
    oneLine(text)
      // Control characters have no place in a workflow value and YAML rejects most of them.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu, '')
      .replace(/\$\{\{/gu, '$ {{')
  );
}

const CHECKOUT: StepModel = { name: 'Check out', uses: 'actions/checkout@v4', run: null, with: [], env: [] };

function setupSteps(spec: Spec): { steps: StepModel[]; runtime: ReturnType<typeof parseRuntime> | null } {
  const raw = spec.ops.ci?.runtime ?? null;
  if (raw === null) return { steps: [CHECKOUT], runtime: null };
  const runtime = parseRuntime(raw);
  if (runtime.recipe === null) return { steps: [CHECKOUT], runtime };
  const r = runtime.recipe;
  const setup: StepModel = {
    name: `Set up ${r.display} ${runtime.version ?? r.default_version}`,
    uses: r.uses,
    run: null,
    with: [{ key: r.version_input, value: runtime.version ?? r.default_version }, ...r.extra],
    env: [],
  };
  return { steps: [CHECKOUT, setup], runtime };
}

function placeholder(written: string): StepModel {
  return {
    name: `${actionsText(written)} (command to be defined)`,
    uses: null,
    // The step name reaches the shell only through an environment variable, never spliced into the script.
    run: 'echo "::warning::No command is mapped for CI step \'$STUDIO_STEP\'; replace this step with the real one."',
    with: [],
    env: [{ key: 'STUDIO_STEP', value: actionsText(written) }],
  };
}

function run(ctx: AgentContext): CiViewModel {
  const spec = ctx.spec;
  const ci = spec.ops.ci;
  const { steps: setup, runtime } = setupSteps(spec);
  const recipe = runtime?.recipe ?? null;
  const notes: string[] = [];
  if (ci === null)
    notes.push('ops.ci is empty: this is a starting point with checkout only; add the build steps.');
  if (
    ci !== null &&
    ci.provider
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/gu, '-') !== 'github-actions'
  ) {
    notes.push(
      `The Decision Sheet names "${actionsText(ci.provider)}" as CI provider; this is the GitHub Actions equivalent.`,
    );
  }
  if (runtime !== null && recipe === null) {
    notes.push(
      `Runtime "${actionsText(runtime.raw)}" is not one studio can set up (node, python, go, java); add its setup step.`,
    );
  }
  const buildSteps: StepModel[] = [...setup];
  const mapped: CiViewModel['steps'] = [];
  let deploy = false;
  for (const written of ci?.steps ?? []) {
    const step = canonicalStep(written);
    if (step === 'deploy') {
      deploy = true;
      mapped.push({ written: actionsText(written), mapped_to: 'deploy jobs' });
      continue;
    }
    const command = step !== null && recipe !== null ? recipe.commands[step] : undefined;
    if (command === undefined) {
      buildSteps.push(placeholder(written));
      mapped.push({ written: actionsText(written), mapped_to: null });
      continue;
    }
    const name = `${step!.charAt(0).toUpperCase()}${step!.slice(1)}`;
    buildSteps.push({ name, uses: null, run: command, with: [], env: [] });
    mapped.push({ written, mapped_to: command });
  }
  const jobs: JobModel[] = [
    {
      id: 'build',
      name: 'Build and test',
      needs: [],
      environment: null,
      if: null,
      concurrency: null,
      steps: buildSteps,
    },
  ];
  const envs = spec.ops.environments;
  if (deploy && envs.length === 0)
    notes.push('A deploy step is listed but ops.environments is empty: add environments to get deploy jobs.');
  if (!deploy && envs.length > 0)
    notes.push('Environments are declared but no deploy step: deployment is outside this workflow.');
  if (deploy) {
    const ids = new SlugAllocator();
    ids.allocate('build', 'build');
    let previous = 'build';
    const install = recipe?.commands['install'];
    for (const env of envs) {
      const id = ids.allocate(`deploy-${env}`, 'deploy');
      const envName = actionsText(env);
      const steps: StepModel[] = [...setup];
      if (install !== undefined) steps.push({ name: 'Install', uses: null, run: install, with: [], env: [] });
      steps.push({
        name: `Deploy to ${envName}`,
        uses: null,
        run: recipe?.deploy ?? './scripts/deploy.sh "$DEPLOY_ENVIRONMENT"',
        with: [],
        env: [{ key: 'DEPLOY_ENVIRONMENT', value: envName }],
      });
      jobs.push({
        id,
        name: `Deploy to ${envName}`,
        needs: [previous],
        environment: envName,
        if: "github.event_name == 'push' && github.ref == 'refs/heads/main'",
        concurrency: id,
        steps,
      });
      previous = id;
    }
  }
  return {
    name: `${actionsText(spec.title) || 'Product'} CI`,
    provider: ci !== null ? actionsText(ci.provider) : null,
    runtime: {
      raw: runtime?.raw ?? null,
      language: recipe?.language ?? null,
      version: runtime?.version ?? null,
      supported: recipe !== null,
    },
    branch: 'main',
    jobs,
    steps: mapped,
    notes,
  };
}

const agent: AgentDefinition<CiViewModel> = {
  id: 'studio:ci-author',
  produces: 'ci',
  description:
    'A GitHub Actions workflow model from ops.ci: runtime setup, build steps, deploy jobs per environment.',
  run,
};

export default agent;
