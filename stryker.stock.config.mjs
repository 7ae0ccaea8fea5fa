// Mutation testing of the stock and payment modules against the integration tests that drive them
// (real DynamoDB Local and the local services): `npm run mutation`. See stryker.domain.config.mjs.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // The tests call the code through HTTP and the queues, not by importing it: run them all, per test.
  vitest: { configFile: 'test/mutation/vitest.stock.config.ts', related: false },
  // The stock transactions and the payment processor (override with --mutate for one of them; a whole
  // run of the four modules is ~1,300 mutants, hours on two cores).
  mutate: ['shared/db/holds.ts:84-329', 'shared/db/orderStock.ts:200-501', 'shared/orders/processPayment.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 60_000,
  incremental: true,
  incrementalFile: 'bench/reports/mutation/stock.incremental.json',
  reporters: ['json', 'html', 'progress'],
  jsonReporter: { fileName: 'bench/reports/mutation/stock.json' },
  htmlReporter: { fileName: 'bench/reports/mutation/stock.html' },
  tempDirName: '.stryker-tmp-stock',
  cleanTempDir: 'always',
  thresholds: { high: 85, low: 75, break: null },
};
