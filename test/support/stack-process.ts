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
  '--max-poll-ms',
  '100',
  '--visibility-timeout-seconds',
  '1',
  '--setting',
  'CONTACT_REQUESTS_PER_HOUR_PER_EMAIL=3',
  '--setting',
  'CONTACT_REQUESTS_PER_HOUR_PER_PARTNER=1000',
];

export async function startStackProcess(extraArgs: string[] = [], args: string[] = testStackArgs): Promise<StackProcess> {
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
    const timeout = setTimeout(() => reject(new Error(`stack did not start in 60s:\n${output.slice(-2000)}`)), 60_000);
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
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
