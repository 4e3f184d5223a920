// Unit tests only, for mutation testing (npm run mutation): fast, no built CLI, no registry.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/util/**/*.test.ts',
      'test/pipeline/traceability.test.ts',
      'test/pipeline/step-runner.test.ts',
      'test/plugins/discovery.test.ts',
      'test/spec/**/*.test.ts',
    ],
    testTimeout: 60_000,
  },
});
