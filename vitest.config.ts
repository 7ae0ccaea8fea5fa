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
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Builds the site (if stale) and starts DynamoDB Local, local SQS and SES once for the run.
          globalSetup: ['test/e2e/support/globalSetup.ts'],
          // Per file: the shop's port (for SHOP_URL in mailed links), then the same fresh table, queues,
          // secrets and payment sandbox as an integration test file.
          setupFiles: ['test/e2e/support/shopUrl.ts', 'test/support/integrationSetup.ts'],
          // The whole shop runs, its stream consumers with it: each file's table keeps a stream.
          env: { TEST_TABLE_STREAM: 'on' },
          // One headless Chromium at a time: two cores are not enough for several.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
