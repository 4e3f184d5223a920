// Messages between the host and the sandbox worker. Only strings and numbers cross: the spec goes in as
// JSON text and the view-model comes out as JSON text, so nothing the agent builds (getters, Proxies,
// functions, cycles) can reach the host realm.

/** Per-agent limits enforced inside the sandbox. */
export interface SandboxLimits {
  /** Wall-clock milliseconds the agent may run (module evaluation included). */
  cpuMs: number;
  /** Bytes the interpreter may allocate. */
  memoryBytes: number;
  /** Largest view-model, as UTF-16 code units of its JSON text. */
  outputChars: number;
}

/** Where the agent's package is and which of its files is the agent module. */
export interface AgentModuleRef {
  /** Absolute package folder (the verified copy); modules are read only from inside it. */
  packageRoot: string;
  /** Agent module, relative POSIX path inside the package. */
  module: string;
}

export interface DescribeJob extends AgentModuleRef {
  kind: 'describe';
  limits: SandboxLimits;
  /** Value of `Date.now()` inside the sandbox (ms since the epoch). */
  epochMs: number;
}

export interface RunJob extends AgentModuleRef {
  kind: 'run';
  limits: SandboxLimits;
  epochMs: number;
  /** `{spec, locale, inputs}` as JSON text. */
  input: string;
}

export type SandboxJob = DescribeJob | RunJob;

/** Why a job failed, as the host maps it to an error code. */
export type FailureKind = 'timeout' | 'resource' | 'output' | 'load' | 'failed';

export type SandboxReply = { ok: true; json: string } | { ok: false; kind: FailureKind; message: string };

/** What `describe` returns: the agent object's declared fields, as plain data. */
export interface AgentDescription {
  id: unknown;
  produces: unknown;
  needs: unknown;
  description: unknown;
  /** `typeof agent.run`. */
  run: string;
  /** False when the default export is not an object. */
  object: boolean;
}
