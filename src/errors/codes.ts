// Stable error codes. They are part of the public contract: never rename one, only add.
export const ErrorCodes = {
  /** An input file does not exist. */
  INPUT_NOT_FOUND: 'E_INPUT_NOT_FOUND',
  /** An input path is a directory. */
  INPUT_IS_DIRECTORY: 'E_INPUT_IS_DIRECTORY',
  /** An input file is empty (or only whitespace/comments). */
  INPUT_EMPTY: 'E_INPUT_EMPTY',
  /** An input file looks binary. */
  INPUT_BINARY: 'E_INPUT_BINARY',
  /** An input file is larger than the limit. */
  INPUT_TOO_LARGE: 'E_INPUT_TOO_LARGE',
  /** An input file is not valid YAML/JSON. */
  INPUT_PARSE: 'E_INPUT_PARSE',
  /** An Idea Card, Decision Sheet or Source Spec breaks its schema. */
  SPEC_INVALID: 'E_SPEC_INVALID',
  /** The spec's meta.spec_version is newer than this engine supports. */
  SPEC_VERSION_UNSUPPORTED: 'E_SPEC_VERSION_UNSUPPORTED',
  /** A command-line flag has a bad value. */
  FLAG_INVALID: 'E_FLAG_INVALID',
  /** A configuration file is invalid. */
  CONFIG_INVALID: 'E_CONFIG_INVALID',
  /** No loaded plugin provides the requested pack. */
  PACK_NOT_FOUND: 'E_PACK_NOT_FOUND',
  /** No loaded plugin provides a needed agent. */
  AGENT_NOT_FOUND: 'E_AGENT_NOT_FOUND',
  /** An agent threw or returned something unusable. */
  AGENT_FAILED: 'E_AGENT_FAILED',
  /** A pack manifest breaks its schema or rules. */
  MANIFEST_INVALID: 'E_MANIFEST_INVALID',
  /** An artifact path is unsafe (absolute, `..`, reserved name…). */
  ARTIFACT_PATH_UNSAFE: 'E_ARTIFACT_PATH_UNSAFE',
  /** Two plugins claim the same pack id, agent id or command. */
  PLUGIN_CONFLICT: 'E_PLUGIN_CONFLICT',
  /** A template references a name that is not in its context. */
  TEMPLATE_UNDEFINED: 'E_TEMPLATE_UNDEFINED',
  /** A template failed to compile or render. */
  TEMPLATE_ERROR: 'E_TEMPLATE_ERROR',
  /** A rendered artifact failed its format's validator. */
  OUTPUT_INVALID: 'E_OUTPUT_INVALID',
  /** A pack-level traceability check failed (orphan ids). */
  TRACEABILITY: 'E_TRACEABILITY',
  /** The run used more steps or time than its budget. */
  BUDGET_EXCEEDED: 'E_BUDGET_EXCEEDED',
  /** One step took longer than the per-step timeout. */
  STEP_TIMEOUT: 'E_STEP_TIMEOUT',
  /** A generated artifact is larger than the limit. */
  ARTIFACT_TOO_LARGE: 'E_ARTIFACT_TOO_LARGE',
  /** Writing the output failed. */
  WRITE_FAILED: 'E_WRITE_FAILED',
  /** A generated folder does not match its artifact index. */
  VERIFY_MISMATCH: 'E_VERIFY_MISMATCH',
  /** A registry index is invalid or unreadable. */
  REGISTRY_INVALID: 'E_REGISTRY_INVALID',
  /** A package is not listed in any registry index. */
  REGISTRY_NOT_LISTED: 'E_REGISTRY_NOT_LISTED',
  /** A package version is outside the engine range or unlisted. */
  REGISTRY_INCOMPATIBLE: 'E_REGISTRY_INCOMPATIBLE',
  /** A tarball's integrity differs from the index. */
  INTEGRITY_MISMATCH: 'E_INTEGRITY_MISMATCH',
  /** A pack failed a validation gate. */
  GATE_FAILED: 'E_GATE_FAILED',
  /** The registry could not be reached. */
  REGISTRY_UNREACHABLE: 'E_REGISTRY_UNREACHABLE',
  /** Anything unexpected: a bug. */
  INTERNAL: 'E_INTERNAL',
  /** An evidence snapshot is missing, malformed, or cited wrongly. */
  EVIDENCE_INVALID: 'E_EVIDENCE_INVALID',
  /** A network source was given without --research (runs are offline by default). */
  NETWORK_DISABLED: 'E_NETWORK_DISABLED',
  /** Regenerating would overwrite files edited by hand since they were generated. */
  OUTPUT_EDITED: 'E_OUTPUT_EDITED',
  /** `studio update` could not merge some hand edits: conflict markers were written. */
  MERGE_CONFLICT: 'E_MERGE_CONFLICT',
  /** A pack's tarball or package.json breaks an install rule (the message names the rule and the file or key). */
  PACK_REFUSED: 'E_PACK_REFUSED',
  /** A registry index is unsigned or signed by a key the user has not trusted. */
  INDEX_UNTRUSTED: 'E_INDEX_UNTRUSTED',
  /** A registry index's signature does not match its contents. */
  INDEX_SIGNATURE_INVALID: 'E_INDEX_SIGNATURE_INVALID',
  /** The command line names no studio command (a suggestion is in the hint). */
  COMMAND_NOT_FOUND: 'E_COMMAND_NOT_FOUND',
  /** A command provided by oclif (`plugins link`, `plugins uninstall`…) refused or failed; its message says why. */
  COMMAND_FAILED: 'E_COMMAND_FAILED',
  /** A registry index lists the package version, but the npm registry in use does not have it. */
  PACKAGE_NOT_PUBLISHED: 'E_PACKAGE_NOT_PUBLISHED',
  /** A template reached something outside its data (a function, `constructor`, an inherited member). */
  TEMPLATE_UNSAFE: 'E_TEMPLATE_UNSAFE',
  /** A sandboxed agent ran out of memory or stack. */
  AGENT_RESOURCE: 'E_AGENT_RESOURCE',
  /** A sandboxed agent's view-model is not plain JSON data or is larger than the limit. */
  AGENT_OUTPUT: 'E_AGENT_OUTPUT',
  /** A pack's output breaks a host output rule (reserved name, format, count or size cap). */
  OUTPUT_LIMIT: 'E_OUTPUT_LIMIT',
  /** An input file exists but the operating system refused to read it (permissions, I/O error…). */
  INPUT_UNREADABLE: 'E_INPUT_UNREADABLE',
  /** Another run holds the lock on the output folder. */
  OUTPUT_LOCKED: 'E_OUTPUT_LOCKED',
  /** The research config names an embeddings model folder that cannot be used (missing, incomplete, not loadable, or transformers.js not installed). */
  EMBEDDINGS_UNAVAILABLE: 'E_EMBEDDINGS_UNAVAILABLE',
  /** A template or agent used a message id its pack's catalog does not have, or left out an argument. */
  MESSAGE_INVALID: 'E_MESSAGE_INVALID',
  /** A message catalog is malformed, or a locale catalog breaks the locale rules (arguments, plurals, markup). */
  CATALOG_INVALID: 'E_CATALOG_INVALID',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Codes that mean "your input (or a pack) is invalid": exit 2. Everything else exits 1. */
const INVALID_INPUT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCodes.INPUT_NOT_FOUND,
  ErrorCodes.INPUT_IS_DIRECTORY,
  ErrorCodes.INPUT_EMPTY,
  ErrorCodes.INPUT_BINARY,
  ErrorCodes.INPUT_TOO_LARGE,
  ErrorCodes.INPUT_PARSE,
  ErrorCodes.SPEC_INVALID,
  ErrorCodes.SPEC_VERSION_UNSUPPORTED,
  ErrorCodes.FLAG_INVALID,
  ErrorCodes.CONFIG_INVALID,
  ErrorCodes.PACK_NOT_FOUND,
  ErrorCodes.MANIFEST_INVALID,
  ErrorCodes.ARTIFACT_PATH_UNSAFE,
  ErrorCodes.TEMPLATE_UNDEFINED,
  ErrorCodes.OUTPUT_INVALID,
  ErrorCodes.TRACEABILITY,
  ErrorCodes.VERIFY_MISMATCH,
  ErrorCodes.REGISTRY_INVALID,
  ErrorCodes.REGISTRY_NOT_LISTED,
  ErrorCodes.REGISTRY_INCOMPATIBLE,
  ErrorCodes.INTEGRITY_MISMATCH,
  ErrorCodes.GATE_FAILED,
  ErrorCodes.PLUGIN_CONFLICT,
  ErrorCodes.EVIDENCE_INVALID,
  ErrorCodes.NETWORK_DISABLED,
  ErrorCodes.OUTPUT_EDITED,
  ErrorCodes.MERGE_CONFLICT,
  ErrorCodes.PACK_REFUSED,
  ErrorCodes.INDEX_UNTRUSTED,
  ErrorCodes.INDEX_SIGNATURE_INVALID,
  ErrorCodes.COMMAND_NOT_FOUND,
  ErrorCodes.COMMAND_FAILED,
  ErrorCodes.TEMPLATE_UNSAFE,
  ErrorCodes.AGENT_RESOURCE,
  ErrorCodes.AGENT_OUTPUT,
  ErrorCodes.OUTPUT_LIMIT,
  ErrorCodes.OUTPUT_LOCKED,
  ErrorCodes.EMBEDDINGS_UNAVAILABLE,
  ErrorCodes.MESSAGE_INVALID,
  ErrorCodes.CATALOG_INVALID,
]);

/** Exit code for an error code, per DESIGN §7: 2 invalid input or failed validation, 1 anything else. */
export function exitCodeFor(code: ErrorCode): 1 | 2 {
  return INVALID_INPUT_CODES.has(code) ? 2 : 1;
}
