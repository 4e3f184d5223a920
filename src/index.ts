// Public API of the studio package: what tools and tests may import. Plugin contracts live in @studio/sdk.
export { compareCodePoints, slugify } from '@studio/sdk';
export type * from '@studio/sdk';
export { ErrorCodes, exitCodeFor, type ErrorCode } from './errors/codes.js';
export { StudioError, isStudioError, type ErrorDetail } from './errors/studio-error.js';
export { errorJson, renderError } from './errors/render.js';
export { generate, STATES, type GenerateOptions, type GenerateResult } from './pipeline/orchestrator.js';
export { renderPacks, type RenderedArtifact } from './pipeline/render-packs.js';
export { agentContext } from './pipeline/stages/run-agents.js';
export { createRunContext, type RunContext, type Budgets, type Clock } from './pipeline/run-context.js';
export { buildCatalog, catalogFromFolders, pluginsFromOclif } from './plugins/discovery.js';
// Host services for first-party command plugins (the Librarian's `studio research`), reached through the
// host's root (oclif's config.root): building a spec and reading config the same way `generate` does.
export { buildSpec, parseDials } from './spec/build-spec.js';
export { readDocument } from './inputs/read-document.js';
export { loadStudioConfig } from './inputs/config.js';
export { canonicalJson } from './util/canonical-json.js';
export { sourceDateEpoch } from './output/epoch.js';
export { toStudioError } from './errors/render.js';
export { readSnapshot, SNAPSHOT_FILE } from './pipeline/stages/research.js';
// Message catalogs and their formatting (the `t` filter's translator), for packs' and agents' tests.
export { parseCatalog, SOURCE_LOCALE } from './i18n/catalog.js';
export { createTranslator, type Translator } from './i18n/translate.js';
