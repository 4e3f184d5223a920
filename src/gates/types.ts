import type { EngineVersions } from '../registry/resolve-version.js';
import type { PluginRef } from '../plugins/types.js';

/** The gates, in the order they run. */
export const GATE_NAMES = ['package', 'paths', 'manifest', 'engine', 'harness', 'determinism'] as const;
/** A locale pack passes `locale` (see locale-gate.ts) in place of the manifest and engine gates. */
export type GateName = (typeof GATE_NAMES)[number] | 'locale';

/** One problem a gate found. */
export interface GateFinding {
  /** The error code this finding corresponds to (docs/troubleshooting.md has an entry per code). */
  code?: string;
  /** What is wrong, naming the file or pack. */
  message: string;
  /** Package-relative file, when there is one. */
  file?: string;
  /** JSON pointer into `file`. */
  pointer?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** 1-based column in `line`. */
  column?: number;
  /** How to fix it. */
  hint?: string;
}

/** The verdict of one gate. */
export interface GateResult {
  name: GateName;
  ok: boolean;
  /** Set when the gate could not run because an earlier gate failed. */
  skipped?: string;
  findings: GateFinding[];
}

/** The verdict of all gates on one package. */
export interface GateReport {
  /** npm package name. */
  name: string;
  version: string;
  ok: boolean;
  gates: GateResult[];
}

/** The package under test. */
export interface GateTarget {
  /** Absolute package folder. */
  root: string;
  /** Expected package name ('' = take it from package.json). */
  name: string;
  /** Expected version ('' = take it from package.json). */
  version: string;
}

/** What the host knows when gating. */
export interface GateContext {
  /** The other loaded plugins (packs to extend, agents to use); a plugin named like the target is ignored. */
  plugins: PluginRef[];
  /** Command ids (and aliases) of the host and its core plugins → the plugin that provides each. */
  coreCommands?: Map<string, string>;
  /** Host versions; defaults to this studio. */
  host?: EngineVersions;
  /** Cache root (see studioCacheRoot); undefined = the default, null = no caching. */
  cacheDir?: string | null;
}
