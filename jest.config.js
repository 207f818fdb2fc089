/** Type checking is done once by `tsc --noEmit` in `npm test`, so ts-jest only transpiles (isolatedModules). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist-bench/'],
  // segment-fold/snapshots: the jest 27 snapshots the Segment export carries, not this repository's tests'.
  modulePathIgnorePatterns: [
    '<rootDir>/dist/',
    '<rootDir>/dist-bench/',
    '<rootDir>/scripts/upstream/segment-fold/snapshots/'
  ],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }]
  },
  // The destinations import the core by its package name, as they would in a host's repository.
  moduleNameMapper: { '^msads-conversions$': '<rootDir>/src/index.ts' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/scripts/jest-home.js',
  globalTeardown: '<rootDir>/scripts/jest-home-teardown.js'
}
