// The esbuild options every CommonJS bundle of the build shares: one file for Node 20, the studio's
// own floor (the hot commands, oclif, nunjucks, the validation worker and the agent bundles).
export const NODE_CJS = Object.freeze({
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
