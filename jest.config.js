// Jest runs the compiled tests (npm test builds first), so app code and tests are the very JS that ships.
//
// Two projects:
// - `fast`: the use cases on in-memory fakes of the repository ports (`*.fast.test.ts`) and the pure rules
//   (`*-rules.test.ts`); no emulator, no global setup. `npm run test:fast` runs only this project (jest.fast.config.js).
// - `integration`: everything else, over HTTP and the real emulators. Its global setup starts one local stack, and
//   Jest runs a project's global setup only when at least one of its tests is selected, so the fast tier never
//   pays for the stack.
// `npm test` runs both.
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test'],
  transform: {},
};

const fastTier = ['\\.fast\\.test\\.js$', '-rules\\.test\\.js$'];

/** @type {import('jest').Config} */
export default {
  // A bound for hangs, not a speed check: tests start stacks of their own and must pass on a loaded 2-core machine.
  testTimeout: 120_000,
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'fast',
      testRegex: fastTier,
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.test.js'],
      testPathIgnorePatterns: ['/node_modules/', ...fastTier],
      globalSetup: '<rootDir>/dist/test/support/global-setup.js',
      globalTeardown: '<rootDir>/dist/test/support/global-teardown.js',
    },
  ],
};
