// Runs the outside tools the contract tests use (the Redocly CLI, openapi-typescript, tsc, bash) as child processes.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** A safety net, not a measurement: a child still running then is killed (code null), so no test leaves one behind. */
  killAfterMs?: number;
}

/** Runs `command` to completion; never throws for a non-zero exit (tests assert on `code` and the output). */
export function runProcess(command: string, args: readonly string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 180_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => {
      clearTimeout(killer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The script of an npm package's command (`bin`), to run with this Node.js: no shell, no PATH lookup. */
export function packageBin(packageName: string, command: string): string {
  const manifestPath = createRequire(import.meta.url).resolve(`${packageName}/package.json`);
  const manifest = createRequire(import.meta.url)(manifestPath) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[command];
  if (!bin) throw new Error(`${packageName} has no command ${command}`);
  return path.join(path.dirname(manifestPath), bin);
}

/** Runs an npm package's command with this Node.js. */
export const runPackageBin = (packageName: string, command: string, args: readonly string[], options: ProcessOptions = {}) =>
  runProcess(process.execPath, [packageBin(packageName, command), ...args], options);

/** The environment for the Redocly CLI: no usage telemetry, no update check (CI has no business calling home). */
export const redoclyEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
});
