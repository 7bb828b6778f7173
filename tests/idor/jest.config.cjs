/**
 * The IDOR sweep: every operation of backend/openapi.json with a path parameter × every actor,
 * asked about another scope's object and about a random id, over HTTP against a real app.
 */
const { esmTransform, esmTransformIgnorePatterns } = require('../../tools/jest-esm-deps.cjs');

module.exports = {
  displayName: 'idor',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }],
    ...esmTransform,
  },
  transformIgnorePatterns: esmTransformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 600000,
};
