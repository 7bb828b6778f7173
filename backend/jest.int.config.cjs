/** Integration tests: the real Nest app over HTTP against SQLite and, when TEST_DATABASE_URL is set, PostgreSQL. */
const { esmTransform, esmTransformIgnorePatterns } = require('../tools/jest-esm-deps.cjs');

module.exports = {
  displayName: 'backend-int',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    ...esmTransform,
  },
  transformIgnorePatterns: esmTransformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  maxWorkers: 2,
};
