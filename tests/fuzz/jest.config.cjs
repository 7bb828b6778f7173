/**
 * Fuzzing driven by the OpenAPI document (fast-check): every operation × every demo role, over
 * HTTP against a real app. FUZZ_PROFILE=short (npm test) or full (npm run test:full).
 */
const { esmTransform, esmTransformIgnorePatterns } = require('../../tools/jest-esm-deps.cjs');

module.exports = {
  displayName: 'fuzz',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }],
    ...esmTransform,
  },
  transformIgnorePatterns: esmTransformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 1800000,
};
