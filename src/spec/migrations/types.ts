/** One step that upgrades a Source Spec from one format version to the next. */
export interface SpecMigration {
  /** Stable id, "<from>-to-<to>", recorded in the audit log. */
  id: string;
  /** The major.minor it applies to (any patch). */
  from: string;
  /** The exact version it produces. */
  to: string;
  /** One line for `studio migrate` and the audit log. */
  description: string;
  /** Rewrite the spec (a private deep copy; mutate freely) and return it. `meta.spec_version` is set
   *  by the runner afterwards. */
  up(spec: Record<string, unknown>): Record<string, unknown>;
}
