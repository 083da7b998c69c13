// Starts the local stack as a child process (exactly what `npm start` runs) on free ports, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StackInfo {
  apiBaseUrl: string;
  origin: string;
  settings: Record<string, string>;
  emailSinkUrl: string;
}

export interface StackProcess {
  info: StackInfo;
  child: ChildProcess;
  output(): string;
  /** Stops the stack; rejects when its host logged an unexpected function failure. */
  stop(): Promise<void>;
}

export const repoRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

/** Settings every test stack uses: tight throttles so a test can reach them, fast retries so failures show quickly. */
export const testStackArgs = [
  '--port',
  '0',
  '--no-timers',
  '--no-seed',
  '--ready-json',
  // The browser suite (portal/e2e) starts the portal; the API tests need none.
  '--no-portal',
  '--max-poll-ms',
  '100',
  '--visibility-timeout-seconds',
  '1',
  '--setting',
  'CONTACT_REQUESTS_PER_HOUR_PER_EMAIL=3',
  '--setting',
  'CONTACT_REQUESTS_PER_HOUR_PER_PARTNER=1000',
  // Every test calls from 127.0.0.1 and many reuse a partner: the throttle tests set these low on stacks of their own.
  '--setting',
  'CONTACT_REQUESTS_PER_HOUR_PER_CLIENT=100000',
  '--setting',
  'INVITATIONS_PER_HOUR_PER_PARTNER=100000',
  '--setting',
  'INVITATIONS_PER_DAY_PER_RECIPIENT=100000',
  // Webhook retries 1, 2, 4 s apart, and a receiver disabled after 4 failures in a row, so tests reach both.
  '--setting',
  'WEBHOOK_RETRY_BASE_SECONDS=1',
  '--setting',
  'WEBHOOK_MAX_CONSECUTIVE_FAILURES=4',
];

/** What the local host prints when a function failed: a queue or timer invocation that threw, an HTTP 500. */
const FUNCTION_FAILURE = /\] failed\b|unhandled error|local host: request failed/;
/** Failures a test caused on purpose: the email sink's and the Cosmos fault proxy's injected faults. */
const INJECTED = [/Injected fault/, /Injected by the local Cosmos fault proxy/];

/**
 * The lines of a stack's output that say a function failed for a reason no test injected. Every test run checks its
 * stacks with it when they stop, so an unexpected 500 or a crashing queue job fails the run even if no assertion
 * looked at it.
 */
export function unexpectedFunctionFailures(output: string, expected: readonly RegExp[] = []): string[] {
  return output
    .split('\n')
    .filter((line) => FUNCTION_FAILURE.test(line))
    .filter((line) => ![...INJECTED, ...expected].some((pattern) => pattern.test(line)));
}

export interface StackOptions {
  /** Failures this test provokes on purpose (beyond the email sink's injected faults), so `stop()` accepts them. */
  expectedFailures?: readonly RegExp[];
}

export async function startStackProcess(
  extraArgs: string[] = [],
  args: string[] = testStackArgs,
  options: StackOptions = {},
): Promise<StackProcess> {
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', path.join(repoRoot, 'dist', 'scripts', 'start-local-stack.js'), ...args, ...extraArgs],
    {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const info = await new Promise<StackInfo>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`stack did not start in 120s:\n${output.slice(-2000)}`)), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('LOCAL_STACK_READY '));
      if (line) {
        clearTimeout(timeout);
        resolve(JSON.parse(line.slice('LOCAL_STACK_READY '.length)) as StackInfo);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`stack exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
  return {
    info,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      const failures = unexpectedFunctionFailures(output, options.expectedFailures);
      if (failures.length > 0) {
        throw new Error(
          `the local host logged ${failures.length} unexpected function failure(s):\n${failures.slice(0, 20).join('\n')}`,
        );
      }
    },
  };
}
