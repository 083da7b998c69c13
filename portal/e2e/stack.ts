// What the browser suite runs against: one local stack (the one `npm start` runs) with the portal on its own origin,
// started by global-setup.ts, and Debian's Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LaunchOptions } from '@playwright/test';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Screenshots, traces and the JSON report (read by .ci/run for its closing line). */
export const resultsDir = path.join(repoRoot, 'test-results', 'portal');

export interface StackInfo {
  apiBaseUrl: string;
  origin: string;
  portalUrl: string;
}

/** Chromium from the Debian package (or CHROMIUM_PATH): missing is a failure with the fix, never a skip. */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not installed at ${executablePath}: apt-get update && apt-get install -y chromium (.ci/run does it), or set CHROMIUM_PATH.`,
    );
  }
  return {
    executablePath,
    // Playwright gives every launch a fresh, temporary profile (--user-data-dir) of its own.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}

const STACK_ENV = 'PORTAL_E2E_STACK';

/** The stack the tests use, as global-setup.ts left it in the environment (inherited by the workers). */
export function stackInfo(): StackInfo {
  const raw = process.env[STACK_ENV];
  if (!raw) throw new Error(`${STACK_ENV} is not set: run the suite with its config (npm run test:portal)`);
  return JSON.parse(raw) as StackInfo;
}

/** Starts the stack as `npm start` does, on free ports, and waits for it to be ready. */
export async function startStack(): Promise<{ info: StackInfo; stop(): Promise<void> }> {
  const main = path.join(repoRoot, 'dist', 'scripts', 'start-local-stack.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build the app first (npm run build; npm run test:portal does)`);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      main,
      '--port',
      '0',
      '--no-timers',
      '--ready-json',
      '--max-poll-ms',
      '100',
      // Every browser calls from 127.0.0.1, and the suites send many requests: no throttle should interfere.
      '--setting',
      'CONTACT_REQUESTS_PER_HOUR_PER_CLIENT=100000',
      '--setting',
      'CONTACT_REQUESTS_PER_HOUR_PER_PARTNER=100000',
      '--setting',
      'INVITATIONS_PER_HOUR_PER_PARTNER=100000',
    ],
    // stdin stays open: the stack stops by itself if this process dies without stopping it.
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  const info = await new Promise<StackInfo>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('LOCAL_STACK_READY '));
      if (line) resolve(JSON.parse(line.slice('LOCAL_STACK_READY '.length)) as StackInfo);
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the stack exited with ${code}:\n${output.slice(-3000)}`)));
  });
  if (!info.portalUrl) throw new Error(`the stack serves no portal:\n${output.slice(-2000)}`);
  return {
    info,
    stop: async () => {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      // As for the API's tests: a function that failed (an HTTP 500, a queue job that threw) fails the run, even if
      // no page showed it.
      const failures = output.split('\n').filter((line) => FUNCTION_FAILURE.test(line));
      if (failures.length > 0) {
        throw new Error(`the local host logged ${failures.length} function failure(s):\n${failures.slice(0, 20).join('\n')}`);
      }
    },
  };
}

/** What the local host prints when a function failed (the same lines test/support/stack-process.ts looks for). */
const FUNCTION_FAILURE = /\] failed\b|unhandled error|local host: request failed/;

export const setStackInfo = (info: StackInfo): void => {
  process.env[STACK_ENV] = JSON.stringify(info);
};
