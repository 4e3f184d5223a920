// studio:ci-author — a model of a GitHub Actions workflow: one build job per declared stack language
// (with the static checks the test plan promises and a service container per declared data store), an
// end-to-end job, a package job that builds the release once, and one deploy job per environment that
// promotes that same artifact behind a GitHub environment (where approvals are configured). Actions are
// pinned by commit SHA; a step studio cannot fill is a placeholder that fails, never one that passes.
// Deploys to on-premises hosting run on a self-hosted runner inside the network. Every string is either
// a constant chosen here or user text the template quotes, stripped of `${{` so Actions never evaluates it.
// Names and notes are catalog messages (`ci.*`): only what people read is localised; keys, job ids,
// commands and action refs stay as they are.
import type { AgentContext, AgentDefinition, DeepReadonly, ProductModel } from '@studio/sdk';
import type { ReadonlySpec as Spec } from '@studio/sdk';
import {
  canonicalStep,
  parseRuntime,
  PINNED,
  recipeForLanguage,
  type RuntimeRecipe,
  serviceFor,
} from './lib/ci-runtimes.js';
import { type Message, msg } from './lib/message.js';
import { SlugAllocator } from './lib/slug.js';
import { oneLine } from './lib/text.js';

/** A key/value pair (kept as a list so templates print them in a fixed order). */
export interface Pair {
  key: string;
  value: string;
}

/** One workflow step: exactly one of `uses` and `run` is set. */
export interface StepModel {
  name: Message;
  uses: string | null;
  run: string | null;
  with: Pair[];
  env: Pair[];
}

/** A service container. */
export interface ServiceModel {
  id: string;
  image: string;
  env: Pair[];
  ports: string[];
}

/** One job. */
export interface JobModel {
  /** Job id: `[a-z0-9-]`, starts with a letter. */
  id: string;
  name: Message;
  needs: string[];
  /** Runner labels (constants). */
  runs_on: string[];
  /** GitHub environment name, or null. */
  environment: string | null;
  if: string | null;
  concurrency: string | null;
  /** Extra permissions for this job (constants), e.g. id-token: write for cloud deploys. */
  permissions: Pair[];
  services: ServiceModel[];
  steps: StepModel[];
}

/** The view-model under `ci`. */
export interface CiViewModel {
  name: Message;
  provider: string | null;
  /** Languages with the job that builds each (null when studio has no recipe for it). */
  languages: { name: string; job: string; supported: boolean }[];
  branch: string;
  jobs: JobModel[];
  /** Steps as written with what they became. */
  steps: { written: string; mapped_to: string | null }[];
  notes: Message[];
}

type Model = DeepReadonly<ProductModel>;

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

const CHECKOUT: StepModel = {
  name: msg('ci.step.checkout'),
  uses: PINNED.checkout,
  run: null,
  with: [],
  env: [],
};
/** Used when the Decision Sheet lists no CI steps: a stated default, named in the notes. */
const DEFAULT_STEPS = ['install', 'lint', 'test', 'build'];

/** A step studio cannot fill: it fails the run until someone replaces it. */
function placeholder(what: Message, key: string): StepModel {
  return {
    name: msg('ci.step.placeholder', { step: what }),
    uses: null,
    // The text reaches the shell only through an environment variable, never spliced into the script.
    run: 'echo "::error::No command is defined for \'$STUDIO_STEP\'; replace this step with the real one." && exit 1',
    with: [],
    env: [{ key: 'STUDIO_STEP', value: actionsText(key) }],
  };
}

function setup(recipe: RuntimeRecipe, version: string): StepModel {
  return {
    name: msg('ci.step.setup', { runtime: recipe.display, version }),
    uses: recipe.uses,
    run: null,
    with: [{ key: recipe.version_input, value: version }, ...recipe.extra],
    env: [],
  };
}

function job(id: string, name: Message, steps: StepModel[], extra: Partial<JobModel> = {}): JobModel {
  return {
    id,
    name,
    needs: [],
    runs_on: ['ubuntu-latest'],
    environment: null,
    if: null,
    concurrency: null,
    permissions: [],
    services: [],
    steps,
    ...extra,
  };
}

