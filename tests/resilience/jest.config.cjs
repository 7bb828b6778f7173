/**
 * Resilience against faults, on the BUILT server (dist/backend): SIGKILL in the middle of a write
 * burst. Run after `npm run build` (npm test does).
 */
module.exports = {
  displayName: 'resilience',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 300000,
};
