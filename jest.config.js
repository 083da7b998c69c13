// Jest runs the compiled tests (npm test builds first), so app code and tests are the very JS that ships.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test'],
  testMatch: ['**/*.test.js'],
  transform: {},
  globalSetup: '<rootDir>/dist/test/support/global-setup.js',
  globalTeardown: '<rootDir>/dist/test/support/global-teardown.js',
  // A bound for hangs, not a speed check: tests start stacks of their own and must pass on a loaded 2-core machine.
  testTimeout: 120_000,
  maxWorkers: 2,
};
