// Public API of the studio package: what tools and tests may import. Plugin contracts live in @studio/sdk.
export { compareCodePoints, slugify } from '@studio/sdk';
export type * from '@studio/sdk';
export { ErrorCodes, exitCodeFor, type ErrorCode } from './errors/codes.js';
export { StudioError, isStudioError, type ErrorDetail } from './errors/studio-error.js';
export { renderError } from './errors/render.js';
export { generate, STATES, type GenerateOptions, type GenerateResult } from './pipeline/orchestrator.js';
export { renderPacks, type RenderedArtifact } from './pipeline/render-packs.js';
export { createRunContext, type RunContext, type Budgets, type Clock } from './pipeline/run-context.js';
export { buildCatalog, pluginsFromOclif } from './plugins/discovery.js';
