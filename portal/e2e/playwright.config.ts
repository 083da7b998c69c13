// The portal's browser suite: Playwright's runner driving Debian's Chromium (no browser download; CHROMIUM_PATH to use
// another), against a local stack that global-setup.ts starts with the portal on its own origin.
// `npm run test:portal` runs it alone; `npm test` runs it after Jest.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, resultsDir } from './stack.js';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // Screenshots of every page (and traces of failures) stay here after the run; git ignores test-results/.
  outputDir: `${resultsDir}/artifacts`,
  globalSetup: './global-setup.ts',
  // Two workers on a 2-core machine that other suites share: each test has its own tenants, so they do not meet.
  workers: 2,
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  // Bounds for hangs on a loaded machine, not speed checks: every step waits for a condition.
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: `${resultsDir}/report.json` }]],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 900 },
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
