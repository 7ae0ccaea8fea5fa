// Test projects: unit (pure, fast), integration (real DynamoDB Local and the local services),
// infra (CDK template assertions), e2e (headless Chromium against the local shop).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Modules that build an SDK client read these at import; unit tests never connect.
          env: { TABLE_NAME: 'unit-tests', AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'SILENT' },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/localServices.ts'],
          setupFiles: ['test/support/integrationSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
      },
    ],
  },
});
