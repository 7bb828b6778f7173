/**
 * Resilience against faults, on the BUILT server (dist/backend): SIGKILL in the middle of a write
 * burst. Run after `npm run build` (npm test does).
 */
const { esmTransform, esmTransformIgnorePatterns } = require('../../tools/jest-esm-deps.cjs');

module.exports = {
  displayName: 'resilience',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }],
    ...esmTransform,
  },
  transformIgnorePatterns: esmTransformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 300000,
};
