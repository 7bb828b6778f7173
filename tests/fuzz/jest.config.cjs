/**
 * Fuzzing driven by the OpenAPI document (fast-check): every operation × every demo role, over
 * HTTP against a real app. FUZZ_PROFILE=short (npm test) or full (npm run test:full).
 */
module.exports = {
  displayName: 'fuzz',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 1800000,
};