function run(ctx: AgentContext): CiViewModel {
  const spec: Spec = ctx.spec;
  const model = ctx.inputs.model as Model;
  const ci = spec.ops.ci;
  const notes: Message[] = [];
  const ids = new SlugAllocator();
  const runtime = ci ? parseRuntime(ci.runtime) : null;
  if (ci === null) notes.push(msg('ci.note.default_steps', { steps: DEFAULT_STEPS.join(', ') }));
  else if (
    ci.provider
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/gu, '-') !== 'github-actions'
  )
    notes.push(msg('ci.note.provider', { provider: actionsText(ci.provider) }));
  const written = ci && ci.steps.length > 0 ? [...ci.steps] : DEFAULT_STEPS;
  const deploy =
    written.some((w) => canonicalStep(w) === 'deploy') || (ci === null && spec.ops.environments.length > 0);
  // The test plan promises these static checks on every change; the Trophy adds scanning.
  const promised = ['typecheck', 'lint', 'format', ...(spec.dials.test === 'Trophy' ? ['audit'] : [])];
  const languages =
    spec.stack.languages.length > 0
      ? [...spec.stack.languages]
      : runtime?.recipe
        ? [runtime.recipe.display]
        : [];
  if (languages.length === 0) notes.push(msg('ci.note.no_language'));

  const stores = [
    ...new Set([
      ...spec.stack.datastores,
      ...model.participants.filter((p) => p.kind === 'datastore').map((p) => p.name),
    ]),
  ];
  const services: ServiceModel[] = [];
  const serviceIds = new SlugAllocator();
  for (const store of stores) {
    const recipe = serviceFor(store);
    if (recipe === null) {
      if (spec.stack.datastores.includes(store))
        notes.push(msg('ci.note.no_service', { store: actionsText(store) }));
      continue;
    }
    if (services.some((s) => s.image === recipe.image)) continue;
    services.push({
      id: serviceIds.allocate(store, 'db'),
      image: recipe.image,
      env: [...recipe.env],
      ports: [...recipe.ports],
    });
  }

  const mapped: CiViewModel['steps'] = [];
  const jobs: JobModel[] = [];
  const langs: CiViewModel['languages'] = [];
  for (const language of languages) {
    const recipe = recipeForLanguage(language);
    const id = ids.allocate(`build-${language}`, 'build');
    langs.push({ name: actionsText(language), job: id, supported: recipe !== null });
    if (recipe === null) {
      notes.push(msg('ci.note.no_recipe', { language: actionsText(language) }));
      jobs.push(
        job(id, msg('ci.job.build_language', { language: actionsText(language) }), [
          CHECKOUT,
          placeholder(msg('ci.step.setup_language', { language: actionsText(language) }), language),
        ]),
      );
      continue;
    }
    const version =
      runtime?.recipe?.language === recipe.language && runtime.version
        ? runtime.version
        : recipe.default_version;
    const steps: StepModel[] = [CHECKOUT, setup(recipe, version)];
    const keys = written.map((w) => ({ w, k: canonicalStep(w) })).filter((x) => x.k !== 'deploy');
    for (const p of promised)
      if (!keys.some((x) => x.k === p)) keys.splice(Math.min(1, keys.length), 0, { w: p, k: p });
    for (const { w, k } of keys) {
      const command = k !== null ? recipe.commands[k] : undefined;
      if (command === undefined) {
        steps.push(placeholder(msg('ci.step.as_written', { step: actionsText(w) }), w));
        mapped.push({ written: actionsText(w), mapped_to: null });
        continue;
      }
      steps.push({
        name: msg(`ci.step.${k!}`),
        uses: null,
        run: command,
        with: [],
        env: [],
      });
      mapped.push({ written: actionsText(w), mapped_to: command });
    }
    jobs.push(
      job(id, msg('ci.job.build_language', { language: actionsText(language) }), steps, {
        services: services.map((s) => ({ ...s })),
      }),
    );
  }
  if (jobs.length === 0) jobs.push(job(ids.allocate('build', 'build'), msg('ci.job.build'), [CHECKOUT]));
  const builds = jobs.map((j) => j.id);

  const primary = languages.map((l) => recipeForLanguage(l)).find((r) => r !== null) ?? null;
  const e2eCases = model.tests.filter((t) => t.level === 'e2e').map((t) => t.id);
  const e2eId = ids.allocate('e2e', 'e2e');
  jobs.push(
    job(
      e2eId,
      msg('ci.job.e2e'),
      [
        CHECKOUT,
        ...(primary ? [setup(primary, primary.default_version)] : []),
        primary?.commands['e2e']
          ? { name: msg('ci.step.e2e'), uses: null, run: primary.commands['e2e'], with: [], env: [] }
          : placeholder(msg('ci.step.e2e'), 'e2e'),
      ],
      { needs: builds, services: services.map((s) => ({ ...s })) },
    ),
  );
  if (e2eCases.length > 0) notes.push(msg('ci.note.e2e_cases', { cases: e2eCases.join(', ') }));

  const envs = spec.ops.environments;
  const hosting = model.hosting.model;
  if (deploy && envs.length === 0) notes.push(msg('ci.note.deploy_without_environments'));
  if (!deploy && envs.length > 0) notes.push(msg('ci.note.environments_without_deploy'));
  if (deploy && envs.length > 0) {
    const packageId = ids.allocate('package', 'package');
    jobs.push(
      job(
        packageId,
        msg('ci.job.package'),
        [
          CHECKOUT,
          ...(primary ? [setup(primary, primary.default_version)] : []),
          {
            name: msg('ci.step.package'),
            uses: null,
            run: './scripts/package.sh "$GITHUB_SHA" release',
            with: [],
            env: [],
          },
          {
            name: msg('ci.step.upload'),
            uses: PINNED.upload,
            run: null,
            with: [
              { key: 'name', value: 'release' },
              { key: 'path', value: 'release/' },
              { key: 'if-no-files-found', value: 'error' },
            ],
            env: [],
          },
        ],
        { needs: [e2eId], if: "github.event_name == 'push' && github.ref == 'refs/heads/main'" },
      ),
    );
    notes.push(msg('ci.note.build_once'));
    const onPrem = hosting === 'on-prem' || hosting === 'hybrid';
    if (onPrem) notes.push(msg('ci.note.on_prem'));
    if (hosting === null) notes.push(msg('ci.note.hosting_undeclared'));
    let previous = packageId;
    for (const env of envs) {
      const id = ids.allocate(`deploy-${env}`, 'deploy');
      const envName = actionsText(env);
      jobs.push(
        job(
          id,
          msg('ci.job.deploy', { environment: envName }),
          [
            {
              name: msg('ci.step.download'),
              uses: PINNED.download,
              run: null,
              with: [
                { key: 'name', value: 'release' },
                { key: 'path', value: 'release/' },
              ],
              env: [],
            },
            {
              name: msg('ci.step.deploy', { environment: envName }),
              uses: null,
              run: './scripts/deploy.sh "$DEPLOY_ENVIRONMENT" release/',
              with: [],
              env: [{ key: 'DEPLOY_ENVIRONMENT', value: envName }],
            },
          ],
          {
            needs: [previous],
            runs_on: onPrem ? ['self-hosted', 'linux'] : ['ubuntu-latest'],
            environment: envName,
            if: "github.event_name == 'push' && github.ref == 'refs/heads/main'",
            concurrency: id,
            // Cloud deploys authenticate with short-lived OIDC tokens instead of stored keys.
            permissions: hosting === 'cloud' ? [{ key: 'id-token', value: 'write' }] : [],
          },
        ),
      );
      previous = id;
    }
    notes.push(msg('ci.note.approvals', { environment: actionsText(envs[envs.length - 1]!) }));
  }
  return {
    name: actionsText(spec.title)
      ? msg('ci.workflow_name', { title: actionsText(spec.title) })
      : msg('ci.workflow_name_default'),
    provider: ci !== null ? actionsText(ci.provider) : null,
    languages: langs,
    branch: 'main',
    jobs,
    steps: mapped,
    notes,
  };
}

const agent: AgentDefinition<CiViewModel> = {
  id: 'studio:ci-author',
  produces: 'ci',
  needs: ['model'],
  description:
    'A GitHub Actions workflow: a job per stack language with service containers, e2e, build once and promote through approved environments, actions pinned by SHA, failing placeholders.',
  run,
};

export default agent;
