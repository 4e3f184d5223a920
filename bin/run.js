#!/usr/bin/env node
// oclif checks its own Node engine range at import, which loads semver (~40 ms of every start);
// studio's own `engines` field already states what it needs.
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1';
const { execute } = await import('@oclif/core');

await execute({ dir: import.meta.url });
