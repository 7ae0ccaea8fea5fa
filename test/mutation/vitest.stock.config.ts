// The integration tests that drive the stock and payment modules, as Stryker runs them against mutants
// of shared/db/holds.ts, shared/db/orderStock.ts, shared/orders/processPayment.ts and
// shared/carts/carts.ts (npm run mutation): real DynamoDB Local, SQS, SES and the payment sandbox.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/integration/carts.test.ts',
      'test/integration/holdRelease.test.ts',
      'test/integration/orders.test.ts',
      'test/integration/adminStock.test.ts',
      'test/integration/transitionEffects.test.ts',
      'test/integration/providerPayments.test.ts',
      'test/integration/exactlyOnce.test.ts',
    ],
    globalSetup: ['test/support/localServices.ts'],
    setupFiles: ['test/support/integrationSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
