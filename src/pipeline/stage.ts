// A stage of the pipeline (DESIGN §2) is a typed step from its input to its output; the orchestrator
// is the straight sequence of them. Each stage runs as one budgeted, audited step; a stage's own work
// may be made of further steps (an agent, a template), run through `ctx.steps`.
import type { RunContext } from './run-context.js';
import { StepRunner } from './step-runner.js';

/** The orchestrator's states (DESIGN §2), in order. Any state may go to Failed. */
export const STATES = [
  'CollectInputs',
  'BuildSpec',
  'ValidateSpec',
  'Research',
  'Plan',
  'RunAgents',
  'Render',
  'ValidateOutputs',
  'Write',
  'Package',
  'Index',
  'Report',
  'Done',
] as const;
export type State = (typeof STATES)[number] | 'Failed';

/** What every stage gets besides its input. */
export interface StageContext {
  /** The run: id, budgets, clock, audit log, cache root, offline flag. */
  run: RunContext;
  /** Runs the stage's inner steps (an agent, a template) under the run's budgets. */
  steps: StepRunner;
  /** Environment (SOURCE_DATE_EPOCH). */
  env: NodeJS.ProcessEnv;
  /** Tells the user something that did not stop the run (printed, and in the result). */
  warn(message: string): void;
}

/** One stage: a name from STATES and a function from input to output. */
export interface Stage<I, O> {
  name: Exclude<State, 'Done' | 'Failed'>;
  /** True when the stage's work is made of its own steps: then only the total budget bounds it, so
   *  the per-step timeout names the inner step that overran. */
  container?: boolean;
  run(input: I, ctx: StageContext): O | Promise<O>;
}

/** Declare a stage (types only: it returns its argument). */
export function defineStage<I, O>(stage: Stage<I, O>): Stage<I, O> {
  return stage;
}

/** How one stage went, for the result and the run report. */
export interface StageRecord {
  name: string;
  status: 'ok' | 'failed' | 'skipped';
  duration_ms: number;
}

/** Runs stages one after the other, recording each (audit events and StageRecords). */
export class StageSequence {
  readonly records: StageRecord[] = [];
  /** The stage running now (or the last one), for the Failed event. */
  current: State = 'CollectInputs';

  constructor(readonly ctx: StageContext) {}

  async run<I, O>(stage: Stage<I, O>, input: I): Promise<O> {
    const { audit, clock } = this.ctx.run;
    this.current = stage.name;
    const start = clock.monotonic();
    audit.info(stage.name, 'entered');
    try {
      const output = await this.ctx.steps.run(
        stage.name,
        'completed',
        () => stage.run(input, this.ctx),
        undefined,
        stage.container,
      );
      this.records.push({ name: stage.name, status: 'ok', duration_ms: clock.monotonic() - start });
      return output;
    } catch (error) {
      this.records.push({ name: stage.name, status: 'failed', duration_ms: clock.monotonic() - start });
      throw error;
    }
  }

  /** Record a stage that does not run in this configuration. */
  skip(name: Stage<unknown, unknown>['name']): void {
    this.current = name;
    this.records.push({ name, status: 'skipped', duration_ms: 0 });
    this.ctx.run.audit.info(name, 'skipped');
  }
}

/** A stage context for `run` (used by the orchestrator and by renderPacks). */
export function stageContext(run: RunContext, env: NodeJS.ProcessEnv, warnings: string[] = []): StageContext {
  return { run, steps: new StepRunner(run), env, warn: (message) => warnings.push(message) };
}
