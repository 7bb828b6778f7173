/** Unit tests: pure logic, no database, no HTTP. */
const { esmTransform, esmTransformIgnorePatterns } = require('../tools/jest-esm-deps.cjs');

module.exports = {
  displayName: 'backend-unit',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    ...esmTransform,
  },
  transformIgnorePatterns: esmTransformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'json'],
};
