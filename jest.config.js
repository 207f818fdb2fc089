/** Type checking is done once by `tsc --noEmit` in `npm test`, so ts-jest only transpiles. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/destinations', '<rootDir>/fields', '<rootDir>/__tests__', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }]
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000
}
