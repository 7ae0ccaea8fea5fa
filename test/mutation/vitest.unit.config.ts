// The unit tests alone, as Stryker runs them against mutants of shared/domain/ (npm run mutation).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    env: { TABLE_NAME: 'unit-tests', AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
