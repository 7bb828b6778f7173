/** The authorization matrix: every route × role × scope over HTTP against a real app. */
const { esmTransform, esmTransformIgnorePatterns } = require('../../tools/jest-esm-deps.cjs');

module.exports = {
  displayName: 'authz-matrix',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }],
    ...esmTransform,
  },
  transformIgnorePatterns: esmTransformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
};
