// Mutation testing of the pure rules (shared/domain/) against the unit tests: `npm run mutation`.
// The summary with every surviving mutant and why it is equivalent is bench/reports/mutation.md
// (test/mutation/summarize.ts); equivalences are kept in test/mutation/equivalents.json.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'test/mutation/vitest.unit.config.ts', related: false },
  mutate: ['shared/domain/**/*.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: 'bench/reports/mutation/domain.incremental.json',
  reporters: ['json', 'html', 'progress'],
  jsonReporter: { fileName: 'bench/reports/mutation/domain.json' },
  htmlReporter: { fileName: 'bench/reports/mutation/domain.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 85, break: null },
};
