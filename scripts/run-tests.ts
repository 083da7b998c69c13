// `npm test` (after the build): every test — Jest on the compiled tests (the API, the local stack, infra), then the
// portal's browser suite (Playwright, portal/e2e). Arguments go to Jest (`.ci/run` passes --json --outputFile=…);
// Playwright writes its own JSON report (test-results/portal/report.json), which `.ci/run` adds to its closing count.
// Both suites always run; the exit code is non-zero when either failed.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './portal/build-stamp.js';

const require = createRequire(import.meta.url);
const binOf = (pkg: string, relative: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), relative);

function run(what: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    console.log(`\n── ${what} ──\n`);
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  // Built (or found current) once, before any stack starts: the browser suite's stack and `npm start`'s own test
  // then serve it without building it themselves.
  const portal = await run('portal build', [path.join(repoRoot, 'portal', 'tools', 'run.mjs'), 'ensure']);
  if (portal !== 0) return portal;

  const jest = await run('Jest: API, local stack and infra tests', [
    '--enable-source-maps',
    '--experimental-vm-modules',
    binOf('jest', 'bin/jest.js'),
    ...process.argv.slice(2),
  ]);

  // A report left by an earlier run must not be counted if this one cannot write its own.
  rmSync(path.join(repoRoot, 'test-results', 'portal', 'report.json'), { force: true });
  const playwright = await run('Playwright: the portal in Chromium', [
    binOf('@playwright/test', 'cli.js'),
    'test',
    '-c',
    path.join(repoRoot, 'portal', 'e2e', 'playwright.config.ts'),
  ]);

  console.log(
    `\nJest ${jest === 0 ? 'passed' : `failed (exit ${jest})`}; Playwright ${playwright === 0 ? 'passed' : `failed (exit ${playwright})`}.`,
  );
  return jest !== 0 ? jest : playwright;
}

process.exitCode = await main();
